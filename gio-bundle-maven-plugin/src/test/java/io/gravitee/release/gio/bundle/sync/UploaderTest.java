package io.gravitee.release.gio.bundle.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gravitee.release.gio.bundle.BucketLayout;
import io.gravitee.release.gio.bundle.BundleException;
import io.gravitee.release.gio.bundle.Channel;
import io.gravitee.release.gio.bundle.s3.S3Store;
import io.gravitee.release.gio.bundle.s3.TestS3;
import io.gravitee.release.gio.bundle.s3.S3Store.RemoteObject;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.transfer.Checksums;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Uploads against a real S3 API (S3Proxy, in-memory backend). */
class UploaderTest {
    private static final String BUCKET = "downloads";
    private static final String PREFIX = "graviteeio-apim";

    @RegisterExtension
    static final S3ProxyExtension S3 = TestS3.server();

    @TempDir
    Path work;

    private Path source;
    private S3Store store;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final Console console = Console.of(new PrintStream(log, true, StandardCharsets.UTF_8));

    @BeforeEach
    void createBucketAndTree() throws Exception {
        TestS3.makeBucket(S3, BUCKET);
        source = work.resolve("gio-bundle");
        write("distributions/graviteeio-full-3.8.7.zip", "full distribution 3.8.7");
        write("components/gravitee-gateway/gravitee-gateway-3.8.7.zip", "gateway 3.8.7");
        write("components/gravitee-rest-api/gravitee-rest-api-3.8.7.zip", "rest api 3.8.7");
        write("plugins/policies/gravitee-policy-mock/gravitee-policy-mock-1.13.0.zip", "mock policy");
        store = TestS3.connect(S3, BUCKET);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private void write(String relative, String content) throws Exception {
        Path file = source.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private UploadReport upload(Channel channel, boolean dryRun) throws Exception {
        BucketLayout layout = new BucketLayout(PREFIX);
        return Uploader.of(store, console).upload(
                new Uploader.Options(source, layout, channel, dryRun, 4, Uploader.Options.DEFAULT_PART_SIZE, digestCache()));
    }

    /** Where gio-bundle:upload keeps the MD5s of the source between runs: every upload here uses it. */
    private Path digestCache() {
        return work.resolve("target/gio/upload-digests.properties");
    }

    private Map<String, RemoteObject> bucket() throws Exception {
        return store.list("").stream().collect(Collectors.toMap(RemoteObject::key, o -> o, (a, b) -> a, TreeMap::new));
    }

    private String read(String key) throws Exception {
        try (InputStream in = store.get(key)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void firstUploadWritesLayoutChecksumsAndIndexesThenASecondUploadWritesNothing() throws Exception {
        UploadReport first = upload(Channel.RELEASE, false);

        Map<String, RemoteObject> objects = bucket();
        String zip = PREFIX + "/components/gravitee-gateway/gravitee-gateway-3.8.7.zip";
        assertTrue(objects.containsKey(zip));
        for (String suffix : List.of(".sha1", ".md5", ".sha512sum")) {
            assertTrue(objects.containsKey(zip + suffix), suffix);
        }
        for (String dir : List.of("", "/distributions", "/components", "/components/gravitee-gateway", "/plugins",
                "/plugins/policies", "/plugins/policies/gravitee-policy-mock")) {
            assertTrue(objects.containsKey(PREFIX + dir + "/index.html"), "index of " + dir);
        }
        assertEquals(4 * 4 + 8, objects.size());
        assertEquals(4, first.filesUploaded());
        assertTrue(Files.isRegularFile(digestCache()));
        assertEquals(objects.size(), first.written().size());
        assertEquals(Checksums.of("gateway 3.8.7".getBytes(StandardCharsets.UTF_8)).sha1() + "  gravitee-gateway-3.8.7.zip\n",
                read(zip + ".sha1"));

        // The checksum files verify with coreutils in a download directory.
        Path downloads = Files.createDirectories(work.resolve("downloads"));
        for (String suffix : List.of("", ".sha1", ".md5", ".sha512sum")) {
            try (InputStream in = store.get(zip + suffix)) {
                Files.copy(in, downloads.resolve("gravitee-gateway-3.8.7.zip" + suffix));
            }
        }
        assertEquals(0, run(downloads, "sha1sum", "-c", "gravitee-gateway-3.8.7.zip.sha1"));
        assertEquals(0, run(downloads, "md5sum", "-c", "gravitee-gateway-3.8.7.zip.md5"));
        assertEquals(0, run(downloads, "sha512sum", "-c", "gravitee-gateway-3.8.7.zip.sha512sum"));

        Thread.sleep(1100); // S3 timestamps have one-second resolution: a rewrite must be visible
        UploadReport second = upload(Channel.RELEASE, false);
        assertEquals(List.of(), second.written());
        assertEquals(4, second.unchanged());
        assertEquals(objects, bucket(), "no object rewritten");
    }

    @Test
    void anAddedFileWritesOnlyItsChecksumsAndTheIndexesItAffects() throws Exception {
        upload(Channel.RELEASE, false);
        write("components/gravitee-gateway/gravitee-gateway-3.8.8.zip", "gateway 3.8.8");
        write("components/gravitee-am/gravitee-am-3.8.8.zip", "am 3.8.8");

        UploadReport report = upload(Channel.RELEASE, false);

        String gw = PREFIX + "/components/gravitee-gateway/gravitee-gateway-3.8.8.zip";
        String am = PREFIX + "/components/gravitee-am/gravitee-am-3.8.8.zip";
        assertEquals(
                new java.util.TreeSet<>(List.of(gw, gw + ".sha1", gw + ".md5", gw + ".sha512sum",
                        am, am + ".sha1", am + ".md5", am + ".sha512sum",
                        PREFIX + "/components/gravitee-gateway/index.html",
                        PREFIX + "/components/gravitee-am/index.html",
                        PREFIX + "/components/index.html")),
                new java.util.TreeSet<>(report.written()));
        assertTrue(read(PREFIX + "/components/index.html").contains("gravitee-am/index.html"));
    }

    @Test
    void nightlyOverwritesChangedFilesAndDeletesWhatTheSourceNoLongerHas() throws Exception {
        write("plugins/resources/gravitee-resource-cache/gravitee-resource-cache-1.0.0.zip", "cache resource");
        upload(Channel.NIGHTLY, false);
        write("components/gravitee-gateway/gravitee-gateway-3.8.7.zip", "gateway rebuilt tonight");
        Files.delete(source.resolve("plugins/policies/gravitee-policy-mock/gravitee-policy-mock-1.13.0.zip"));

        UploadReport report = upload(Channel.NIGHTLY, false);

        String gw = PREFIX + "/components/gravitee-gateway/gravitee-gateway-3.8.7.zip";
        assertEquals(new java.util.TreeSet<>(List.of(gw, gw + ".sha1", gw + ".md5", gw + ".sha512sum",
                PREFIX + "/components/gravitee-gateway/index.html", PREFIX + "/plugins/index.html")),
                new java.util.TreeSet<>(report.written()));
        assertEquals("gateway rebuilt tonight", read(gw));
        Map<String, RemoteObject> objects = bucket();
        assertFalse(objects.keySet().stream().anyMatch(k -> k.contains("gravitee-policy-mock")), objects.keySet().toString());
        assertFalse(objects.containsKey(PREFIX + "/plugins/policies/index.html"));
        assertFalse(read(PREFIX + "/plugins/index.html").contains("policies"));
        assertTrue(read(PREFIX + "/plugins/index.html").contains("resources/index.html"));
        assertTrue(report.deleted().contains(PREFIX + "/plugins/policies/gravitee-policy-mock/index.html"));
        assertTrue(report.deleted().contains(PREFIX + "/plugins/policies/gravitee-policy-mock/gravitee-policy-mock-1.13.0.zip.sha1"));
    }

    @Test
    void aChangeThatKeepsTheSizeIsFoundByTheDigestsInBothChannels() throws Exception {
        upload(Channel.RELEASE, false);
        String gw = PREFIX + "/components/gravitee-gateway/gravitee-gateway-3.8.7.zip";
        write("components/gravitee-gateway/gravitee-gateway-3.8.7.zip", "gateway 3.8.X"); // same length as "gateway 3.8.7"
        Map<String, RemoteObject> before = bucket();

        BundleException refused = assertThrows(BundleException.class, () -> upload(Channel.RELEASE, false));
        assertTrue(refused.getMessage().contains(gw), refused.getMessage());
        assertEquals(before, bucket(), "release channel: nothing written");

        UploadReport nightly = upload(Channel.NIGHTLY, false);
        // The directory's page is rewritten only if it reads differently (its dates have minutes, not seconds).
        assertEquals(new java.util.TreeSet<>(List.of(gw, gw + ".sha1", gw + ".md5", gw + ".sha512sum")),
                nightly.written().stream().filter(key -> !key.endsWith("/index.html"))
                        .collect(Collectors.toCollection(java.util.TreeSet::new)));
        assertEquals("gateway 3.8.X", read(gw));
        assertEquals(Checksums.of("gateway 3.8.X".getBytes(StandardCharsets.UTF_8)).sha1() + "  gravitee-gateway-3.8.7.zip\n",
                read(gw + ".sha1"));
    }

    @Test
    void releaseRefusesChangedContentBeforeWritingAnything() throws Exception {
        upload(Channel.RELEASE, false);
        Map<String, RemoteObject> before = bucket();
        write("components/gravitee-gateway/gravitee-gateway-3.8.7.zip", "gateway 3.8.7 rebuilt");
        write("components/gravitee-gateway/gravitee-gateway-3.8.9.zip", "a new file that must not be written either");

        BundleException e = assertThrows(BundleException.class, () -> upload(Channel.RELEASE, false));

        assertTrue(e.getMessage().contains(PREFIX + "/components/gravitee-gateway/gravitee-gateway-3.8.7.zip"), e.getMessage());
        assertTrue(e.getMessage().contains("Nothing was written"), e.getMessage());
        assertEquals(before, bucket());
    }

    @Test
    void dryRunPrintsThePlanAndWritesNothing() throws Exception {
        UploadReport report = upload(Channel.RELEASE, true);

        assertTrue(bucket().isEmpty());
        assertFalse(Files.exists(digestCache()), "a dry run writes nothing anywhere");
        assertTrue(report.dryRun());
        // 4 files, their 12 checksum files, and the 8 index pages the real upload writes (parents of new directories too).
        assertEquals(24, report.written().size());
        String out = log.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("upload    " + PREFIX + "/distributions/graviteeio-full-3.8.7.zip"), out);
        assertTrue(out.contains("refresh   " + PREFIX + "/plugins/policies/gravitee-policy-mock/index.html"), out);
        assertTrue(out.contains("refresh   " + PREFIX + "/plugins/index.html"), "a new directory's parent: " + out);
    }

    @Test
    void largeFileGoesMultipartAndComesBackIdenticalThenIsSkipped() throws Exception {
        Path big = source.resolve("distributions/graviteeio-full-4.0.0.zip");
        byte[] block = new byte[1024 * 1024];
        Random random = new Random(1);
        try (var out = Files.newOutputStream(big)) {
            for (int i = 0; i < 65; i++) {
                random.nextBytes(block);
                out.write(block);
            }
        }
        Checksums expected = Checksums.of(big);

        upload(Channel.RELEASE, false);

        RemoteObject object = bucket().get(PREFIX + "/distributions/graviteeio-full-4.0.0.zip");
        assertTrue(object.etag().contains("-"), "multipart ETag expected, got " + object.etag());
        assertEquals(65L * 1024 * 1024, object.size());
        try (InputStream in = store.get(object.key())) {
            assertEquals(expected, Checksums.of(in));
        }
        assertEquals(expected.sha256(), store.sha256(object.key()).orElseThrow());
        String out = log.toString(StandardCharsets.UTF_8);
        assertTrue(java.util.regex.Pattern.compile("Upload: [0-4]/5 files, [1-6][0-9]\\.\\d MiB of 65\\.0 MiB").matcher(out).find(),
                "progress shows the parts of the large file while it is unfinished: " + out);
        UploadReport again = upload(Channel.RELEASE, false);
        assertEquals(List.of(), again.written(), "recognised by the SHA-256 in its metadata");
    }

    @Test
    void indexGoalRecreatesMissingPagesAndLeavesUpToDateOnes() throws Exception {
        upload(Channel.RELEASE, false);
        List<String> pages = bucket().keySet().stream().filter(k -> k.endsWith("/index.html")).toList();
        store.delete(List.of(PREFIX + "/components/index.html", PREFIX + "/index.html"));
        store.put(PREFIX + "/stale/index.html", "<html>".getBytes(StandardCharsets.UTF_8), "x", "text/html");
        var indexer = new io.gravitee.release.gio.bundle.index.SiteIndexer(store, console,
                io.gravitee.release.gio.transfer.Retry.of(S3Store.retryPolicy(), console));

        var refresh = indexer.reindex(new BucketLayout(PREFIX), false);

        assertEquals(List.of("components/index.html", "index.html"),
                refresh.writes().stream().map(SyncPlan.Generated::relativePath).sorted().toList());
        assertEquals(List.of("stale/index.html"), refresh.deletes());
        assertEquals(pages, bucket().keySet().stream().filter(k -> k.endsWith("/index.html")).toList());
        assertTrue(indexer.reindex(new BucketLayout(PREFIX), false).writes().isEmpty());
    }

    private static int run(Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        return process.exitValue();
    }
}

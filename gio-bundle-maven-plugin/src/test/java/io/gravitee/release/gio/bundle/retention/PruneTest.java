package io.gravitee.release.gio.bundle.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gravitee.release.gio.bundle.BucketLayout;
import io.gravitee.release.gio.bundle.Channel;
import io.gravitee.release.gio.bundle.s3.S3Store;
import io.gravitee.release.gio.bundle.s3.TestS3;
import io.gravitee.release.gio.bundle.s3.S3Store.RemoteObject;
import io.gravitee.release.gio.bundle.sync.Uploader;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.transfer.Retry;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention against S3Proxy, on a bucket seeded with five years of releases: 3.0 to 3.20 every two months from
 * January 2020, 4.0 to 4.5 every three months from July 2023, three patches a line, one a month. S3Proxy dates
 * every object "now", so the release days come from a {@code releaseDates} file as after a migration.
 */
class PruneTest {
    private static final String PREFIX = "graviteeio-apim";
    private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");

    @RegisterExtension
    static final S3ProxyExtension S3 = TestS3.server();

    @TempDir
    static Path work;

    static S3Store store;
    static int bucketNumber;
    static final List<String> VERSIONS = new ArrayList<>();
    static final StringBuilder DATES = new StringBuilder("{\n");

    static {
        LocalDate three = LocalDate.of(2020, 1, 15);
        for (int minor = 0; minor <= 20; minor++) {
            addLine("3." + minor, three.plusMonths(2L * minor));
        }
        LocalDate four = LocalDate.of(2023, 7, 15);
        for (int minor = 0; minor <= 5; minor++) {
            addLine("4." + minor, four.plusMonths(3L * minor));
        }
        DATES.setLength(DATES.length() - 2);
        DATES.append("\n}\n");
    }

    private static void addLine(String line, LocalDate first) {
        for (int patch = 0; patch < 3; patch++) {
            String version = line + "." + patch;
            VERSIONS.add(version);
            DATES.append("  \"").append(version).append("\": \"").append(first.plusMonths(patch)).append("\",\n");
        }
    }

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final Console console = Console.of(new PrintStream(log, true, StandardCharsets.UTF_8));

    @BeforeAll
    static void connect() {
        store = null;
    }

    @AfterAll
    static void close() {
        if (store != null) {
            store.close();
        }
    }

    /** A fresh bucket holding the whole history, uploaded by gio itself (checksums and index pages included). */
    private S3Store seededBucket() throws Exception {
        String bucket = "downloads-" + (++bucketNumber);
        TestS3.makeBucket(S3, bucket);
        Path source = work.resolve(bucket);
        for (String version : VERSIONS) {
            write(source, "distributions/graviteeio-full-" + version + ".zip", "full " + version);
            write(source, "components/gravitee-gateway/gravitee-gateway-" + version + ".zip", "gateway " + version);
        }
        write(source, "plugins/policies/gravitee-policy-mock/gravitee-policy-mock-1.13.0.zip", "mock");
        if (store != null) {
            store.close();
        }
        store = TestS3.connect(S3, bucket);
        // Nightlies are told apart by when they were stored (S3 keeps seconds): each goes up in its own second, oldest
        // first, as they would night after night. Uploaded together, their order would be left to chance.
        for (int day = 1; day <= 5; day++) {
            write(source, "nightly/4.6.0-2025051" + day + "/graviteeio-full-4.6.0-SNAPSHOT.zip", "nightly " + day);
            Uploader.of(store, Console.silent()).upload(new Uploader.Options(
                    source, new BucketLayout(PREFIX), Channel.RELEASE, false, 8, Uploader.Options.DEFAULT_PART_SIZE));
            Thread.sleep(1_100);
        }
        return store;
    }

    private static void write(Path root, String relative, String content) throws Exception {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private Path policy(String json) throws Exception {
        Path dir = Files.createTempDirectory(work, "policy");
        Files.writeString(dir.resolve("release-dates.json"), DATES);
        return Files.writeString(dir.resolve("retention.json"), json);
    }

    private static final String POLICY = """
            {
              "releases": {
                "supportMonths": 12,
                "lts": { "lines": ["3.20", "4.2"], "supportMonths": 30 },
                "releaseDates": "release-dates.json"
              },
              "nightly": { "directory": "nightly", "keep": 3 }
            }
            """;

    private Set<String> keys() throws Exception {
        return store.list("").stream().map(RemoteObject::key).collect(Collectors.toCollection(TreeSet::new));
    }

    private Pruner pruner() {
        return new Pruner(store, console, Retry.of(S3Store.retryPolicy(), console));
    }

    private String read(String key) throws Exception {
        try (InputStream in = store.get(key)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void dryRunPrintsWhatWouldGoAndWhyThenApplyDeletesFilesChecksumsAndRefreshesIndexes() throws Exception {
        seededBucket();
        RetentionPolicy policy = RetentionPolicy.read(policy(POLICY));
        Set<String> before = keys();

        PrunePlan dry = pruner().prune(policy, new BucketLayout(PREFIX), false, NOW);

        assertEquals(before, keys(), "a dry run deletes nothing");
        Set<String> gone = dry.removals().stream().map(PrunePlan.Removal::subject).collect(Collectors.toCollection(TreeSet::new));
        Set<String> expected = new TreeSet<>();
        for (String version : VERSIONS) {
            String line = version.substring(0, version.lastIndexOf('.'));
            if (!Set.of("3.20", "4.2", "4.4", "4.5").contains(line)) {
                expected.add(version);
            }
        }
        expected.add("nightly/4.6.0-20250511");
        expected.add("nightly/4.6.0-20250512");
        assertEquals(expected, gone);
        String out = log.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("would delete 3.0.0 (8 object(s)): line 3.0 (first released 2020-01-15, supported 12 months,"
                + " support ended 2021-01-15)"), out);
        assertTrue(out.contains("LTS line 3.20 (first released 2023-05-15, supported 30 months until 2025-11-15): kept"), out);
        assertTrue(out.contains("line 4.5 (first released 2024-10-15, supported 12 months): kept, it is the newest line"), out);
        assertTrue(out.contains("run with -Dgio.bundle.apply=true"), out);

        pruner().prune(policy, new BucketLayout(PREFIX), true, NOW);

        Set<String> after = keys();
        String gw = PREFIX + "/components/gravitee-gateway/gravitee-gateway-";
        for (String suffix : List.of("", ".sha1", ".md5", ".sha512sum")) {
            assertFalse(after.contains(gw + "4.3.1.zip" + suffix), suffix);
            assertFalse(after.contains(PREFIX + "/distributions/graviteeio-full-3.0.0.zip" + suffix), suffix);
            assertTrue(after.contains(gw + "4.2.0.zip" + suffix), suffix);
            assertTrue(after.contains(gw + "3.20.2.zip" + suffix), suffix);
        }
        assertTrue(after.contains(PREFIX + "/plugins/policies/gravitee-policy-mock/gravitee-policy-mock-1.13.0.zip"));
        assertFalse(after.contains(PREFIX + "/nightly/4.6.0-20250511/index.html"), "page of an emptied directory deleted");
        assertTrue(after.contains(PREFIX + "/nightly/4.6.0-20250515/graviteeio-full-4.6.0-SNAPSHOT.zip"));
        assertEquals(before.size() - dry.paths().size() - 2, after.size(), "files, checksums and two emptied pages");
        String page = read(PREFIX + "/components/gravitee-gateway/index.html");
        assertFalse(page.contains("gravitee-gateway-3.0.0.zip"), page);
        assertTrue(page.contains("gravitee-gateway-4.5.2.zip"), page);
        assertFalse(read(PREFIX + "/nightly/index.html").contains("20250511"));

        PrunePlan again = pruner().prune(policy, new BucketLayout(PREFIX), true, NOW);
        assertTrue(again.removesNothing(), "a second run finds nothing to delete");
    }

    @Test
    void withoutReleaseDatesVersionsAreDatedByTheirUploadSoRecentUploadsStay() throws Exception {
        seededBucket();
        RetentionPolicy policy = RetentionPolicy.read(policy("{\"releases\": {\"supportMonths\": 1}}"));
        PrunePlan plan = pruner().prune(policy, new BucketLayout(PREFIX), true, Instant.now());
        assertTrue(plan.removesNothing(), plan.toString());
        PrunePlan later = new RetentionPlanner(policy, new BucketLayout(PREFIX))
                .plan(store.list(""), Instant.now().plusSeconds(40L * 24 * 3600));
        assertEquals(VERSIONS.size() - 3, later.removals().size(), "every line but the newest, 40 days later");
    }
}

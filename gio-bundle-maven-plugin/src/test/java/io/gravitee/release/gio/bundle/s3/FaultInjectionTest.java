package io.gravitee.release.gio.bundle.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gravitee.release.gio.bundle.BucketLayout;
import io.gravitee.release.gio.bundle.BundleException;
import io.gravitee.release.gio.bundle.Channel;
import io.gravitee.release.gio.bundle.s3.S3Store.RemoteObject;
import io.gravitee.release.gio.bundle.sync.LocalFile;
import io.gravitee.release.gio.bundle.sync.LocalTree;
import io.gravitee.release.gio.bundle.sync.SyncPlanner;
import io.gravitee.release.gio.bundle.sync.UploadReport;
import io.gravitee.release.gio.bundle.sync.Uploader;
import io.gravitee.release.gio.credentials.Credentials;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.transfer.Checksums;
import io.gravitee.release.gio.transfer.Retry;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * About 10% of the requests fail (503, reset, stall past the client timeout): the upload still completes, and verifies.
 * A file refused for good fails the upload, and no index page shows it.
 */
class FaultInjectionTest {
    @RegisterExtension
    static final S3ProxyExtension S3 = TestS3.server();

    @TempDir
    Path work;

    @Test
    void uploadCompletesThroughTenPercentFailingRequestsAndEveryObjectVerifies() throws Exception {
        TestS3.makeBucket(S3, "downloads");
        Path source = work.resolve("tree");
        Random random = new Random(7);
        for (int i = 0; i < 24; i++) {
            byte[] content = new byte[1000 + random.nextInt(50_000)];
            random.nextBytes(content);
            Path file = source.resolve("plugins/policies/p" + (i % 4) + "/p-1." + i + ".zip");
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        }
        byte[] big = new byte[12 * 1024 * 1024 + 123];
        random.nextBytes(big);
        Files.createDirectories(source.resolve("distributions"));
        Files.write(source.resolve("distributions/graviteeio-full-4.0.0.zip"), big);

        Credentials credentials = new Credentials("gio-s3", S3.getAccessKey(), S3.getSecretKey());
        Retry retry = Retry.of(new Retry.Policy(6, Duration.ofMillis(20), Duration.ofMillis(200), S3Store::isTransient), Console.silent());
        try (FaultyProxy proxy = new FaultyProxy(new InetSocketAddress("127.0.0.1", S3.getUri().getPort()), 42, 0.10, 40,
                        Duration.ofMillis(2500));
                S3Store faulty = S3Store.connect(proxy.url(), null, "downloads", credentials, Duration.ofSeconds(1));
                S3Store direct = S3Store.connect(S3.getUri().toString(), null, "downloads", credentials)) {
            UploadReport report = new Uploader(faulty, Console.silent(), retry).upload(new Uploader.Options(
                    source, new BucketLayout("apim"), Channel.RELEASE, false, 4, S3Store.MIN_PART_SIZE));

            assertEquals(25, report.filesUploaded());
            assertTrue(proxy.unavailable.get() > 0 && proxy.resets.get() > 0 && proxy.stalls.get() > 0,
                    "each kind of fault injected: 503 " + proxy.unavailable + ", resets " + proxy.resets + ", stalls " + proxy.stalls);
            assertTrue(proxy.faults() * 100 >= proxy.requests.get() * 5, proxy.faults() + " faults in " + proxy.requests + " requests");

            Map<String, RemoteObject> objects = direct.list("apim/").stream()
                    .collect(Collectors.toMap(RemoteObject::key, Function.identity()));
            for (LocalFile file : LocalTree.scan(source, Console.silent())) {
                String key = "apim/" + file.relativePath();
                try (InputStream in = direct.get(key)) {
                    assertEquals(file.checksums(), Checksums.of(in), key);
                }
                for (var sidecar : SyncPlanner.sidecars(file)) {
                    try (InputStream in = direct.get("apim/" + sidecar.relativePath())) {
                        assertEquals(new String(sidecar.content()), new String(in.readAllBytes()), sidecar.relativePath());
                    }
                }
            }
            assertTrue(objects.get("apim/distributions/graviteeio-full-4.0.0.zip").etag().endsWith("-3"), "3 parts");
            assertTrue(objects.containsKey("apim/plugins/policies/p3/index.html"));
        }
    }

    @Test
    void aDirectoryWhoseFileCannotBeWrittenGetsNoPageWhileADirectoryDoneMeanwhileGetsItsOwn() throws Exception {
        TestS3.makeBucket(S3, "pages");
        Path source = work.resolve("pages");
        for (String plugin : List.of("a", "b")) {
            Path file = source.resolve("plugins/" + plugin + "/" + plugin + "-1.0.0.zip");
            Files.createDirectories(file.getParent());
            Files.writeString(file, "plugin " + plugin);
        }
        Credentials credentials = new Credentials("gio-s3", S3.getAccessKey(), S3.getSecretKey());
        // b's file is refused for a second (three attempts) while a's file and checksum files go up in milliseconds.
        Retry retry = Retry.of(new Retry.Policy(3, Duration.ofMillis(500), Duration.ofMillis(500), S3Store::isTransient), Console.silent());
        try (FaultyProxy proxy = new FaultyProxy(new InetSocketAddress("127.0.0.1", S3.getUri().getPort()), 1, 0, 0, Duration.ZERO);
                S3Store refusing = S3Store.connect(proxy.url(), null, "pages", credentials);
                S3Store direct = S3Store.connect(S3.getUri().toString(), null, "pages", credentials)) {
            proxy.refuse("/b-1.0.0.zip ");
            BundleException failure = assertThrows(BundleException.class, () -> new Uploader(refusing, Console.silent(), retry)
                    .upload(new Uploader.Options(source, new BucketLayout("apim"), Channel.RELEASE, false, 4, S3Store.MIN_PART_SIZE)));
            assertTrue(failure.getMessage().contains("run the upload again"), failure.getMessage());

            Set<String> keys = direct.list("apim/").stream().map(RemoteObject::key).collect(Collectors.toSet());
            assertTrue(keys.containsAll(Set.of("apim/plugins/a/a-1.0.0.zip", "apim/plugins/a/a-1.0.0.zip.sha1",
                    "apim/plugins/a/a-1.0.0.zip.md5", "apim/plugins/a/a-1.0.0.zip.sha512sum")), keys.toString());
            try (InputStream page = direct.get("apim/plugins/a/index.html")) {
                assertTrue(new String(page.readAllBytes(), StandardCharsets.UTF_8).contains("a-1.0.0.zip.sha1"),
                        "a's page, written once a was done, lists its file and checksum files");
            }
            for (String missing : List.of("apim/plugins/b/b-1.0.0.zip", "apim/plugins/b/index.html", "apim/plugins/index.html",
                    "apim/index.html")) {
                assertFalse(keys.contains(missing), missing + ": b was never done, nor anything above it");
            }
        }
    }
}

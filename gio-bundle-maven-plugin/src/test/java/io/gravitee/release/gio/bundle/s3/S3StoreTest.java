package io.gravitee.release.gio.bundle.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gravitee.release.gio.bundle.BundleException;
import io.gravitee.release.gio.bundle.s3.S3Store.RemoteObject;
import io.gravitee.release.gio.credentials.Credentials;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.transfer.Checksums;
import io.gravitee.release.gio.transfer.Retry;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files go up streamed from disk, signed with UNSIGNED-PAYLOAD and checked by the server through Content-MD5
 * (real S3 API: S3Proxy).
 */
class S3StoreTest {
    private static final String BUCKET = "downloads";

    @RegisterExtension
    static final S3ProxyExtension S3 = TestS3.server();

    @TempDir
    Path work;

    private S3Store store;
    private final Retry once = Retry.of(new Retry.Policy(1, java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(1),
            S3Store::isTransient), Console.silent());

    @BeforeEach
    void bucket() throws Exception {
        TestS3.makeBucket(S3, BUCKET);
        store = TestS3.connect(S3, BUCKET);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void anEndpointThatIsNoHttpUrlIsRefusedAtOnceNamingTheProperty() throws Exception {
        Credentials keys = new Credentials("s3-downloads", "access", "secret-value");
        for (String endpoint : List.of("ftp://s3.example.com", "s3.example.com", "http://", "https://bad host/")) {
            BundleException refused = assertThrows(BundleException.class, () -> S3Store.connect(endpoint, null, BUCKET, keys),
                    endpoint);
            assertTrue(refused.getMessage().contains("gio.bundle.endpoint"), refused.getMessage());
            assertTrue(refused.getMessage().contains(endpoint), refused.getMessage());
            assertFalse(refused.getMessage().contains("secret-value"), refused.getMessage());
        }
        S3Store.connect("http://s3_proxy:9000", null, BUCKET, keys).close(); // a docker-compose service name
    }

    @Test
    void aFileGoesUpInOneRequestWithItsDigestsAndComesBackIdentical() throws Exception {
        byte[] content = random(300_000, 1);
        Path file = write("plugin-1.0.0.zip", content);
        Checksums sums = Checksums.of(file);
        AtomicLong progress = new AtomicLong();

        store.put("site/plugin-1.0.0.zip", file, sums, "application/zip", S3Store.MIN_PART_SIZE, 4, once, progress::addAndGet);

        assertArrayEquals(content, download("site/plugin-1.0.0.zip"));
        RemoteObject object = store.list("site/").get(0);
        assertEquals(sums.md5(), object.etag(), "a single PUT: the ETag is the MD5 the server computed");
        assertEquals(Optional.of(sums.sha256()), store.sha256("site/plugin-1.0.0.zip"));
        assertEquals(content.length, progress.get());
    }

    @Test
    void aLargeFileGoesUpInPartsAndComesBackIdentical() throws Exception {
        byte[] content = random((int) (2 * S3Store.MIN_PART_SIZE + 12_345), 2);
        Path file = write("full.zip", content);
        Checksums sums = Checksums.of(file);
        AtomicLong progress = new AtomicLong();

        store.put("site/full.zip", file, sums, "application/zip", S3Store.MIN_PART_SIZE, 3, once, progress::addAndGet);

        assertArrayEquals(content, download("site/full.zip"));
        assertTrue(store.list("site/").get(0).etag().endsWith("-3"), "three parts");
        assertEquals(Optional.of(sums.sha256()), store.sha256("site/full.zip"));
        assertEquals(content.length, progress.get());
    }

    @Test
    void theServerRefusesBytesThatAreNotTheOnesDigested() throws Exception {
        Path file = write("plugin-2.0.0.zip", random(100_000, 3));
        Checksums before = Checksums.of(file);
        Files.write(file, random(100_000, 4)); // same size, other bytes: changed after gio read it

        BundleException refused = assertThrows(BundleException.class, () -> store.put(
                "site/plugin-2.0.0.zip", file, before, "application/zip", S3Store.MIN_PART_SIZE, 2, once, n -> {}));

        assertTrue(refused.getMessage().contains("BadDigest"), refused.getMessage());
        assertFalse(store.list("site/").stream().anyMatch(o -> o.key().equals("site/plugin-2.0.0.zip")), "nothing stored");
    }

    @Test
    void smallGeneratedContentKeepsItsTypeAndDigest() throws Exception {
        byte[] page = "<!doctype html><title>x</title>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String sha256 = Checksums.of(page).sha256();

        store.put("site/index.html", page, sha256, "text/html; charset=utf-8");

        assertArrayEquals(page, download("site/index.html"));
        assertEquals(Optional.of(sha256), store.sha256("site/index.html"));
    }

    @Test
    void keysWithSpacesReservedAndNonAsciiCharactersGoUpAndComeBackUnder(@TempDir Path dir) throws Exception {
        for (String name : List.of("a b+c&d=e.zip", "caf\u00e9 <1>;%20\"q\".zip", "x~y@z,(1)!$'*.zip")) {
            byte[] content = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            Path file = Files.write(dir.resolve("f"), content);
            store.put("site/" + name, file, Checksums.of(file), "application/zip", S3Store.MIN_PART_SIZE, 1, once, n -> {});
            store.put("site/" + name + ".sha1", content, Checksums.of(content).sha256(), "text/plain; charset=utf-8");
            assertArrayEquals(content, download("site/" + name), name);
            assertArrayEquals(content, download("site/" + name + ".sha1"), name);
        }
    }

    @Test
    void aPutWithRefusedCredentialsNamesTheServerIdAndNeverTheSecret() throws Exception {
        Credentials wrong = new Credentials("s3-downloads", S3.getAccessKey(), "not-the-secret-value");
        try (S3Store refused = S3Store.connect(S3.getUri().toString(), null, BUCKET, wrong)) {
            BundleException failure = assertThrows(BundleException.class,
                    () -> refused.put("site/index.html", new byte[] {1}, Checksums.of(new byte[] {1}).sha256(), "text/html"));

            assertTrue(failure.getMessage().contains("'s3-downloads'") && failure.getMessage().contains("SignatureDoesNotMatch"),
                    failure.getMessage());
            assertFalse(failure.getMessage().contains("not-the-secret-value"), failure.getMessage());
            assertFalse(S3Store.isTransient(failure), "credentials are not retried");
        }
    }

    private byte[] download(String key) throws Exception {
        try (InputStream in = store.get(key)) {
            return in.readAllBytes();
        }
    }

    private Path write(String name, byte[] content) throws Exception {
        return Files.write(work.resolve(name), content);
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}

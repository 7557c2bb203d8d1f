package io.gravitee.release.gio.bundle.sync;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gravitee.release.gio.bundle.BucketLayout;
import io.gravitee.release.gio.bundle.BundleException;
import io.gravitee.release.gio.bundle.Channel;
import io.gravitee.release.gio.bundle.s3.S3Store;
import io.gravitee.release.gio.bundle.s3.TestS3;
import io.gravitee.release.gio.credentials.Credentials;
import io.gravitee.release.gio.log.Console;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Mistakes users make, each with a message that says what to fix and never shows a secret. */
class BadInputTest {
    private static final String SECRET = "the-real-secret-value";

    @RegisterExtension
    static final S3ProxyExtension S3 = S3ProxyExtension.builder()
            .withBlobStoreProvider("transient")
            .withCredentials("gio-access", SECRET)
            .build();

    @TempDir
    Path source;

    @BeforeEach
    void bucket() throws Exception {
        TestS3.makeBucket(S3, "downloads");
        Files.writeString(source.resolve("a.zip"), "a");
    }

    private BundleException upload(String bucket, String secret, Path dir, String prefix) {
        return assertThrows(BundleException.class, () -> {
            try (S3Store store = S3Store.connect(S3.getUri().toString(), null, bucket,
                    new Credentials("gio-s3", "gio-access", secret))) {
                Uploader.of(store, Console.silent()).upload(new Uploader.Options(
                        dir, new BucketLayout(prefix), Channel.RELEASE, false, 2, Uploader.Options.DEFAULT_PART_SIZE));
            }
        });
    }

    @Test
    void wrongCredentialsNameTheServerIdAndHideTheSecret() {
        String wrong = "wrong-secret-123";
        BundleException e = upload("downloads", wrong, source, "apim");
        assertTrue(e.getMessage().contains("'gio-s3'"), e.getMessage());
        assertTrue(e.getMessage().contains("settings.xml"), e.getMessage());
        assertFalse(e.getMessage().contains(wrong), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    }

    @Test
    void unknownBucket() {
        BundleException e = upload("no-such-bucket", SECRET, source, "apim");
        assertTrue(e.getMessage().contains("'no-such-bucket' does not exist"), e.getMessage());
    }

    @Test
    void missingSourceDirectory() {
        BundleException e = upload("downloads", SECRET, source.resolve("target/gio-bundle"), "apim");
        assertTrue(e.getMessage().contains("does not exist") && e.getMessage().contains("gio.bundle.source"), e.getMessage());
    }

    @Test
    void prefixEscapingWithDotDotIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BucketLayout("apim/../other"));
        assertTrue(e.getMessage().contains("'..'") && e.getMessage().contains("gio.bundle.prefix"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BucketLayout("apim").key("../x.zip"));
        assertThrows(IllegalArgumentException.class, () -> new BucketLayout("a\\b"));
    }

    @Test
    void generatedIndexInTheSourceIsRefused() throws Exception {
        Files.writeString(source.resolve("index.html"), "<html>");
        BundleException e = upload("downloads", SECRET, source, "apim");
        assertTrue(e.getMessage().contains("index.html"), e.getMessage());
    }
}

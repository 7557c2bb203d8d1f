package io.gravitee.release.gio.bundle.plugin;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundle goals against an S3 endpoint that is not there (a closed port on 127.0.0.1), and a bad bucket name. */
class UnreachableEndpointTest {
    @TempDir
    Path work;

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private UploadMojo upload(String endpoint, String bucket) throws Exception {
        Files.createDirectories(work.resolve("gio-bundle/distributions"));
        Files.writeString(work.resolve("gio-bundle/distributions/graviteeio-full-3.8.7.zip"), "full");
        UploadMojo mojo = BundleMojos.configure(new UploadMojo(BundleMojos.decrypter(work)), endpoint, bucket,
                "graviteeio-apim", null, work.resolve("target/gio"));
        BundleMojos.set(mojo, "source", work.resolve("gio-bundle").toFile());
        BundleMojos.set(mojo, "channel", "release");
        BundleMojos.set(mojo, "threads", 2);
        BundleMojos.set(mojo, "partSizeMiB", 16);
        return mojo;
    }

    @Test
    void anUnreachableEndpointNamesGioBundleEndpointAndWhatToTry() throws Exception {
        String endpoint = "http://127.0.0.1:" + closedPort();

        MojoFailureException e = assertThrows(MojoFailureException.class, () -> upload(endpoint, "downloads").execute());

        String message = e.getMessage();
        assertTrue(message.startsWith("Cannot reach the S3 endpoint at " + endpoint + ": "), message);
        assertTrue(message.contains("Check -Dgio.bundle.endpoint (now '" + endpoint + "')"), message);
        assertTrue(message.contains("Try: curl -sSI " + endpoint), message);
        assertFalse(message.contains("UploadMojo") || message.contains("Exception") || message.contains("null"), message);
        assertTrue(Files.readString(work.resolve("target/gio/upload-report.md")).contains("Check -Dgio.bundle.endpoint"));
    }

    @Test
    void aBucketNameS3RefusesNamesGioBundleBucket() throws Exception {
        MojoFailureException e = assertThrows(MojoFailureException.class,
                () -> upload("http://127.0.0.1:" + closedPort(), "b").execute());

        String message = e.getMessage();
        assertTrue(message.startsWith("-Dgio.bundle.bucket='b' is not an S3 bucket name: 3 to 63 characters"), message);
        assertTrue(message.contains("Check -Dgio.bundle.bucket"), message);
        assertFalse(message.contains("Amazon S3 standards") || message.contains("Exception"), message);
    }
}

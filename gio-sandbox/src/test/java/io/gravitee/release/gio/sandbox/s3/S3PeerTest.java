package io.gravitee.release.gio.sandbox.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gravitee.release.gio.sandbox.PeerCredentials;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.errors.ErrorResponseException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The s3 peer against minio-java, a real S3 client signing with AWS V4. */
class S3PeerTest {

    @TempDir
    Path tmp;

    @Test
    void putsAndGetsObjectsInTheDefaultBucketAndKeepsThemAcrossRestarts() throws Exception {
        PeerCredentials credentials = PeerCredentials.generate();
        byte[] zip = "not really a zip".getBytes(StandardCharsets.UTF_8);
        S3Peer s3 = new S3Peer(tmp.resolve("s3"), credentials);
        s3.start();
        try (MinioClient client = client(s3, credentials.password())) {
            assertEquals("gio-downloads", s3.bucket());
            assertEquals(Map.of("bucket", "gio-downloads"), s3.extras());
            assertTrue(client.bucketExists(BucketExistsArgs.builder().bucket(s3.bucket()).build()));
            client.putObject(PutObjectArgs.builder().bucket(s3.bucket()).object("apim/3.8.7/full.zip")
                    .stream(new ByteArrayInputStream(zip), zip.length, -1).build());
            assertArrayEquals(zip, read(client, s3.bucket(), "apim/3.8.7/full.zip"));
        } finally {
            s3.stop();
        }
        assertTrue(Files.isDirectory(tmp.resolve("s3/gio-downloads")), "the filesystem backend keeps buckets on disk");

        S3Peer again = new S3Peer(tmp.resolve("s3"), credentials);
        again.start();
        try (MinioClient client = client(again, credentials.password())) {
            assertArrayEquals(zip, read(client, again.bucket(), "apim/3.8.7/full.zip"));
        } finally {
            again.stop();
        }
    }

    @Test
    void refusesAWrongSecretAndReleasesItsPortOnStop() throws Exception {
        PeerCredentials credentials = PeerCredentials.generate();
        S3Peer s3 = new S3Peer(tmp.resolve("s3"), credentials, "other-bucket");
        s3.start();
        int port = s3.url().getPort();
        try (MinioClient client = client(s3, "wrong-secret")) {
            ErrorResponseException e = assertThrows(ErrorResponseException.class,
                    () -> client.bucketExists(BucketExistsArgs.builder().bucket("other-bucket").build()));
            assertEquals(403, e.response().code());
        } finally {
            s3.stop();
            s3.stop();
        }
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
        assertTrue(s3.toString().contains("****") && !s3.toString().contains(credentials.password()));
    }

    private static MinioClient client(S3Peer s3, String secret) {
        return MinioClient.builder().endpoint(s3.url().toString())
                .credentials(s3.credentials().username(), secret).build();
    }

    private static byte[] read(MinioClient client, String bucket, String key) throws Exception {
        try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            return in.readAllBytes();
        }
    }
}

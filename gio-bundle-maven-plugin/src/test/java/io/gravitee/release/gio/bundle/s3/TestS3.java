package io.gravitee.release.gio.bundle.s3;

import io.gravitee.release.gio.bundle.BundleException;
import io.gravitee.release.gio.credentials.Credentials;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import org.gaul.s3proxy.junit.S3ProxyExtension;

/** The real S3 API the bundle tests talk to: S3Proxy with its in-memory backend, one per test class. */
public final class TestS3 {
    private TestS3() {}

    /** A server to register with {@code @RegisterExtension}. */
    public static S3ProxyExtension server() {
        return S3ProxyExtension.builder()
                .withBlobStoreProvider("transient")
                .withCredentials("gio-access", "gio-secret-value")
                .build();
    }

    /** Creates {@code bucket} (gio never creates buckets). */
    public static void makeBucket(S3ProxyExtension s3, String bucket) throws Exception {
        try (MinioClient admin = MinioClient.builder().endpoint(s3.getUri().toString())
                .credentials(s3.getAccessKey(), s3.getSecretKey()).build()) {
            admin.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
        }
    }

    /** gio's client for {@code bucket}, with the server's credentials as settings.xml server {@code gio-s3}. */
    public static S3Store connect(S3ProxyExtension s3, String bucket) throws BundleException {
        return S3Store.connect(s3.getUri().toString(), null, bucket, new Credentials("gio-s3", s3.getAccessKey(), s3.getSecretKey()));
    }
}

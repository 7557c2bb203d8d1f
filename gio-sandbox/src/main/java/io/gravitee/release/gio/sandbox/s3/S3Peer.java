package io.gravitee.release.gio.sandbox.s3;

import io.gravitee.release.gio.sandbox.Peer;
import io.gravitee.release.gio.sandbox.PeerCredentials;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * A real S3 API server: S3Proxy in-process with its filesystem backend under the peer's directory
 * (buckets are sub-directories, so content survives a restart). Requests must be signed (AWS
 * signature V2 or V4) with the peer's credentials: username = access key, password = secret key.
 * The bucket {@link #DEFAULT_BUCKET} exists once started.
 */
public final class S3Peer implements Peer {

    /** The bucket created at start, where distribution zips go. */
    public static final String DEFAULT_BUCKET = "gio-downloads";

    private final Path root;
    private final PeerCredentials credentials;
    private final String bucket;
    private S3Proxy proxy;
    private BlobStore store;
    private URI url;

    /** Fits {@link io.gravitee.release.gio.sandbox.PeerFactory}; creates {@link #DEFAULT_BUCKET}. */
    public S3Peer(Path root, PeerCredentials credentials) {
        this(root, credentials, DEFAULT_BUCKET);
    }

    /** A peer whose default bucket is {@code bucket}. */
    public S3Peer(Path root, PeerCredentials credentials, String bucket) {
        this.root = root.toAbsolutePath().normalize();
        this.credentials = credentials;
        this.bucket = bucket;
    }

    @Override
    public String name() {
        return "s3";
    }

    @Override
    public synchronized void start() throws IOException {
        if (proxy != null) {
            throw new IllegalStateException("s3 peer already started");
        }
        Files.createDirectories(root);
        BlobStore blobs = new FilesystemNio2BlobStore(root.toString());
        S3Proxy s3 = S3Proxy.builder()
                .blobStore(blobs)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, credentials.username(), credentials.password())
                .ignoreUnknownHeaders(true)
                .stopTimeout(1_000)
                .build();
        try {
            s3.start();
            waitStarted(s3);
            if (!blobs.containerExists(bucket)) {
                blobs.createContainer(bucket);
            }
        } catch (Exception e) {
            stopQuietly(s3, blobs);
            throw new IOException("s3 peer could not start S3Proxy under " + root + ": " + e.getMessage(), e);
        }
        proxy = s3;
        store = blobs;
        url = URI.create("http://127.0.0.1:" + s3.getPort());
    }

    /** S3Proxy starts Jetty asynchronously; its port is known once it says STARTED. */
    private static void waitStarted(S3Proxy s3) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"STARTED".equals(s3.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IOException("S3Proxy did not start within 10 s (state " + s3.getState() + ")");
            }
            Thread.sleep(10);
        }
    }

    @Override
    public synchronized void stop() {
        if (proxy != null) {
            stopQuietly(proxy, store);
            proxy = null;
            store = null;
        }
    }

    private static void stopQuietly(S3Proxy s3, BlobStore blobs) {
        try {
            s3.stop();
        } catch (Exception e) {
            // Best effort: the sandbox or the test is going away.
        }
        try {
            blobs.close();
        } catch (RuntimeException e) {
            // Same.
        }
    }

    /** The S3 endpoint, {@code http://127.0.0.1:PORT} (path-style bucket addressing). */
    @Override
    public synchronized URI url() {
        if (url == null) {
            throw new IllegalStateException("s3 peer not started");
        }
        return url;
    }

    /** Username = access key id, password = secret access key. */
    @Override
    public PeerCredentials credentials() {
        return credentials;
    }

    /** {@code bucket}: the default bucket. */
    @Override
    public Map<String, String> extras() {
        return Map.of("bucket", bucket);
    }

    /** The bucket created at start. */
    public String bucket() {
        return bucket;
    }

    /** The directory holding the buckets (one sub-directory each). */
    public Path root() {
        return root;
    }

    @Override
    public String toString() {
        return "S3Peer[" + (url == null ? "stopped" : url) + ", bucket " + bucket + ", " + credentials + "]";
    }
}

package io.gravitee.release.gio.bundle.s3;

import com.google.common.collect.HashMultimap;
import com.google.common.collect.Multimap;
import io.gravitee.release.gio.bundle.BundleException;
import io.gravitee.release.gio.bundle.s3.BucketClient.FileSlice;
import io.gravitee.release.gio.credentials.Credentials;
import io.gravitee.release.gio.transfer.Checksums;
import io.gravitee.release.gio.transfer.Retry;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.InvalidResponseException;
import io.minio.errors.ServerException;
import io.minio.messages.DeleteError;
import io.minio.messages.DeleteObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
/**
 * One bucket of an S3-compatible server, through minio-java: the few calls the download site needs.
 * Each object gio writes carries the SHA-256 of its content in user metadata ({@value #SHA256_METADATA}),
 * because the ETag of a multipart object is not a digest of its content.
 */
public final class S3Store implements AutoCloseable {
    /** User metadata key (without {@code x-amz-meta-}) holding the hex SHA-256 of the content. */
    public static final String SHA256_METADATA = "gio-sha256";
    /** S3's smallest allowed part (except the last). */
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;

    private static final Set<String> CREDENTIAL_ERRORS =
            Set.of("InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied", "InvalidToken", "ExpiredToken");
    private static final Set<String> TRANSIENT_ERRORS =
            Set.of("InternalError", "SlowDown", "ServiceUnavailable", "RequestTimeout", "RequestTimeTooSkewed");

    /** An object as a listing shows it. The ETag is unquoted. */
    public record RemoteObject(String key, long size, String etag, Instant lastModified) {
        /** Whether the ETag can be an MD5 of the content: multipart ETags end in {@code -<parts>}. */
        public boolean etagIsMd5() {
            return etag != null && etag.length() == 32 && etag.indexOf('-') < 0;
        }
    }

    /** How long a connection, a read or a write may stall before the request fails (and is retried). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    // minio's clients, built in the background from connect() on.
    private final S3Clients clients;
    private final String region;
    private final String endpoint;
    private final String bucket;
    private final Credentials credentials;

    private S3Store(S3Clients clients, String region, String endpoint, String bucket, Credentials credentials) {
        this.clients = clients;
        this.region = region;
        this.endpoint = endpoint;
        this.bucket = bucket;
        this.credentials = credentials;
    }

    /**
     * A client for {@code bucket} at {@code endpoint}; nothing is contacted yet (minio's clients are built in the
     * background meanwhile). Close it.
     *
     * @param region the bucket's region; {@code null} for us-east-1. Giving it spares a location request.
     */
    public static S3Store connect(String endpoint, String region, String bucket, Credentials credentials) throws BundleException {
        return connect(endpoint, region, bucket, credentials, DEFAULT_TIMEOUT);
    }

    /** As {@link #connect(String, String, String, Credentials)}, failing any request stalled for {@code timeout}. */
    public static S3Store connect(String endpoint, String region, String bucket, Credentials credentials, Duration timeout)
            throws BundleException {
        if (endpoint == null || endpoint.isBlank()) {
            throw new BundleException("No S3 endpoint: set gio.bundle.endpoint (e.g. https://s3.eu-west-1.amazonaws.com)");
        }
        if (bucket == null || bucket.isBlank()) {
            throw new BundleException("No bucket: set gio.bundle.bucket");
        }
        String actualRegion = region == null || region.isBlank() ? "us-east-1" : region;
        return new S3Store(S3Clients.start(endpoint, actualRegion, credentials, timeout), actualRegion, endpoint, bucket, credentials);
    }

    private MinioClient client() throws BundleException {
        return clients.get().client();
    }

    private BucketClient parts() throws BundleException {
        return clients.get().async();
    }

    public String bucket() {
        return bucket;
    }

    public String endpoint() {
        return endpoint;
    }

    /** Fails with a clear message if the bucket does not exist or the credentials are refused. */
    public void checkBucket() throws Exception {
        boolean exists;
        try {
            exists = client().bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
        } catch (Exception e) {
            throw translate(e, "checking bucket " + bucket);
        }
        if (!exists) {
            throw new BundleException("Bucket '" + bucket + "' does not exist at " + endpoint
                    + ": check gio.bundle.bucket and gio.bundle.endpoint (gio does not create buckets)");
        }
    }

    /** Every object whose key starts with {@code prefix}, recursively. */
    public List<RemoteObject> list(String prefix) throws Exception {
        List<RemoteObject> objects = new ArrayList<>();
        listPages(prefix, false, objects, new ArrayList<>());
        return objects;
    }

    /**
     * Every object under {@code prefix}, listed as a tree: the first {@code levels} levels of "directories" with
     * delimited listings, then each sub-prefix below them recursively, {@code threads} listings at a time. On a large
     * prefix this turns a chain of sequential pages into parallel requests, and servers that walk their storage for
     * each page (such as S3Proxy's filesystem backend) walk small subtrees instead of the whole prefix.
     */
    public List<RemoteObject> listTree(String prefix, int levels, int threads) throws Exception {
        return listTree(prefix, levels, threads, Set.of());
    }

    /**
     * As {@link #listTree(String, int, int)}, listing at once the sub-prefixes {@code expected} to exist (such as
     * the directories of the tree being uploaded, as keys ending in '/'), instead of waiting for the level above to
     * name them: one round of requests where the bucket holds what was expected, another for what it holds beyond.
     */
    public List<RemoteObject> listTree(String prefix, int levels, int threads, Set<String> expected) throws Exception {
        List<RemoteObject> objects = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "gio-list");
            t.setDaemon(true);
            return t;
        });
        try {
            // Each sub-prefix is listed once: delimited above the recursive level, whole at it.
            Set<String> listed = new HashSet<>();
            List<String> round = new ArrayList<>();
            round.add(prefix);
            for (String directory : expected) {
                if (directory.startsWith(prefix) && depth(prefix, directory) <= levels) {
                    round.add(directory);
                }
            }
            while (!round.isEmpty()) {
                List<Future<List<String>>> futures = new ArrayList<>();
                for (String p : round) {
                    if (listed.add(p)) {
                        boolean delimited = depth(prefix, p) < levels;
                        futures.add(pool.submit(() -> {
                            List<String> below = new ArrayList<>();
                            listPages(p, delimited, objects, below);
                            return below;
                        }));
                    }
                }
                List<String> next = new ArrayList<>();
                for (Future<List<String>> future : futures) {
                    try {
                        future.get().stream().filter(p -> !listed.contains(p)).forEach(next::add);
                    } catch (ExecutionException e) {
                        throw e.getCause() instanceof Exception cause ? cause : e;
                    }
                }
                round = next;
            }
        } finally {
            pool.shutdownNow();
        }
        return new ArrayList<>(objects);
    }

    /** How many '/'-separated levels {@code directory} (ending in '/') lies below {@code prefix}. */
    private static int depth(String prefix, String directory) {
        int depth = 0;
        for (int i = prefix.length(); i < directory.length(); i++) {
            if (directory.charAt(i) == '/') {
                depth++;
            }
        }
        return depth;
    }

    private void listPages(String prefix, boolean delimited, List<RemoteObject> objects, List<String> prefixes) throws Exception {
        Optional<String> next = Optional.empty();
        do {
            try (okhttp3.Response response = await(parts().listPage(bucket, prefix, delimited, next), "listing " + bucket + "/" + prefix)) {
                next = BucketClient.parse(response.body().byteStream(), objects, prefixes).next();
            } catch (BundleException e) {
                throw e;
            } catch (Exception e) {
                throw translate(e, "listing " + bucket + "/" + prefix);
            }
        } while (next.isPresent());
    }

    /** The SHA-256 gio recorded on an object, if any; empty too if the object is gone. */
    public Optional<String> sha256(String key) throws Exception {
        try {
            StatObjectResponse stat = client().statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
            return stat.userMetadata().entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(SHA256_METADATA))
                    .map(Map.Entry::getValue)
                    .findFirst();
        } catch (ErrorResponseException e) {
            if ("NoSuchKey".equals(e.errorResponse().code())) {
                return Optional.empty();
            }
            throw translate(e, "reading metadata of " + key);
        }
    }

    /**
     * Uploads a file whose digests are {@code sums}: in one request when it fits in a part, else as a multipart
     * upload whose parts go up to {@code partThreads} at a time, each retried on its own. {@code progress} receives
     * the bytes of each part (or of the whole file) once written, so that a single large file shows progress while it
     * uploads.
     */
    public void put(String key, Path file, Checksums sums, String contentType, long partSize, int partThreads, Retry retry,
            LongConsumer progress) throws Exception {
        long size = sums.size();
        long part = Math.max(partSize, MIN_PART_SIZE);
        if (size <= part) {
            retry.run("upload of " + key, () -> put(key, new FileSlice(file, 0, size, sums.md5()), sums.sha256(), contentType));
            progress.accept(size);
            return;
        }
        new PartUploads(this, parts(), bucket, region).put(key, file, size, part, sums.sha256(), contentType, partThreads, retry, progress);
    }

    /** Waits for an async call, unwrapping its failure so that retries and messages see the real one. */
    <T> T await(java.util.concurrent.CompletableFuture<T> future, String doing) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw translate(cause instanceof Exception ex ? ex : e, doing);
        }
    }

    /** Uploads small generated content (checksum files, index pages) in one request. */
    public void put(String key, byte[] content, String sha256, String contentType) throws Exception {
        put(key, (Object) content, sha256, contentType);
    }

    /** One PUT of a {@link FileSlice} or a {@code byte[]}, recording {@code sha256} in the object's metadata. */
    private void put(String key, Object body, String sha256, String contentType) throws Exception {
        Multimap<String, String> headers = HashMultimap.create();
        headers.put("Content-Type", contentType);
        headers.put("x-amz-meta-" + SHA256_METADATA, sha256);
        await(parts().put(bucket, region, key, headers, HashMultimap.create(), body), "uploading " + key).close();
    }

    /** Opens an object for reading. */
    public InputStream get(String key) throws Exception {
        try {
            return client().getObject(GetObjectArgs.builder().bucket(bucket).object(key).build());
        } catch (Exception e) {
            throw translate(e, "downloading " + key);
        }
    }

    /** Deletes objects (absent ones are fine), in batches of the 1000 keys one request allows. */
    public void delete(Collection<String> keys) throws Exception {
        List<String> all = List.copyOf(keys);
        for (int from = 0; from < all.size(); from += 1000) {
            List<DeleteObject> batch = all.subList(from, Math.min(all.size(), from + 1000)).stream()
                    .map(DeleteObject::new)
                    .toList();
            try {
                for (Result<DeleteError> result : client().removeObjects(
                        RemoveObjectsArgs.builder().bucket(bucket).objects(batch).build())) {
                    DeleteError error = result.get();
                    throw new BundleException("Could not delete " + error.objectName() + ": " + error.code() + " " + error.message());
                }
            } catch (Exception e) {
                throw translate(e, "deleting objects");
            }
        }
    }

    /**
     * Turns failures the user must fix into {@link BundleException}s with a clear message; leaves others
     * (network, server errors) as they are so that they can be retried.
     */
    private Exception translate(Exception e, String doing) {
        if (e instanceof ErrorResponseException response) {
            String code = response.errorResponse().code();
            if (CREDENTIAL_ERRORS.contains(code)) {
                return new BundleException("The S3 server at " + endpoint + " refused the credentials of server '"
                        + credentials.serverId() + "' (user '" + credentials.username() + "') while " + doing + ": " + code
                        + ". Check the <server> with id '" + credentials.serverId() + "' in settings.xml", e);
            }
            if ("NoSuchBucket".equals(code)) {
                return new BundleException("Bucket '" + bucket + "' does not exist at " + endpoint + ": check gio.bundle.bucket", e);
            }
            if (!TRANSIENT_ERRORS.contains(code)) {
                return new BundleException("S3 error while " + doing + ": " + code + " " + response.errorResponse().message(), e);
            }
        }
        return e;
    }

    /** 5 attempts, 300 ms doubling up to 8 s, on {@linkplain #isTransient transient} failures. */
    public static Retry.Policy retryPolicy() {
        return new Retry.Policy(5, Duration.ofMillis(300), Duration.ofSeconds(8), S3Store::isTransient);
    }

    /** Network failures and server-side errors worth another attempt. */
    public static boolean isTransient(Throwable e) {
        if (e instanceof BundleException) {
            return false;
        }
        if (e instanceof ErrorResponseException response) {
            return TRANSIENT_ERRORS.contains(response.errorResponse().code());
        }
        return e instanceof IOException || e instanceof ServerException || e instanceof InvalidResponseException;
    }

    private static String unquote(String etag) {
        if (etag == null) {
            return null;
        }
        String e = etag.trim();
        if (e.startsWith("\"") && e.endsWith("\"") && e.length() >= 2) {
            e = e.substring(1, e.length() - 1);
        }
        return e;
    }

    @Override
    public void close() {
        // Closing only releases OkHttp's threads and connections; nothing the user can act on.
        clients.close();
    }
}

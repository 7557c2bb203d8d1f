package io.gravitee.release.gio.bundle.s3;

import com.google.common.collect.HashMultimap;
import com.google.common.collect.Multimap;
import io.gravitee.release.gio.bundle.s3.BucketClient.FileSlice;
import io.gravitee.release.gio.transfer.Retry;
import io.minio.messages.Part;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * One multipart upload with its parts sent in parallel through minio's async API (minio's own putObject sends
 * them one after another), each part retried on its own, the upload aborted if a part finally fails.
 */
final class PartUploads {
    private final S3Store store;
    private final BucketClient parts;
    private final String bucket;
    private final String region;

    PartUploads(S3Store store, BucketClient parts, String bucket, String region) {
        this.store = store;
        this.parts = parts;
        this.bucket = bucket;
        this.region = region;
    }

    void put(String key, Path file, long size, long part, String sha256, String contentType, int partThreads, Retry retry,
            LongConsumer progress) throws Exception {
        Multimap<String, String> headers = HashMultimap.create();
        headers.put("Content-Type", contentType);
        headers.put("x-amz-meta-" + S3Store.SHA256_METADATA, sha256);
        String uploadId = retry.call("start of multipart upload of " + key,
                () -> store.await(parts.createMultipartUploadAsync(bucket, region, key, headers, null), "starting upload of " + key))
                .result().uploadId();
        int count = (int) ((size + part - 1) / part);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(partThreads, count)), r -> {
            Thread t = new Thread(r, "gio-part");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Part>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int number = i + 1;
                long offset = i * part;
                long length = Math.min(part, size - offset);
                futures.add(pool.submit(() -> {
                    Part done = retry.call("part " + number + "/" + count + " of " + key, () -> uploadPart(key, file, uploadId, number, offset, length));
                    progress.accept(length);
                    return done;
                }));
            }
            Part[] done = new Part[count];
            for (int i = 0; i < count; i++) {
                try {
                    done[i] = futures.get(i).get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
            retry.call("completion of multipart upload of " + key,
                    () -> store.await(parts.completeMultipartUploadAsync(bucket, region, key, uploadId, done, null, null), "completing upload of " + key));
        } catch (Exception e) {
            pool.shutdownNow();
            try {
                parts.abortMultipartUploadAsync(bucket, region, key, uploadId, null, null).get(30, TimeUnit.SECONDS);
            } catch (Exception abortFailed) {
                e.addSuppressed(abortFailed); // the server expires abandoned uploads; the file upload failed anyway
            }
            throw e;
        } finally {
            pool.shutdown();
        }
    }

    /** Sends one part from disk, with its MD5 (read first) for the server to check, as {@link BucketClient} does. */
    private Part uploadPart(String key, Path file, String uploadId, int number, long offset, long length) throws Exception {
        Multimap<String, String> query = HashMultimap.create();
        query.put("partNumber", Integer.toString(number));
        query.put("uploadId", uploadId);
        FileSlice slice = md5(new FileSlice(file, offset, length, null));
        try (var response = store.await(parts.put(bucket, region, key, HashMultimap.create(), query, slice),
                "uploading part " + number + " of " + key)) {
            return new Part(number, response.header("ETag").replace("\"", ""));
        }
    }

    private static FileSlice md5(FileSlice slice) throws IOException {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has MD5", e);
        }
        slice.read((buffer, length) -> md5.update(buffer, 0, length));
        return slice.withMd5(HexFormat.of().formatHex(md5.digest()));
    }
}

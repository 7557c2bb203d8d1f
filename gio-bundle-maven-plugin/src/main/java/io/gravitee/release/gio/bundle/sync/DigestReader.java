package io.gravitee.release.gio.bundle.sync;

import io.gravitee.release.gio.bundle.BundleException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Reads digests of source files ahead of their use, on a few threads, in the order given. Two uses: the MD5s while
 * the bucket is listed (every file until the listing is known, since a re-run needs most of them; then
 * {@link #finish} narrows the rest to the files that have an object to compare with, so a first upload does not read
 * its files for nothing), and every digest of the files to upload just ahead of their upload, so that an upload slot
 * sends bytes instead of digesting.
 */
final class DigestReader {
    private final ExecutorService pool;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile Predicate<LocalFile> wanted = file -> true;

    private DigestReader(ExecutorService pool) {
        this.pool = pool;
    }

    /** Starts {@code read} on each of {@code files}, {@code threads} at a time. */
    static DigestReader start(List<LocalFile> files, int threads, Consumer<LocalFile> read) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), runnable -> {
            Thread thread = new Thread(runnable, "gio-digest");
            thread.setDaemon(true);
            return thread;
        });
        DigestReader reader = new DigestReader(pool);
        for (LocalFile file : files) {
            pool.execute(() -> {
                if (reader.failure.get() == null && reader.wanted.test(file)) {
                    try {
                        read.accept(file);
                    } catch (RuntimeException e) {
                        reader.failure.compareAndSet(null, e);
                    }
                }
            });
        }
        pool.shutdown();
        return reader;
    }

    /** Reads only the files {@code wanted} accepts from now on, and waits until those are read. */
    void finish(Predicate<LocalFile> wanted) throws BundleException, InterruptedException {
        this.wanted = wanted;
        pool.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        Throwable failed = failure.get();
        if (failed != null) {
            throw new BundleException("Cannot read a source file: " + failed.getMessage(), failed);
        }
    }

    /** Stops reading: what is left is read where it is used, or never (the run failed). */
    void cancel() {
        pool.shutdownNow();
    }
}

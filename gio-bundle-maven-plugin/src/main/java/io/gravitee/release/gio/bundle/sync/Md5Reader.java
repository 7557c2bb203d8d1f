package io.gravitee.release.gio.bundle.sync;

import io.gravitee.release.gio.bundle.BundleException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Reads the MD5 of the source files on a few threads while the bucket is listed, in tree order. Until the listing
 * is known every file is read, since a re-run needs most of them; once it is known, {@link #finish} narrows the rest
 * to the files that have an object to compare with, so a first upload does not read its files for nothing.
 */
final class Md5Reader {
    private final ExecutorService pool;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile Predicate<LocalFile> wanted = file -> true;

    private Md5Reader(ExecutorService pool) {
        this.pool = pool;
    }

    /** Starts reading {@code files}, {@code threads} at a time. */
    static Md5Reader start(List<LocalFile> files, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), runnable -> {
            Thread thread = new Thread(runnable, "gio-md5");
            thread.setDaemon(true);
            return thread;
        });
        Md5Reader reader = new Md5Reader(pool);
        for (LocalFile file : files) {
            pool.execute(() -> {
                if (reader.failure.get() == null && reader.wanted.test(file)) {
                    try {
                        file.md5();
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

    /** Stops reading (the run failed before it needed the digests). */
    void cancel() {
        pool.shutdownNow();
    }
}

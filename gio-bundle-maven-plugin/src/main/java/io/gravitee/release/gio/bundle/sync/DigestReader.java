package io.gravitee.release.gio.bundle.sync;

import io.gravitee.release.gio.bundle.BundleException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Reads digests of source files ahead of their use, on a few threads, in the order given. Two uses: while the bucket
 * is listed (every file the digest cache does not know, until the listing is known; then {@link #finish} narrows the
 * rest to the files that have an object to compare with, and may read less of each, see {@link DigestCache}), and
 * every digest of the files to upload just ahead of their upload, so that an upload slot sends bytes instead of
 * digesting.
 */
final class DigestReader {
    private final ExecutorService pool;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile Predicate<LocalFile> wanted = file -> true;
    private volatile Consumer<LocalFile> read;
    /** Opened once the reader is done with a file (read, skipped or failed). Written before the pool starts. */
    private final Map<LocalFile, CountDownLatch> passed = new IdentityHashMap<>();

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
        reader.read = read;
        files.forEach(file -> reader.passed.put(file, new CountDownLatch(1)));
        for (LocalFile file : files) {
            CountDownLatch done = reader.passed.get(file);
            pool.execute(() -> {
                try {
                    if (reader.failure.get() == null && reader.wanted.test(file)) {
                        reader.read.accept(file);
                    }
                } catch (RuntimeException e) {
                    reader.failure.compareAndSet(null, e);
                } finally {
                    done.countDown();
                }
            });
        }
        pool.shutdown();
        return reader;
    }

    /** Reads only the files {@code wanted} accepts from now on, and waits until those are read. */
    void finish(Predicate<LocalFile> wanted) throws BundleException, InterruptedException {
        finish(wanted, read);
    }

    /** As {@link #finish(Predicate)}, reading the files not read yet with {@code read} instead. */
    void finish(Predicate<LocalFile> wanted, Consumer<LocalFile> read) throws BundleException, InterruptedException {
        this.read = read;
        this.wanted = wanted;
        pool.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        Throwable failed = failure.get();
        if (failed != null) {
            throw new BundleException("Cannot read a source file: " + failed.getMessage(), failed);
        }
    }

    /**
     * Waits until the reader is done with {@code file}, if it has it to read. A user that read a file itself while the
     * reader is busy with another would share the cores with it, and neither file would be ready early: on a cold JVM,
     * eight uploads digesting their files at once each waited as long as the reader takes for all eight in turn.
     * After {@link #cancel} (or a failure) nobody waits: the caller reads what it needs itself.
     */
    void awaitTurn(LocalFile file) throws InterruptedException {
        CountDownLatch done = passed.get(file);
        while (done != null && done.getCount() > 0 && !pool.isTerminated() && failure.get() == null) {
            done.await(100, TimeUnit.MILLISECONDS); // re-checks that the reader still runs
        }
    }

    /** Stops reading: what is left is read where it is used, or never (the run failed). */
    void cancel() {
        pool.shutdownNow();
    }
}

package io.gravitee.release.gio.bundle.sync;

import io.gravitee.release.gio.bundle.BucketLayout;
import io.gravitee.release.gio.bundle.BundleException;
import io.gravitee.release.gio.bundle.index.IndexRefresher;
import io.gravitee.release.gio.bundle.s3.S3Store;
import io.gravitee.release.gio.bundle.sync.SyncPlan.Generated;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.transfer.Retry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The index pages of one upload, each written as soon as its directory is done: once every write and delete the plan
 * has in a directory's subtree is, its page shows only files that are there, and the pages below it have gone up
 * before or with it. So the pages of a large tree go up while the rest of it uploads, and only those of the last
 * directories wait for its last files. The pages themselves are rendered from the plan meanwhile, on a thread of their
 * own ({@link IndexRefresher}); pages of emptied directories are deleted at the end.
 */
final class IndexPages implements AutoCloseable {
    private final S3Store store;
    private final BucketLayout layout;
    private final Retry retry;
    private final Console console;
    private final CompletableFuture<IndexRefresher.Refresh> rendered;
    private final CompletableFuture<Map<String, Generated>> byDirectory;
    private final ExecutorService pool;
    /** Writes and deletes not done yet in each directory's subtree, "" for the prefix. */
    private final Map<String, Integer> pending = new HashMap<>();
    private final Set<String> started = new HashSet<>();
    private final List<CompletableFuture<String>> writes = new ArrayList<>();
    private final List<String> written;

    /**
     * @param rendered the pages to write and delete, once rendered
     * @param written where the key of each page is added once it is written (shared with the other writes)
     */
    IndexPages(S3Store store, BucketLayout layout, Retry retry, Console console, SyncPlan plan,
            CompletableFuture<IndexRefresher.Refresh> rendered, int threads, List<String> written) {
        this.store = store;
        this.layout = layout;
        this.retry = retry;
        this.console = console;
        this.rendered = rendered;
        this.byDirectory = rendered.thenApply(refresh -> {
            Map<String, Generated> pages = new HashMap<>();
            refresh.writes().forEach(page -> pages.put(BucketLayout.directoryOf(page.relativePath()), page));
            return pages;
        });
        this.written = written;
        this.pool = Executors.newFixedThreadPool(Math.max(1, threads), runnable -> {
            Thread thread = new Thread(runnable, "gio-page");
            thread.setDaemon(true);
            return thread;
        });
        for (SyncPlan.Write write : plan.writes()) {
            count(write.file().relativePath(), (write.upload() ? 1 : 0) + write.sidecars().size());
        }
        plan.deletes().forEach(path -> count(path, 1));
    }

    private void count(String relativePath, int writes) {
        for (String directory : BucketLayout.directoriesOf(relativePath)) {
            pending.merge(directory, writes, Integer::sum);
        }
    }

    /** Records that the write or delete of {@code relativePath} is done; the pages this completes start going up. */
    synchronized void done(String relativePath) {
        for (String directory : BucketLayout.directoriesOf(relativePath)) {
            Integer left = pending.computeIfPresent(directory, (d, n) -> n - 1);
            if (left != null && left == 0) {
                start(directory);
            }
        }
    }

    private synchronized void start(String directory) {
        if (started.add(directory)) {
            writes.add(byDirectory.thenApplyAsync(pages -> write(pages.get(directory)), pool));
        }
    }

    /** Writes {@code page} if there is one (the directory's page may read as it does already); its key, or null. */
    private String write(Generated page) {
        if (page == null) {
            return null;
        }
        String key = layout.key(page.relativePath());
        try {
            retry.run("upload of " + key, () -> store.put(key, page.content(), page.checksums().sha256(), "text/html; charset=utf-8"));
        } catch (Exception e) {
            throw new CompletionException(e);
        }
        written.add(key);
        return key;
    }

    /**
     * Once every planned write and delete is done: writes the pages not written yet, waits for all, then deletes the
     * pages of emptied directories.
     *
     * @return the keys of the pages deleted
     */
    List<String> finish() throws Exception {
        IndexRefresher.Refresh refresh;
        try {
            refresh = rendered.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        refresh.writes().forEach(page -> start(BucketLayout.directoryOf(page.relativePath())));
        List<Throwable> failures = new ArrayList<>();
        int count = 0;
        for (CompletableFuture<String> write : awaitAll()) {
            try {
                count += write.join() == null ? 0 : 1;
            } catch (CompletionException e) {
                failures.add(e.getCause());
            }
        }
        if (!failures.isEmpty()) {
            throw new BundleException("Files uploaded, but " + failures.size() + " index page(s) could not be written;"
                    + " run gio-bundle:index or the upload again. First failure: " + failures.get(0).getMessage(),
                    failures.get(0));
        }
        List<String> deleted = refresh.deletes().stream().map(layout::key).toList();
        if (!deleted.isEmpty()) {
            retry.run("deleting index pages", () -> store.delete(deleted));
        }
        console.info("Index pages refreshed: " + count + " written, " + deleted.size() + " deleted");
        return deleted;
    }

    /** The page writes started so far, each finished (written or failed). */
    private List<CompletableFuture<String>> awaitAll() {
        List<CompletableFuture<String>> all;
        synchronized (this) {
            all = List.copyOf(writes);
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(failure -> null).join();
        return all;
    }

    /** Waits for the pages already going up (after a failure, they are right about their directories), then stops. */
    @Override
    public void close() {
        try {
            awaitAll();
        } finally {
            pool.shutdownNow();
        }
    }
}

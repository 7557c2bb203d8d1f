package io.gravitee.release.gio.bundle.sync;

import io.gravitee.release.gio.bundle.BucketLayout;
import io.gravitee.release.gio.bundle.BucketLayout.Sidecar;
import io.gravitee.release.gio.bundle.BundleException;
import io.gravitee.release.gio.bundle.Channel;
import io.gravitee.release.gio.bundle.index.IndexRefresher;
import io.gravitee.release.gio.bundle.s3.S3Store;
import io.gravitee.release.gio.bundle.s3.S3Store.RemoteObject;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.transfer.Background;
import io.gravitee.release.gio.transfer.Parallel;
import io.gravitee.release.gio.transfer.Progress;
import io.gravitee.release.gio.transfer.Retry;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * Syncs a local tree to {@code bucket/prefix}: plan first (list, compare), then write only what changed,
 * each file before its checksum files, then refresh the index pages of the directories touched.
 * In the release channel, any conflict stops the upload before the first write.
 */
public final class Uploader {

    /**
     * @param threads uploads in flight at once
     * @param partSize size of the parts of a multipart upload; files larger than one part go multipart
     * @param digestCache where the MD5s of the source files are kept between runs ({@link DigestCache}); null for none
     */
    public record Options(Path source, BucketLayout layout, Channel channel, boolean dryRun, int threads, long partSize,
            Path digestCache) {
        public static final long DEFAULT_PART_SIZE = 16L * 1024 * 1024;

        /** Options without a digest cache: every file is read on every run. */
        public Options(Path source, BucketLayout layout, Channel channel, boolean dryRun, int threads, long partSize) {
            this(source, layout, channel, dryRun, threads, partSize, null);
        }
    }

    /** Levels of directories listed one by one before their subtrees are listed whole (components/x, plugins/type). */
    static final int LIST_LEVELS = 2;

    private static final int HASH_THREADS = Runtime.getRuntime().availableProcessors();

    private final S3Store store;
    private final Console console;
    private final Retry retry;

    public Uploader(S3Store store, Console console, Retry retry) {
        this.store = store;
        this.console = console;
        this.retry = retry;
    }

    /** An uploader retrying network and server errors 5 times with backoff. */
    public static Uploader of(S3Store store, Console console) {
        return new Uploader(store, console, Retry.of(S3Store.retryPolicy(), console));
    }

    public UploadReport upload(Options options) throws Exception {
        long start = System.nanoTime();
        Sides sides = readBothSides(options);
        CacheSave save = new CacheSave(options.source(), sides);
        try {
            return sync(options, sides.local(), sides.remote(), start, save);
        } finally {
            if (!options.dryRun()) {
                // Also after a failure: the digests read are right, and a re-run is then quicker.
                save.finish(); // a dry run writes nothing anywhere
            }
        }
    }

    /**
     * Saves the digest cache once: started as soon as the files are written, it runs while the last index pages go up
     * (a thousand entries take tens of milliseconds on a cold JVM); else at the end.
     */
    private final class CacheSave {
        private final Path source;
        private final Sides sides;
        private CompletableFuture<Void> started;

        CacheSave(Path source, Sides sides) {
            this.source = source;
            this.sides = sides;
        }

        void start() {
            if (started == null) {
                started = Background.supply("gio-digest-cache", () -> {
                    sides.cache().save(source, sides.local(), console);
                    return null;
                });
            }
        }

        void finish() {
            start();
            Background.join(started);
        }
    }

    /** The source files (with the MD5s the plan compares) and the objects under the prefix. */
    private record Sides(List<LocalFile> local, List<RemoteObject> remote, DigestCache cache) {}

    private Sides readBothSides(Options options) throws Exception {
        BucketLayout layout = options.layout();
        // The listing (round trips) runs while the tree is digested (disk and CPU); it asks at once for the
        // directories the tree has. It also tells an unknown bucket or refused credentials, so no separate bucket
        // check is needed.
        ExecutorService lister = Executors.newSingleThreadExecutor(daemon("gio-list"));
        DigestReader md5s = null;
        try {
            List<LocalFile> local = LocalTree.scan(options.source(), console);
            Set<String> expected = directories(local, layout);
            Future<List<RemoteObject>> listing = lister.submit(() -> retry.call(
                    "listing " + store.bucket() + "/" + layout.listPrefix(),
                    () -> store.listTree(layout.listPrefix(), LIST_LEVELS, Math.max(1, options.threads()) * 2, expected)));
            DigestCache cache = DigestCache.load(options.digestCache(), options.source(), console);
            cache.apply(local);
            // Digests are CPU work: more threads than cores would only starve the listing's requests.
            md5s = DigestReader.start(local, Math.min(options.threads(), HASH_THREADS), cache::readBeforeListing);
            List<RemoteObject> remote;
            try {
                remote = listing.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
            md5s.finish(SyncPlanner.comparedByMd5(remote, layout), cache::readAfterListing);
            return new Sides(local, remote, cache);
        } finally {
            lister.shutdownNow();
            if (md5s != null) {
                md5s.cancel();
            }
        }
    }

    private UploadReport sync(Options options, List<LocalFile> local, List<RemoteObject> remote, long start, CacheSave save)
            throws Exception {
        BucketLayout layout = options.layout();
        SyncPlanner planner = new SyncPlanner(layout, key -> retry.call("reading metadata of " + key, () -> store.sha256(key)),
                Math.max(1, options.threads()) * 2);
        SyncPlan plan = planner.plan(local, remote, options.channel());
        if (!plan.conflicts().isEmpty()) {
            throw conflicts(plan, layout);
        }
        console.info(String.format("Plan for %s/%s (%s): %d file(s) to upload (%s), %d unchanged, %d object(s) to delete",
                store.bucket(), layout.prefix(), options.channel(), plan.uploads().size(), Progress.bytes(plan.bytesToUpload()),
                plan.unchanged(), plan.deletes().size()));
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        List<String> deleted = new ArrayList<>();
        if (options.dryRun()) {
            // The pages are rendered as the real run renders them, so the plan names exactly the pages it would write:
            // a new directory's parents too, and none that would read as it does already.
            IndexRefresher.Refresh pages = plan.writesNothing() ? new IndexRefresher.Refresh(List.of(), List.of())
                    : renderIndexes(plan, options, remote);
            printPlan(plan, layout, pages);
            List<String> keys = plannedKeys(plan, layout);
            pages.writes().forEach(page -> keys.add(layout.key(page.relativePath())));
            List<String> deletes = new ArrayList<>(plan.deletes().stream().map(layout::key).toList());
            pages.deletes().forEach(page -> deletes.add(layout.key(page)));
            return report(options, plan, keys, deletes, start);
        }
        if (plan.writesNothing()) {
            console.info("Nothing to write: the bucket already has every file of " + options.source());
            return report(options, plan, List.of(), List.of(), start);
        }
        // The pages depend only on the plan: they are rendered (CPU) while the files go up (network), and each is
        // written once the directory it shows is done.
        CompletableFuture<IndexRefresher.Refresh> rendered =
                Background.supply("gio-index", () -> renderIndexes(plan, options, remote));
        try (IndexPages pages = new IndexPages(store, layout, retry, console, plan, rendered,
                Math.max(1, options.threads()) * 4, written)) {
            write(plan, options, written, pages);
            save.start();
            if (!plan.deletes().isEmpty()) {
                List<String> keys = plan.deletes().stream().map(layout::key).toList();
                retry.run("deleting " + keys.size() + " object(s)", () -> store.delete(keys));
                keys.forEach(key -> console.info("Deleted " + key));
                deleted.addAll(keys);
                plan.deletes().forEach(pages::done);
            }
            deleted.addAll(pages.finish());
        } catch (UploadFailure e) {
            throw e;
        } catch (Exception e) {
            // Whatever failed after the first write: the report must say what this run already wrote.
            throw new UploadFailure(e.getMessage() == null ? "Upload to " + store.bucket() + "/" + layout.prefix() + " failed"
                    : e.getMessage(), e, snapshot(written));
        }
        return report(options, plan, written, deleted, start);
    }

    /**
     * Files go {@code threads} at a time; each file's checksum files are queued, once the file is written, on a pool
     * four times wider: they are a few bytes each, so their cost is round trips, not bandwidth.
     */
    private void write(SyncPlan plan, Options options, List<String> written, IndexPages pages) throws Exception {
        BucketLayout layout = options.layout();
        Progress progress = Progress.of("Upload", plan.uploads().size(), plan.bytesToUpload(), console);
        // Digests are read ahead of the uploads that need them (a file's checksum files and metadata), on one thread:
        // it outruns any network, and leaves the other cores to sending.
        DigestReader ahead = DigestReader.start(plan.writes().stream().map(SyncPlan.Write::file).toList(), 1,
                LocalFile::checksums);
        ExecutorService small = Executors.newFixedThreadPool(Math.max(1, options.threads()) * 4, daemon("gio-small"));
        List<Future<?>> smallWrites = Collections.synchronizedList(new ArrayList<>());
        List<Callable<Void>> tasks = new ArrayList<>();
        for (SyncPlan.Write write : plan.writes()) {
            tasks.add(() -> {
                LocalFile file = write.file();
                ahead.awaitTurn(file);
                if (write.upload()) {
                    String key = layout.key(file.relativePath());
                    store.put(key, file.path(), file.checksums(), contentType(file.relativePath()), options.partSize(),
                            options.threads(), retry, progress::addBytes);
                    written.add(key);
                    pages.done(file.relativePath());
                    progress.fileDone();
                }
                for (Sidecar kind : write.sidecars()) {
                    SyncPlan.Generated sidecar = SyncPlanner.sidecar(file, kind);
                    String key = layout.key(sidecar.relativePath());
                    smallWrites.add(small.submit(() -> {
                        retry.run("upload of " + key, () -> store.put(
                                key, sidecar.content(), sidecar.checksums().sha256(), "text/plain; charset=utf-8"));
                        written.add(key);
                        pages.done(sidecar.relativePath());
                        return null;
                    }));
                }
                return null;
            });
        }
        Parallel.Results<Void> results;
        List<Throwable> failures = new ArrayList<>();
        try {
            results = Parallel.run(tasks, Math.max(1, options.threads()), true);
            failures.addAll(results.failures());
            List<Future<?>> pending;
            synchronized (smallWrites) {
                pending = List.copyOf(smallWrites);
            }
            for (Future<?> future : pending) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    failures.add(e.getCause());
                }
            }
        } finally {
            small.shutdownNow();
            ahead.cancel();
        }
        progress.finish();
        if (!failures.isEmpty()) {
            Throwable first = failures.get(0);
            UploadFailure failure = new UploadFailure(String.format(
                    "Upload to %s/%s failed: %d write(s) failed, %d file(s) not started, %d object(s) written before the failure;"
                            + " run the upload again to finish it. First failure: %s",
                    store.bucket(), layout.prefix(), failures.size(), results.notRun(), written.size(),
                    first.getMessage()), first, snapshot(written));
            failures.stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
    }

    private static List<String> snapshot(List<String> written) {
        synchronized (written) {
            return List.copyOf(written);
        }
    }

    /** The key prefixes of the tree's directories down to the levels listed one by one. */
    private static Set<String> directories(List<LocalFile> local, BucketLayout layout) {
        Set<String> directories = new HashSet<>();
        for (LocalFile file : local) {
            String path = file.relativePath();
            for (int slash = path.indexOf('/'), level = 1; slash > 0 && level <= LIST_LEVELS;
                    slash = path.indexOf('/', slash + 1), level++) {
                directories.add(layout.listPrefix() + path.substring(0, slash + 1));
            }
        }
        return directories;
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Pages are rendered from the listing taken before the upload with this run's planned writes and deletes applied,
     * dated when the upload starts, which spares listing the whole prefix again.
     */
    private IndexRefresher.Refresh renderIndexes(SyncPlan plan, Options options, List<RemoteObject> before) {
        BucketLayout layout = options.layout();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, RemoteObject> after = new LinkedHashMap<>();
        before.forEach(object -> after.put(object.key(), object));
        plan.deletes().forEach(path -> after.remove(layout.key(path)));
        for (SyncPlan.Write write : plan.writes()) {
            LocalFile file = write.file();
            if (write.upload()) {
                String key = layout.key(file.relativePath());
                // Index pages compare only the ETags of index pages: a file's is not needed (nor known yet).
                after.put(key, new RemoteObject(key, file.size(), null, now));
            }
            for (Sidecar kind : write.sidecars()) {
                String key = layout.key(write.sidecarPath(kind));
                after.put(key, new RemoteObject(key, SyncPlanner.sidecarSize(kind, file.relativePath()), null, now));
            }
        }
        return new IndexRefresher(store.bucket(), layout)
                .refresh(List.copyOf(after.values()), plan.touchedDirectories(), plan.directoriesBefore());
    }

    private BundleException conflicts(SyncPlan plan, BucketLayout layout) {
        StringBuilder message = new StringBuilder("Release channel: ")
                .append(plan.conflicts().size())
                .append(" file(s) already exist in ").append(store.bucket()).append('/').append(layout.prefix())
                .append(" with different content, and published files are immutable. Nothing was written.");
        plan.conflicts().stream().limit(20).forEach(c -> message.append("\n  ").append(layout.key(c.relativePath()))
                .append(": bucket has ").append(c.remoteSize()).append(" bytes, source has ").append(c.localSize())
                .append(" bytes (or same size, different checksum)"));
        if (plan.conflicts().size() > 20) {
            message.append("\n  ... and ").append(plan.conflicts().size() - 20).append(" more");
        }
        message.append("\nPublish under a new version, or use -Dgio.bundle.channel=nightly for a channel that may change.");
        return new BundleException(message.toString());
    }

    private void printPlan(SyncPlan plan, BucketLayout layout, IndexRefresher.Refresh pages) {
        console.info("Dry run: nothing is written. The upload would:");
        for (SyncPlan.Write write : plan.writes()) {
            if (write.upload()) {
                console.info((write.replaces() ? "  overwrite " : "  upload    ") + layout.key(write.file().relativePath())
                        + " (" + Progress.bytes(write.file().size()) + ")");
            }
            for (Sidecar kind : write.sidecars()) {
                console.info("  write     " + layout.key(write.sidecarPath(kind)));
            }
        }
        plan.deletes().forEach(path -> console.info("  delete    " + layout.key(path)));
        pages.writes().forEach(page -> console.info("  refresh   " + layout.key(page.relativePath())));
        pages.deletes().forEach(page -> console.info("  delete    " + layout.key(page)));
    }

    private static List<String> plannedKeys(SyncPlan plan, BucketLayout layout) {
        List<String> keys = new ArrayList<>();
        for (SyncPlan.Write write : plan.writes()) {
            if (write.upload()) {
                keys.add(layout.key(write.file().relativePath()));
            }
            write.sidecars().forEach(kind -> keys.add(layout.key(write.sidecarPath(kind))));
        }
        return keys;
    }

    private UploadReport report(Options options, SyncPlan plan, List<String> written, List<String> deleted, long start) {
        return new UploadReport(store.endpoint(), store.bucket(), options.layout().prefix(), options.channel().toString(),
                options.dryRun(), plan.uploads().size(), plan.unchanged(), plan.bytesToUpload(), List.copyOf(written),
                deleted, (System.nanoTime() - start) / 1_000_000);
    }

    static String contentType(String path) {
        String name = path.toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".zip")) {
            return "application/zip";
        }
        if (name.endsWith(".json")) {
            return "application/json";
        }
        if (name.endsWith(".txt") || name.endsWith(".md") || BucketLayout.sidecarTarget(name).isPresent()) {
            return "text/plain; charset=utf-8";
        }
        if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        return "application/octet-stream";
    }
}

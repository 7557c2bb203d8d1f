package io.gravitee.release.gio.bundle.retention;

import io.gravitee.release.gio.bundle.BucketLayout;
import io.gravitee.release.gio.bundle.index.IndexRefresher;
import io.gravitee.release.gio.bundle.s3.S3Store;
import io.gravitee.release.gio.bundle.s3.S3Store.RemoteObject;
import io.gravitee.release.gio.bundle.sync.SyncPlan.Generated;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.transfer.Retry;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code gio-bundle:prune} does: list the bucket, plan with a {@link RetentionPlanner}, print every removal
 * and its reason, and only when applying, delete the files with their checksum files and refresh the index
 * pages of the directories touched.
 */
public final class Pruner {
    private final S3Store store;
    private final Console console;
    private final Retry retry;

    public Pruner(S3Store store, Console console, Retry retry) {
        this.store = store;
        this.console = console;
        this.retry = retry;
    }

    /** @param apply delete; otherwise only print what would go */
    public PrunePlan prune(RetentionPolicy policy, BucketLayout layout, boolean apply, Instant now) throws Exception {
        retry.run("checking bucket " + store.bucket(), store::checkBucket);
        List<RemoteObject> before = retry.call("listing " + store.bucket(), () -> store.list(layout.listPrefix()));
        PrunePlan plan = new RetentionPlanner(policy, layout).plan(before, now);
        plan.kept().forEach(line -> console.info("  keep    " + line));
        for (PrunePlan.Removal removal : plan.removals()) {
            console.info("  " + (apply ? "delete  " : "would delete ") + removal.subject() + " (" + removal.paths().size()
                    + " object(s)): " + removal.reason());
            removal.paths().forEach(path -> console.debug("    " + layout.key(path)));
        }
        if (plan.removesNothing()) {
            console.info("Retention: nothing to delete in " + store.bucket() + "/" + layout.prefix());
            return plan;
        }
        if (!apply) {
            console.info(String.format("Retention (dry run): %d object(s) of %d version(s)/build(s) would be deleted;"
                    + " run with -Dgio.bundle.apply=true to delete them", plan.paths().size(), plan.removals().size()));
            return plan;
        }
        List<String> keys = plan.paths().stream().map(layout::key).toList();
        retry.run("deleting " + keys.size() + " object(s)", () -> store.delete(keys));
        Set<String> directoriesBefore = new HashSet<>();
        for (RemoteObject object : before) {
            layout.relative(object.key()).ifPresent(path -> directoriesBefore.addAll(BucketLayout.directoriesOf(path)));
        }
        Set<String> touched = new TreeSet<>();
        plan.paths().forEach(path -> touched.add(BucketLayout.directoryOf(path)));
        List<RemoteObject> after = retry.call("listing " + store.bucket(), () -> store.list(layout.listPrefix()));
        IndexRefresher.Refresh refresh = new IndexRefresher(store.bucket(), layout).refresh(after, touched, directoriesBefore);
        for (Generated page : refresh.writes()) {
            String key = layout.key(page.relativePath());
            retry.run("upload of " + key, () -> store.put(key, page.content(), page.checksums().sha256(), "text/html; charset=utf-8"));
        }
        List<String> stale = refresh.deletes().stream().map(layout::key).toList();
        if (!stale.isEmpty()) {
            retry.run("deleting index pages", () -> store.delete(stale));
        }
        console.info(String.format("Retention: deleted %d object(s) of %d version(s)/build(s); index pages: %d written, %d deleted",
                keys.size(), plan.removals().size(), refresh.writes().size(), stale.size()));
        return plan;
    }
}

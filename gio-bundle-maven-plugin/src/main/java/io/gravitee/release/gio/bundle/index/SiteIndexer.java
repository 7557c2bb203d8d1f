package io.gravitee.release.gio.bundle.index;

import io.gravitee.release.gio.bundle.BucketLayout;
import io.gravitee.release.gio.bundle.s3.S3Store;
import io.gravitee.release.gio.bundle.sync.SyncPlan.Generated;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.transfer.Retry;
import java.util.List;

/** (Re)writes every index page under a prefix: what {@code gio-bundle:index} does. */
public final class SiteIndexer {
    private final S3Store store;
    private final Console console;
    private final Retry retry;

    public SiteIndexer(S3Store store, Console console, Retry retry) {
        this.store = store;
        this.console = console;
        this.retry = retry;
    }

    /**
     * Writes the pages that are missing or out of date and deletes those of directories without files.
     *
     * @return the refresh done, or that would be done in dry-run
     */
    public IndexRefresher.Refresh reindex(BucketLayout layout, boolean dryRun) throws Exception {
        retry.run("checking bucket " + store.bucket(), store::checkBucket);
        List<S3Store.RemoteObject> objects = retry.call("listing " + store.bucket(), () -> store.list(layout.listPrefix()));
        IndexRefresher.Refresh refresh = new IndexRefresher(store.bucket(), layout).refreshAll(objects);
        for (Generated page : refresh.writes()) {
            String key = layout.key(page.relativePath());
            console.info((dryRun ? "Would write " : "Writing ") + key);
            if (!dryRun) {
                retry.run("upload of " + key, () -> store.put(key, page.content(), page.checksums().sha256(), "text/html; charset=utf-8"));
            }
        }
        List<String> stale = refresh.deletes().stream().map(layout::key).toList();
        stale.forEach(key -> console.info((dryRun ? "Would delete " : "Deleting ") + key));
        if (!dryRun && !stale.isEmpty()) {
            retry.run("deleting stale index pages", () -> store.delete(stale));
        }
        console.info(String.format("Index pages of %s/%s: %d %s, %d stale %s, the others up to date",
                store.bucket(), layout.prefix(), refresh.writes().size(), dryRun ? "to write" : "written",
                stale.size(), dryRun ? "to delete" : "deleted"));
        return refresh;
    }
}

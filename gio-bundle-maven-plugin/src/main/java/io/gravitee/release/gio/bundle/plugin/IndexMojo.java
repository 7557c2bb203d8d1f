package io.gravitee.release.gio.bundle.plugin;

import io.gravitee.release.gio.bundle.BucketLayout;
import io.gravitee.release.gio.bundle.index.IndexRefresher;
import io.gravitee.release.gio.bundle.index.SiteIndexer;
import io.gravitee.release.gio.bundle.s3.S3Store;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.maven.GoalReport;
import io.gravitee.release.gio.maven.GoalRun;
import io.gravitee.release.gio.transfer.Retry;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * (Re)writes {@code index.html} in every directory under {@code bucket/prefix}: a static listing (names,
 * sizes, dates, checksum links, parent link, relative links only, no JavaScript) that needs no public
 * ListBucket permission nor CORS. Pages already up to date are not rewritten; pages of directories that no
 * longer hold files are deleted. Writes {@code target/gio/index-report.{json,md}}.
 */
@Mojo(name = "index", requiresProject = false, threadSafe = true)
public class IndexMojo extends AbstractBundleMojo {

    @Inject
    public IndexMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    String goal() {
        return "index";
    }

    @Override
    void run(S3Store store, BucketLayout layout, Console console, GoalRun run) throws Exception {
        IndexRefresher.Refresh refresh = new SiteIndexer(store, console, Retry.of(S3Store.retryPolicy(), console))
                .reindex(layout, dryRun);
        List<String> written = refresh.writes().stream().map(page -> layout.key(page.relativePath())).toList();
        List<String> deleted = refresh.deletes().stream().map(layout::key).toList();
        boolean nothing = written.isEmpty() && deleted.isEmpty();
        written.forEach(key -> run.did((dryRun ? "would write " : "wrote ") + key));
        deleted.forEach(key -> run.did((dryRun ? "would delete " : "deleted ") + key));
        run.finish(dryRun ? GoalReport.PLANNED : nothing ? GoalReport.NOTHING_TO_DO : "INDEXED", !dryRun && !nothing,
                written.size() + " page(s) " + (dryRun ? "to write" : "written") + ", " + deleted.size() + " stale page(s) "
                        + (dryRun ? "to delete" : "deleted") + "; the others were up to date.\n", null);
    }
}

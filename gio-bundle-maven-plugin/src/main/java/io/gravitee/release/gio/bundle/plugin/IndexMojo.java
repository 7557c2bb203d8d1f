package io.gravitee.release.gio.bundle.plugin;

import io.gravitee.release.gio.bundle.BucketLayout;
import io.gravitee.release.gio.bundle.index.SiteIndexer;
import io.gravitee.release.gio.bundle.s3.S3Store;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.transfer.Retry;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * (Re)writes {@code index.html} in every directory under {@code bucket/prefix}: a static listing (names,
 * sizes, dates, checksum links, parent link, relative links only, no JavaScript) that needs no public
 * ListBucket permission nor CORS. Pages already up to date are not rewritten; pages of directories that no
 * longer hold files are deleted.
 */
@Mojo(name = "index", requiresProject = false, threadSafe = true)
public class IndexMojo extends AbstractBundleMojo {

    @Inject
    public IndexMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    void run(S3Store store, BucketLayout layout, Console console) throws Exception {
        new SiteIndexer(store, console, Retry.of(S3Store.retryPolicy(), console)).reindex(layout, dryRun);
    }
}

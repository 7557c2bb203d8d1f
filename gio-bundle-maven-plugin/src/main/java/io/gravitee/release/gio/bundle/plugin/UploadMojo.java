package io.gravitee.release.gio.bundle.plugin;

import io.gravitee.release.gio.bundle.BucketLayout;
import io.gravitee.release.gio.bundle.Channel;
import io.gravitee.release.gio.bundle.s3.S3Store;
import io.gravitee.release.gio.bundle.sync.UploadReport;
import io.gravitee.release.gio.bundle.sync.Uploader;
import io.gravitee.release.gio.log.Console;
import java.io.File;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Syncs a local directory to {@code bucket/prefix}: lists the bucket, plans, then uploads only the files whose
 * content changed, each with {@code .sha1}, {@code .md5} and {@code .sha512sum} files beside it, and refreshes
 * the index pages of the directories touched. Channel {@code release} (default) never overwrites a file with
 * different content: such a conflict fails the whole upload before anything is written. Channel
 * {@code nightly} overwrites, and deletes what the source no longer has. Writes
 * {@code target/gio/upload-report.json} and {@code .md}, except in a dry run, which writes nothing anywhere and only
 * prints the plan.
 * <p>
 * The MD5s read from the source files are kept in {@code target/gio/upload-digests.properties} with each file's size,
 * modification time and inode, so that an upload run again over the same files does not read them again; a file whose
 * size, time or inode changed is read again. A tool that rewrites a file and then restores its time defeats this:
 * delete that file (or {@code mvn clean}) to have every file read.
 */
@Mojo(name = "upload", requiresProject = false, threadSafe = true)
public class UploadMojo extends AbstractBundleMojo {

    /** Directory to publish; its tree becomes the key tree under the prefix. */
    @Parameter(property = "gio.bundle.source", defaultValue = "${basedir}/target/gio-bundle")
    File source;

    /** {@code release} (published files are immutable) or {@code nightly} (mirror: overwrite and delete). */
    @Parameter(property = "gio.bundle.channel", defaultValue = "release")
    String channel;

    /** Files uploaded in parallel. */
    @Parameter(property = "gio.threads", defaultValue = "8")
    int threads;

    /** Part size in MiB for multipart uploads (minimum 5); larger files are uploaded in parts. */
    @Parameter(property = "gio.bundle.partSizeMiB", defaultValue = "16")
    int partSizeMiB;

    /** Where the upload report is written. */
    @Parameter(defaultValue = "${basedir}/target/gio", readonly = true)
    File reportDirectory;

    static final String DIGEST_CACHE = "upload-digests.properties";

    @Inject
    public UploadMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    void run(S3Store store, BucketLayout layout, Console console) throws Exception {
        Channel parsed = Channel.parse(channel);
        if (parsed == Channel.NIGHTLY && layout.prefix().isEmpty()) {
            throw new MojoFailureException("Channel nightly deletes what the source does not have: it needs a"
                    + " gio.bundle.prefix so that it cannot empty the whole bucket " + store.bucket());
        }
        UploadReport report = Uploader.of(store, console).upload(new Uploader.Options(
                source.toPath(), layout, parsed, dryRun, Math.max(1, threads), Math.max(5, partSizeMiB) * 1024L * 1024,
                reportDirectory.toPath().resolve(DIGEST_CACHE)));
        if (dryRun) {
            // A dry run writes nothing anywhere, local report included: the plan it printed is its output.
            console.info("Dry run: no report written");
            return;
        }
        report.writeTo(reportDirectory.toPath());
        console.info("Report: " + reportDirectory.toPath().resolve("upload-report.md"));
    }
}

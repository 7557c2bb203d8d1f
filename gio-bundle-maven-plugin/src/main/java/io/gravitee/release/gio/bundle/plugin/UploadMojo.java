package io.gravitee.release.gio.bundle.plugin;

import io.gravitee.release.gio.bundle.BucketLayout;
import io.gravitee.release.gio.bundle.Channel;
import io.gravitee.release.gio.bundle.s3.S3Store;
import io.gravitee.release.gio.bundle.sync.UploadFailure;
import io.gravitee.release.gio.bundle.sync.UploadReport;
import io.gravitee.release.gio.bundle.sync.Uploader;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.maven.GoalRun;
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
 * {@code nightly} overwrites, and deletes what the source no longer has. Every run writes
 * {@code target/gio/upload-report.json} and {@code .md}, a failed one too (result {@code FAILED}, the error, the
 * objects written before it); a dry run writes nothing else, and its report is the plan: every key the real upload
 * would write and delete, index pages included. A run that wrote something also keeps its report as
 * {@code upload-report.last-work.*}, which runs with nothing to do leave alone.
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

    static final String DIGEST_CACHE = "upload-digests.properties";

    /** Keys a failed run's report lists one by one. */
    private static final int LISTED = 50;

    @Inject
    public UploadMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    String goal() {
        return "upload";
    }

    @Override
    void run(S3Store store, BucketLayout layout, Console console, GoalRun run) throws Exception {
        Channel parsed = Channel.parse(channel);
        if (parsed == Channel.NIGHTLY && layout.prefix().isEmpty()) {
            throw new MojoFailureException("Channel nightly deletes what the source does not have: it needs a"
                    + " gio.bundle.prefix so that it cannot empty the whole bucket " + store.bucket());
        }
        UploadReport report;
        try {
            report = Uploader.of(store, console).upload(new Uploader.Options(
                    source.toPath(), layout, parsed, dryRun, Math.max(1, threads), Math.max(5, partSizeMiB) * 1024L * 1024,
                    reportDirectory.toPath().resolve(DIGEST_CACHE)));
        } catch (UploadFailure e) {
            e.written().stream().limit(LISTED).forEach(key -> run.did("wrote " + key));
            if (e.written().size() > LISTED) {
                run.did("... and " + (e.written().size() - LISTED) + " more object(s)");
            }
            throw e;
        }
        // A dry run's report is its plan; like a run with nothing to do, it leaves upload-report.last-work.md alone.
        run.finish(report.result(), !report.dryRun() && !report.writesNothing(), report.markdown(), report.json());
    }
}

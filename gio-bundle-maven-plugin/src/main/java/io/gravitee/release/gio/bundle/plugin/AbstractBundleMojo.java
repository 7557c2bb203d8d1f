package io.gravitee.release.gio.bundle.plugin;

import io.gravitee.release.gio.maven.Failures;
import io.gravitee.release.gio.maven.GoalRun;
import io.gravitee.release.gio.maven.Required;
import io.gravitee.release.gio.maven.ServerCredentials;
import io.gravitee.release.gio.bundle.BucketLayout;
import io.gravitee.release.gio.bundle.s3.S3Store;
import io.gravitee.release.gio.log.Console;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import java.io.File;
import java.util.regex.Pattern;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/** Parameters shared by the goals that talk to the download bucket. */
abstract class AbstractBundleMojo extends AbstractMojo {

    /** URL of the S3-compatible server, e.g. {@code https://s3.eu-west-1.amazonaws.com}. */
    @Parameter(property = "gio.bundle.endpoint")
    String endpoint;

    /** Region of the bucket; giving it spares a location request. */
    @Parameter(property = "gio.bundle.region", defaultValue = "us-east-1")
    String region;

    /** Bucket serving the download site. gio never creates it. */
    @Parameter(property = "gio.bundle.bucket")
    String bucket;

    /** Key prefix under which the site lives, e.g. {@code graviteeio-apim}; empty for the bucket root. */
    @Parameter(property = "gio.bundle.prefix", defaultValue = "")
    String prefix;

    /** Id of the settings.xml {@code <server>} whose username/password are the access key and secret key. */
    @Parameter(property = "gio.bundle.serverId")
    String serverId;

    /** Do every read and check, print what would be written, write nothing but the report, which is the plan. */
    @Parameter(property = "gio.dryRun", defaultValue = "false")
    boolean dryRun;

    /** Skip this goal. */
    @Parameter(property = "gio.bundle.skip", defaultValue = "false")
    boolean skip;

    /** Where the goal's report ({@code <goal>-report.{json,md}}) and the upload's digest cache are written. */
    @Parameter(defaultValue = "${basedir}/target/gio", readonly = true)
    File reportDirectory;

    @Parameter(defaultValue = "${settings}", readonly = true, required = true)
    Settings settings;

    final SettingsDecrypter decrypter;

    AbstractBundleMojo(SettingsDecrypter decrypter) {
        this.decrypter = decrypter;
    }

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipped (gio.bundle.skip)");
            return;
        }
        Console console = Console.of(getLog()::info, getLog()::warn, getLog()::debug);
        GoalRun run = new GoalRun("gio-bundle:" + goal(), reportDirectory.toPath(), bucket + "/" + (prefix == null ? "" : prefix),
                console);
        try {
            required(Required.of("gio-bundle:" + goal())
                    .check(endpoint, "gio.bundle.endpoint", "the URL of the S3-compatible server",
                            "https://s3.eu-west-1.amazonaws.com")
                    .check(bucket, "gio.bundle.bucket", "the bucket serving the download site", "gravitee-downloads")
                    .check(serverId, "gio.bundle.serverId", "the settings.xml <server> whose username and password are"
                            + " the access key and the secret key", "gio-s3")).verify();
            BucketLayout layout;
            try {
                layout = new BucketLayout(prefix);
            } catch (IllegalArgumentException e) {
                throw new MojoFailureException(e.getMessage());
            }
            checkBucketName(bucket);
            var credentials = ServerCredentials.resolve(settings, decrypter, serverId, "gio.bundle.serverId");
            try (S3Store store = S3Store.connect(endpoint, region, bucket, credentials)) {
                run(store, layout, console, run);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw run.failed(new MojoExecutionException("Interrupted", e));
        } catch (MojoExecutionException e) {
            throw run.failed(e);
        } catch (Exception e) {
            // gio's own failures keep their message; a transport failure names the endpoint and what to check.
            throw run.failed(Failures.translate(e, new Failures.Peer("the S3 endpoint", endpoint, "gio.bundle.endpoint")));
        }
    }

    /**
     * The bucket names minio accepts (S3's rules), checked before it does (its message, an exception of its own, names
     * no property): 3 to 63 characters, lowercase letters, digits, '.' and '-', a letter or digit at both ends, no "..".
     */
    static void checkBucketName(String bucket) throws MojoFailureException {
        if (bucket != null && !bucket.isBlank() && (!BUCKET_NAME.matcher(bucket).matches() || bucket.contains(".."))) {
            throw new MojoFailureException("-Dgio.bundle.bucket='" + bucket + "' is not an S3 bucket name: 3 to 63"
                    + " characters, lowercase letters, digits, '.' and '-', starting and ending with a letter or digit"
                    + " (e.g. -Dgio.bundle.bucket=gravitee-downloads). Check -Dgio.bundle.bucket: it is the bucket's"
                    + " name, not its URL (that is -Dgio.bundle.endpoint).");
        }
    }

    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    /** Adds the goal's own required parameters to those every bundle goal has. */
    Required required(Required required) {
        return required;
    }

    /** The goal's name, e.g. {@code upload}: its report is {@code <goal>-report.{json,md}}. */
    abstract String goal();

    /** Does the goal's work and ends {@code run} with its report ({@link GoalRun#finish}). */
    abstract void run(S3Store store, BucketLayout layout, Console console, GoalRun run) throws Exception;
}

package io.gravitee.release.gio.staging.plugin;

import io.gravitee.release.gio.credentials.Credentials;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.maven.ServerCredentials;
import io.gravitee.release.gio.staging.StageOutcome;
import io.gravitee.release.gio.maven.Failures;
import io.gravitee.release.gio.maven.GoalRun;
import io.gravitee.release.gio.staging.StagingException;
import io.gravitee.release.gio.staging.StagingLedger;
import io.gravitee.release.gio.staging.StagingService;
import io.gravitee.release.gio.staging.backend.StagingBackend;
import io.gravitee.release.gio.staging.resolve.ResolvedComponent;
import io.gravitee.release.gio.staging.validate.Problem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/**
 * Resolves and validates like {@code gio-staging:resolve}, then publishes through {@code -Dgio.staging.backend}
 * ({@code nexus2}, {@code central} or {@code repository}): opens a staging area marked
 * {@code gio:<groupId>:<artifactId>:<version>} (Nexus 2 staging repository, Central Portal deployment, staged copy
 * in a hosted repository), records its id in the ledger, uploads, verifies, publishes. Re-running after any failure finishes
 * the work without publishing twice. The ledger is {@code -Dgio.ledger.url} (branch {@code -Dgio.ledger.branch})
 * when given, else a local one under {@code target/gio/}. Every run writes {@code target/gio/stage-report.{json,md}},
 * a failed one too (result {@code FAILED} and why).
 */
@Mojo(name = "stage", aggregator = true, threadSafe = true)
public class StageMojo extends AbstractStagingMojo {

    /**
     * {@code nexus2} (Nexus 2 staging / OSSRH Staging API), {@code central} (Central Portal Publisher API) or
     * {@code repository} (two-phase staging on a repository manager without staging, e.g. Nexus 3 OSS).
     */
    @Parameter(property = "gio.staging.backend", defaultValue = "nexus2")
    String backend;

    /**
     * {@code nexus2}: the staging server's base URL, e.g. {@code https://ossrh-staging-api.central.sonatype.com};
     * {@code central}: the Portal's base URL, e.g. {@code https://central.sonatype.com};
     * {@code repository}: the release repository (redeploy disabled).
     */
    @Parameter(property = "gio.staging.url")
    String url;

    /** {@code repository} only: the hosted repository (redeploy allowed) where files are staged and verified. */
    @Parameter(property = "gio.staging.stagingUrl")
    String stagingUrl;

    /** Seconds between two status reads of a closing or publishing staging repository / deployment. */
    @Parameter(property = "gio.staging.pollInterval", defaultValue = "5")
    int pollIntervalSeconds;

    /** {@code central} only: the Portal's bundle size limit; a larger bundle is split per Maven component. */
    @Parameter(property = "gio.staging.maxBundleBytes", defaultValue = "1073741824")
    long maxBundleBytes;

    /** The settings.xml server holding the deployment user's credentials. */
    @Parameter(property = "gio.staging.serverId")
    String serverId;

    /** The staging profile id; evaluated from the groupId when absent. */
    @Parameter(property = "gio.staging.profileId")
    String profileId;

    /**
     * Where released files are publicly served, to detect an earlier publication. Default: {@code nexus2}, the server's
     * {@code content/repositories/releases} on a full Nexus 2 and Maven Central on the OSSRH Staging API service.
     */
    @Parameter(property = "gio.staging.publicUrl")
    String publicUrl;

    /** Release once closed; false stops at a closed repository. */
    @Parameter(property = "gio.staging.autoRelease", defaultValue = "true")
    boolean autoRelease;

    /** Leave a failed staging repository for inspection instead of dropping it. */
    @Parameter(property = "gio.staging.keepOnFailure", defaultValue = "false")
    boolean keepOnFailure;

    /** Seconds to wait for a close, then for a release, before leaving it to the next run. */
    @Parameter(property = "gio.staging.timeout", defaultValue = "900")
    int timeoutSeconds;

    /**
     * Do every read, resolution, validation and credential check; write nothing on any server nor in the ledger, only
     * the report.
     */
    @Parameter(property = "gio.dryRun", defaultValue = "false")
    boolean dryRun;

    /** The ledger's git repository; a local ledger under target/gio when absent. */
    @Parameter(property = "gio.ledger.url")
    String ledgerUrl;

    /** The ledger's branch. */
    @Parameter(property = "gio.ledger.branch", defaultValue = "main")
    String ledgerBranch;

    @Inject
    public StageMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem) {
        super(decrypter, repositorySystem);
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        Console console = console();
        GoalRun run = run("stage", console);
        try {
            stage(console, run);
        } catch (MojoFailureException e) {
            throw run.failed(e);
        } catch (MojoExecutionException e) {
            throw run.failed(e);
        } catch (RuntimeException e) {
            throw run.failed(Failures.translate(e, stagingPeers(url, stagingUrl, publicUrl)));
        }
    }

    private void stage(Console console, GoalRun run) throws MojoExecutionException, MojoFailureException {
        stagingServer(required("stage"), url, serverId).verify();
        BackendSelection selection = new BackendSelection(backend, url, stagingUrl, profileId, publicUrl, threads,
                Duration.ofSeconds(Math.max(1, pollIntervalSeconds)), maxBundleBytes);
        selection.check();
        Credentials credentials = ServerCredentials.resolve(settings, decrypter, serverId, "gio.staging.serverId");
        ResolvedComponent component = resolve(console);
        String name = component.root().artifactId();
        String version = component.root().version();
        run.subject(name, version);
        List<Problem> problems = validate(component, console);
        if (!problems.isEmpty()) {
            report(run, "stage", name, version, null, problems, summary(problems));
            throw new MojoFailureException(summary(problems));
        }
        try (StagingBackend staging = selection.create(credentials, console)) {
            stage(staging, component, console, run);
        } catch (StagingException e) {
            // Thrown by a backend as it starts (e.g. reading the server's kind) or stops.
            throw Failures.translate(e, stagingPeers(url, stagingUrl, publicUrl));
        }
    }

    private void stage(StagingBackend staging, ResolvedComponent component, Console console, GoalRun run)
            throws MojoExecutionException, MojoFailureException {
        String name = component.root().artifactId();
        String version = component.root().version();
        Path gio = outputDirectory.toPath();
        StagingService service = new StagingService(staging, () -> StagingLedger.open(
                ledgerUrl == null || ledgerUrl.isBlank() ? StagingLedger.local(gio) : StagingLedger.remote(ledgerUrl,
                        ledgerBranch), gio.resolve("ledger-clone"), name, console), console,
                new StagingService.Options(dryRun, autoRelease, keepOnFailure, Duration.ofSeconds(timeoutSeconds),
                        Duration.ofSeconds(timeoutSeconds)));
        StageOutcome outcome;
        try {
            outcome = service.stage(component);
        } catch (StagingException | io.gravitee.release.gio.ledger.LedgerException e) {
            throw Failures.translate(e, stagingPeers(url, stagingUrl, publicUrl));
        }
        // A dry run writes its report too: it says what it found, and leaves stage-report.last-work.* alone.
        report(run, "stage", name, version, outcome, List.of(), null);
        console.info(name + " " + version + ": " + outcome.result());
    }
}

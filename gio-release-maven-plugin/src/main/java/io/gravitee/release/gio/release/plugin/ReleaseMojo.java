package io.gravitee.release.gio.release.plugin;

import io.gravitee.release.gio.credentials.Credentials;
import io.gravitee.release.gio.git.GitCredentials;
import io.gravitee.release.gio.ledger.LeaseHeldException;
import io.gravitee.release.gio.ledger.LeaseOptions;
import io.gravitee.release.gio.ledger.LedgerException;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.manifest.Manifest;
import io.gravitee.release.gio.manifest.ManifestException;
import io.gravitee.release.gio.maven.Failures;
import io.gravitee.release.gio.maven.GoalRun;
import io.gravitee.release.gio.maven.Required;
import io.gravitee.release.gio.maven.ServerCredentials;
import io.gravitee.release.gio.release.build.DeployRepository;
import io.gravitee.release.gio.release.build.MavenBuild;
import io.gravitee.release.gio.release.build.RepositoryReleases;
import io.gravitee.release.gio.release.component.ReleaseException;
import io.gravitee.release.gio.release.component.ReleaseSettings;
import io.gravitee.release.gio.release.executor.ExecutorChoice;
import io.gravitee.release.gio.release.executor.RemoteExecutor;
import io.gravitee.release.gio.release.product.ProductRelease;
import io.gravitee.release.gio.release.product.ReleaseReport;
import io.gravitee.release.gio.release.product.ReleaseRequest;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * Releases every pending component of the manifest, wave by wave, components of a wave in
 * parallel, in a checkout of the release repository (no {@code pom.xml} needed). Each component:
 * clone its branch, align its dependencies on components released earlier, set the release
 * version, build and deploy it, commit, tag, prepare the next snapshot, push. A build deploys into
 * a local directory first; its files and their SHA-1s are recorded in the ledger before gio uploads
 * them to the deploy repository, so that a resumed run replaces what a dead attempt uploaded (the
 * version was never tagged) and nothing else. Progress is committed to the release repository as
 * each component completes, so running the goal again after any failure or crash finishes the
 * release without redoing what succeeded. Every run writes {@code target/gio/release-report.{json,md}},
 * a failed one too (result {@code FAILED} and why); a run that did work also keeps it as
 * {@code release-report.last-work.*}, which a run with nothing to release leaves alone.
 */
@Mojo(name = "release", requiresProject = false, threadSafe = true)
public class ReleaseMojo extends AbstractMojo {

    /** The release manifest, relative to the release checkout. */
    @Parameter(property = "gio.manifest", defaultValue = "release.json")
    private String manifest;

    /** Git URL of a component, {@code {name}} being its name and {@code ${scmHttpUrl}} the manifest's. */
    @Parameter(property = "gio.scm.urlTemplate", defaultValue = "${scmHttpUrl}{name}.git")
    private String urlTemplate;

    /** The {@code <server>} of settings.xml holding git credentials (components and release repository). */
    @Parameter(property = "gio.scm.serverId")
    private String scmServerId;

    /** Release every component from this branch instead of {@code master} / {@code M.m.x}. */
    @Parameter(property = "gio.release.branch")
    private String branch;

    /** The profile the component builds run with. */
    @Parameter(property = "gio.release.profile", defaultValue = "gio-release")
    private String profile;

    /** Where components are deployed, {@code id::url}; {@code id} is also the settings.xml server. */
    @Parameter(property = "gio.release.deployRepository")
    private String deployRepository;

    /**
     * Repositories ({@code id::url}, comma-separated; each id also a settings.xml server) where an io.gravitee
     * {@code X-SNAPSHOT} is looked for as release {@code X} after the deploy repository, e.g. Maven Central
     * ({@code central::https://repo.maven.apache.org/maven2/}) when the deploy repository does not proxy it.
     */
    @Parameter(property = "gio.release.lookupRepositories")
    private String lookupRepositories;

    /**
     * Opt-in: move the version properties of these artifacts ({@code groupId[:artifactId]} globs, comma-separated;
     * {@code true} = {@code io.gravitee.*}) to their newest release of the same major before the build, as
     * {@code versions:update-properties} did in Gravitee's CircleCI orb.
     */
    @Parameter(property = "gio.release.updateProperties")
    private String updateProperties;

    /** How many components of a wave are released at once. Default: the number of cores. */
    @Parameter(property = "gio.threads")
    private Integer threads;

    /** A component build taking longer than this many minutes is stopped and fails. */
    @Parameter(property = "gio.release.buildTimeoutMinutes", defaultValue = "60")
    private int buildTimeoutMinutes;

    /** Seconds a run's lease on the release lasts without renewal (a crashed run's lease expires). */
    @Parameter(property = "gio.lock.ttl", defaultValue = "120")
    private int lockTtl;

    /** Take over the lease even if it looks alive: only when you know its holder is dead. */
    @Parameter(property = "gio.lock.force", defaultValue = "false")
    private boolean lockForce;

    /** Build and check everything, deploy to a throw-away local repository, push and record nothing. */
    @Parameter(property = "gio.dryRun", defaultValue = "false")
    private boolean dryRun;

    /** Also reject names in {@code buildDependencies} that are not components of the manifest. */
    @Parameter(property = "gio.manifest.strict", defaultValue = "false")
    private boolean strict;

    /** Where working copies, build logs and reports are written. */
    @Parameter(property = "gio.outputDirectory", defaultValue = "${basedir}/target/gio")
    private File outputDirectory;

    /**
     * Where component builds run: {@code local} (maven-invoker on this machine) or {@code buildbot} (a build of
     * {@code gio.buildbot.builder} per component, running {@code gio-release:component} on its workers).
     */
    @Parameter(property = "gio.release.executor", defaultValue = "local")
    private String executor;

    /** The Buildbot master's URL, for {@code -Dgio.release.executor=buildbot}. */
    @Parameter(property = "gio.buildbot.url")
    private String buildbotUrl;

    /** The {@code <server>} of settings.xml holding the Buildbot login (UserPasswordAuth). */
    @Parameter(property = "gio.buildbot.serverId")
    private String buildbotServerId;

    /** The Buildbot builder whose build runs {@code gio-release:component}. */
    @Parameter(property = "gio.buildbot.builder", defaultValue = "gio-component")
    private String buildbotBuilder;

    /** The force scheduler triggering that builder (its {@code reasonString} must be {@code %(reason)s}). */
    @Parameter(property = "gio.buildbot.scheduler", defaultValue = "gio")
    private String buildbotScheduler;

    @Parameter(defaultValue = "${session}", readonly = true)
    private MavenSession session;

    private final SettingsDecrypter decrypter;

    @Inject
    public ReleaseMojo(SettingsDecrypter decrypter) {
        this.decrypter = decrypter;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        Console console = Console.of(getLog()::info, getLog()::warn, getLog()::debug);
        Path checkout = Path.of(session.getRequest().getBaseDirectory() == null
                ? System.getProperty("user.dir") : session.getRequest().getBaseDirectory());
        Path work = outputDirectory.toPath();
        GoalRun run = new GoalRun("gio-release:release", work, manifest, console);
        subject(run, checkout);
        try {
            release(console, checkout, work, run);
        } catch (MojoFailureException e) {
            throw run.failed(e);
        } catch (MojoExecutionException e) {
            throw run.failed(e);
        }
    }

    /** Names the product and version in the report of a run that fails before the release reads the manifest. */
    private void subject(GoalRun run, Path checkout) {
        try {
            Manifest read = Manifest.read(checkout.resolve(manifest));
            run.subject(read.name(), read.version().release().toString());
        } catch (ManifestException | RuntimeException e) {
            // The release itself reports what is wrong with the manifest.
        }
    }

    private void release(Console console, Path checkout, Path work, GoalRun run)
            throws MojoExecutionException, MojoFailureException {
        Optional<GitCredentials> git = ServerCredentials.resolveOptional(session.getSettings(), decrypter, scmServerId,
                        "gio.scm.serverId")
                .map(c -> new GitCredentials(c.username(), c.secret()));
        DeployRepository target = deployRepository();
        RepositoryReleases releases = Alignment.releases(target, lookupRepositories, session.getSettings(), decrypter);
        ReleaseRequest request = new ReleaseRequest(checkout, manifest, strict,
                scmHttpUrl -> Alignment.apply(new ReleaseSettings(urlTemplate.replace("${scmHttpUrl}", scmHttpUrl), git,
                        Optional.ofNullable(branch).filter(b -> !b.isBlank()), target, profile, MavenBuild.ofRunningMaven(),
                        Optional.ofNullable(session.getRequest().getUserSettingsFile()).filter(File::isFile).map(File::toPath),
                        Optional.ofNullable(session.getRequest().getGlobalSettingsFile()).filter(File::isFile).map(File::toPath),
                        Optional.ofNullable(session.getRequest().getLocalRepositoryPath()).map(File::toPath),
                        work.resolve("work"), Duration.ofMinutes(buildTimeoutMinutes), author(), dryRun,
                        work.resolve("dry-run-repository")), releases, updateProperties),
                git, threads == null ? Runtime.getRuntime().availableProcessors() : threads,
                new LeaseOptions(Duration.ofSeconds(lockTtl), lockForce, "gio-release:release"), work, executor());
        ReleaseReport report;
        try {
            report = new ProductRelease(request, console).run();
        } catch (LeaseHeldException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (ReleaseException | LedgerException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        report.print(console);
        // The report is written here, not by run.failed: a release that stopped halfway reports its table of components.
        run.write(report.toGoalReport(run.goal()));
        if (report.failed()) {
            throw new MojoFailureException("The release of " + report.product() + " " + report.version()
                    + " is not complete: see the summary above and " + work.resolve("release-report.md")
                    + ". Fix the cause and run the same command again; it resumes where it stopped.");
        }
    }

    /** {@code -Dgio.release.deployRepository}, which both releasing goals need. */
    static void requireDeployRepository(String goal, String deployRepository) throws MojoFailureException {
        Required.of(goal).check(deployRepository, "gio.release.deployRepository", "where components are deployed, as"
                + " id::url (the id names its settings.xml <server>)",
                "gio-maven::https://nexus.example.com/repository/maven-releases/").verify();
    }

    private ReleaseRequest.ExecutorFactory executor() throws MojoFailureException {
        try {
            return ExecutorChoice.of(executor, new ExecutorChoice.BuildbotSettings(Optional.ofNullable(buildbotUrl),
                    ServerCredentials.resolveOptional(session.getSettings(), decrypter, buildbotServerId,
                            "gio.buildbot.serverId"), buildbotBuilder, buildbotScheduler),
                    RemoteExecutor.Polling.defaults(Duration.ofMinutes(buildTimeoutMinutes)));
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage() + ". Nothing was released.", e);
        }
    }

    private DeployRepository deployRepository() throws MojoFailureException {
        requireDeployRepository("gio-release:release", deployRepository);
        int separator = deployRepository.indexOf("::");
        String id = separator > 0 ? deployRepository.substring(0, separator) : "";
        Optional<Credentials> credentials = ServerCredentials.resolveOrWarn(session.getSettings(), decrypter, id,
                "gio.release.deployRepository", deployRepository, getLog()::warn);
        try {
            DeployRepository repository = DeployRepository.parse(deployRepository, credentials);
            if (!dryRun) {
                repository.checkReachable();
            }
            return repository;
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IOException e) {
            throw deployUnreachable(e, id, deployRepository);
        }
    }

    /** A deploy repository that does not answer, named with the property that chose it and what to try. */
    static MojoFailureException deployUnreachable(IOException e, String id, String deployRepository) {
        String url = deployRepository.substring(deployRepository.indexOf("::") + 2);
        return Failures.unreachable(e, new Failures.Peer("the deploy repository " + id, url,
                "gio.release.deployRepository", deployRepository)).orElseGet(() -> new MojoFailureException(
                        e.getMessage() + ". Nothing was released.", e));
    }

    private static PersonIdent author() {
        String name = System.getenv().getOrDefault("GIT_AUTHOR_NAME", "gio release");
        String email = System.getenv().getOrDefault("GIT_AUTHOR_EMAIL", "release@gravitee.io");
        return new PersonIdent(name, email);
    }
}

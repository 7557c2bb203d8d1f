package io.gravitee.release.gio.release.plugin;

import io.gravitee.release.gio.credentials.Credentials;
import io.gravitee.release.gio.git.GitCredentials;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.manifest.Version;
import io.gravitee.release.gio.maven.GoalRun;
import io.gravitee.release.gio.maven.ServerCredentials;
import io.gravitee.release.gio.release.build.DeployRepository;
import io.gravitee.release.gio.release.build.MavenBuild;
import io.gravitee.release.gio.release.component.ComponentOutcome;
import io.gravitee.release.gio.release.component.ComponentJob;
import io.gravitee.release.gio.release.component.ReleaseSettings;
import io.gravitee.release.gio.release.product.ReleaseReport;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * Releases the one component repository this goal runs in, with the same steps as
 * {@code gio-release:release} does for each component: from the remote's current branch, set the
 * release version, build and deploy, commit, tag, prepare the next snapshot, push. A component
 * already tagged and deployed is recognised and left alone. Every run writes
 * {@code target/gio/component-report.{json,md}}, a failed one too.
 */
@Mojo(name = "component", threadSafe = true, aggregator = true)
public class ComponentMojo extends AbstractMojo {

    /** Where the release is deployed, {@code id::url}; {@code id} is also the settings.xml server. */
    @Parameter(property = "gio.release.deployRepository")
    private String deployRepository;

    /** The {@code <server>} of settings.xml holding git credentials for the component's remote. */
    @Parameter(property = "gio.scm.serverId")
    private String scmServerId;

    /** The profile the build runs with. */
    @Parameter(property = "gio.release.profile", defaultValue = "gio-release")
    private String profile;

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

    /** A build taking longer than this many minutes is stopped and fails. */
    @Parameter(property = "gio.release.buildTimeoutMinutes", defaultValue = "60")
    private int buildTimeoutMinutes;

    /** Build and check everything, deploy to a throw-away local repository, push nothing. */
    @Parameter(property = "gio.dryRun", defaultValue = "false")
    private boolean dryRun;

    /**
     * The version to release, as the manifest has it ({@code X.Y.Z-SNAPSHOT}); default: the POM's. A CI job of
     * {@code gio-release:release} gets it from the orchestrator: a job the engine re-runs after the release must find
     * that version's tag, not release the next snapshot the branch then holds.
     */
    @Parameter(property = "gio.release.version")
    private String releaseVersion;

    /** {@code groupId:artifactId=version,...} released earlier in the product release, aligned on before the build. */
    @Parameter(property = "gio.release.aligned")
    private String aligned;

    /** The deploy intent dead attempts recorded in the release ledger (base64), from the orchestrator. */
    @Parameter(property = "gio.release.deployIntent")
    private String deployIntent;

    @Parameter(defaultValue = "${project}", readonly = true)
    private MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true)
    private MavenSession session;

    private final SettingsDecrypter decrypter;

    @Inject
    public ComponentMojo(SettingsDecrypter decrypter) {
        this.decrypter = decrypter;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        Console console = Console.of(getLog()::info, getLog()::warn, getLog()::debug);
        GoalRun run = new GoalRun("gio-release:component", project.getBasedir().toPath().resolve("target/gio"),
                project.getArtifactId(), console).subject(project.getArtifactId(), project.getVersion());
        try {
            release(console, run);
        } catch (MojoFailureException e) {
            throw run.failed(e);
        } catch (MojoExecutionException e) {
            throw run.failed(e);
        }
    }

    private void release(Console console, GoalRun run) throws MojoExecutionException, MojoFailureException {
        ReleaseMojo.requireDeployRepository("gio-release:component", deployRepository);
        Path basedir = project.getBasedir().toPath();
        String origin;
        String branch;
        try (Git git = Git.open(basedir.toFile())) {
            origin = git.getRepository().getConfig().getString("remote", "origin", "url");
            branch = git.getRepository().getBranch();
        } catch (IOException e) {
            throw new MojoFailureException(basedir + " is not a git checkout: run gio-release:component in a clone of the"
                    + " component's repository.", e);
        }
        if (origin == null) {
            throw new MojoFailureException(basedir + " has no 'origin' remote: the release is pushed there.");
        }
        Version version;
        try {
            version = Version.parse(releaseVersion == null || releaseVersion.isBlank() ? project.getVersion()
                    : releaseVersion);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(project.getVersion() + " in " + project.getFile() + ": " + e.getMessage(), e);
        }
        if (!version.isSnapshot()) {
            throw new MojoFailureException(project.getArtifactId() + " is at " + version + ", not a -SNAPSHOT:"
                    + " there is nothing to release on branch " + branch + ".");
        }
        Optional<GitCredentials> git = ServerCredentials.resolveOptional(session.getSettings(), decrypter, scmServerId,
                "gio.scm.serverId").map(c -> new GitCredentials(c.username(), c.secret()));
        int separator = deployRepository.indexOf("::");
        Optional<Credentials> deployCredentials = ServerCredentials.resolveOrWarn(session.getSettings(), decrypter,
                separator > 0 ? deployRepository.substring(0, separator) : "", "gio.release.deployRepository",
                deployRepository, console::warn);
        DeployRepository target;
        try {
            target = DeployRepository.parse(deployRepository, deployCredentials);
            if (!dryRun) {
                target.checkReachable();
            }
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage() + " Nothing was released.", e);
        } catch (IOException e) {
            throw ReleaseMojo.deployUnreachable(e, separator > 0 ? deployRepository.substring(0, separator) : "",
                    deployRepository);
        }
        Path work = basedir.resolve("target/gio");
        ReleaseSettings settings = Alignment.apply(new ReleaseSettings(origin, git, Optional.of(branch), target, profile,
                MavenBuild.ofRunningMaven(),
                Optional.ofNullable(session.getRequest().getUserSettingsFile()).filter(File::isFile).map(File::toPath),
                Optional.ofNullable(session.getRequest().getGlobalSettingsFile()).filter(File::isFile).map(File::toPath),
                Optional.ofNullable(session.getRequest().getLocalRepositoryPath()).map(File::toPath),
                work.resolve("work"), Duration.ofMinutes(buildTimeoutMinutes),
                new PersonIdent(System.getenv().getOrDefault("GIT_AUTHOR_NAME", "gio release"),
                        System.getenv().getOrDefault("GIT_AUTHOR_EMAIL", "release@gravitee.io")),
                dryRun, work.resolve("dry-run-repository")),
                Alignment.releases(target, lookupRepositories, session.getSettings(), decrypter), updateProperties);
        // The deploy's intent is kept beside the report (a re-run in the same workspace finds it) and printed for an
        // orchestrator that runs this goal as a CI job (ComponentJob).
        ComponentOutcome outcome = ComponentJob.of(project.getArtifactId(), version.toString(), aligned, deployIntent)
                .run(settings, work, console);
        ReleaseReport report = new ReleaseReport(project.getArtifactId(), version.release().toString(), dryRun,
                List.of(new ReleaseReport.Row(1, outcome)), List.of(), outcome.duration());
        report.print(console);
        run.write(report.toGoalReport(run.goal()));
        if (!outcome.done()) {
            throw new MojoFailureException(outcome.detail());
        }
    }
}

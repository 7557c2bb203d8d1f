package io.gravitee.release.gio.staging.plugin;

import io.gravitee.release.gio.credentials.Credentials;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.maven.Failures;
import io.gravitee.release.gio.maven.GoalRun;
import io.gravitee.release.gio.maven.Required;
import io.gravitee.release.gio.maven.ServerCredentials;
import io.gravitee.release.gio.staging.StageOutcome;
import io.gravitee.release.gio.staging.StageReport;
import io.gravitee.release.gio.staging.StagingException;
import io.gravitee.release.gio.staging.resolve.ArtifactFile;
import io.gravitee.release.gio.staging.resolve.ArtifactResolver;
import io.gravitee.release.gio.staging.resolve.AttachedFileDiscovery;
import io.gravitee.release.gio.staging.resolve.HttpArtifactFetcher;
import io.gravitee.release.gio.staging.resolve.ReleaseTag;
import io.gravitee.release.gio.staging.resolve.ResolvedComponent;
import io.gravitee.release.gio.staging.resolve.SourceRepository;
import io.gravitee.release.gio.staging.validate.Problem;
import io.gravitee.release.gio.staging.validate.SignatureRule;
import io.gravitee.release.gio.staging.validate.Validator;
import java.io.File;
import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/** Resolution and validation shared by {@code resolve} and {@code stage}. */
abstract class AbstractStagingMojo extends AbstractMojo {

    /** The private repository the component was released to, as {@code id::url}; the id names its settings.xml server. */
    @Parameter(property = "gio.staging.sourceRepository")
    String sourceRepository;

    /**
     * The release tag to read the modules at. The default, {@code LAST_GIT_TAG_ON_CURRENT_BRANCH}, is a placeholder
     * meaning the newest tag reachable from HEAD (what {@code git describe --tags --abbrev=0} names): check out the
     * release tag, or give it, e.g. {@code -Dgio.staging.gitReleaseTag=2.5.0}.
     */
    @Parameter(property = "gio.staging.gitReleaseTag", defaultValue = ReleaseTag.LAST_TAG)
    String gitReleaseTag;

    /** Classifiers every module has besides sources and javadoc, as {@code classifier:extension,...}; used when the
     * source repository cannot list a module's files. */
    @Parameter(property = "gio.staging.classifiers")
    String classifiers;

    /** An armored or binary OpenPGP public key ring: when given, every signature must verify against it. */
    @Parameter(property = "gio.staging.publicKeyRing")
    File publicKeyRing;

    /** Parallel transfers. */
    @Parameter(property = "gio.threads", defaultValue = "4")
    int threads;

    /** Where resolved files are written. */
    @Parameter(property = "gio.staging.directory", defaultValue = "${project.build.directory}/gio-staging")
    File stagingDirectory;

    /** Where reports and the local ledger go. */
    @Parameter(property = "gio.outputDirectory", defaultValue = "${project.build.directory}/gio")
    File outputDirectory;

    @Parameter(defaultValue = "${project.basedir}", readonly = true)
    File basedir;

    /** Named in the report of a run that fails before the tag's POM is read. */
    @Parameter(defaultValue = "${project.artifactId}", readonly = true)
    String artifactId;

    @Parameter(defaultValue = "${project.version}", readonly = true)
    String projectVersion;

    @Parameter(defaultValue = "${settings}", readonly = true)
    Settings settings;

    @Parameter(defaultValue = "${session}", readonly = true)
    MavenSession session;

    final SettingsDecrypter decrypter;
    final RepositorySystem repositorySystem;

    AbstractStagingMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem) {
        this.decrypter = decrypter;
        this.repositorySystem = repositorySystem;
    }

    /** This run, whose report is written whatever happens ({@code <goal>-report.{json,md}} in the output directory). */
    GoalRun run(String goal, Console console) {
        return new GoalRun("gio-staging:" + goal, outputDirectory.toPath(), artifactId, console)
                .subject(artifactId, projectVersion);
    }

    /** Writes the report of {@code goal} as {@link StageReport} words it. */
    static void report(GoalRun run, String goal, String component, String version, StageOutcome outcome,
            List<Problem> problems, String error) throws MojoExecutionException {
        run.write(StageReport.of(goal, component, version, outcome, problems, error, run.elapsed()));
    }

    Console console() {
        return Console.of(getLog()::info, getLog()::warn, getLog()::debug);
    }

    /** The required parameters of {@code resolve}; {@code stage} adds its own. */
    Required required(String goal) {
        return Required.of("gio-staging:" + goal).check(sourceRepository, "gio.staging.sourceRepository",
                SOURCE_REPOSITORY, SOURCE_REPOSITORY_EXAMPLE);
    }

    static final String SOURCE_REPOSITORY = "the private repository the component was released to, as id::url (the id"
            + " names its settings.xml <server>)";
    static final String SOURCE_REPOSITORY_EXAMPLE = "gio-maven::https://nexus.example.com/repository/maven-releases/";

    /** Requires {@code -Dgio.staging.url} and {@code -Dgio.staging.serverId}, which every publishing goal needs. */
    static Required stagingServer(Required required, String url, String serverId) {
        return required.check(url, "gio.staging.url", "the staging server's base URL (nexus2, central) or the release"
                        + " repository (repository)", "https://ossrh-staging-api.central.sonatype.com")
                .check(serverId, "gio.staging.serverId", "the settings.xml <server> holding the deployment user's"
                        + " credentials", "ossrh");
    }

    /** Resolves every released file at the tag into {@link #stagingDirectory}. */
    ResolvedComponent resolve(Console console) throws MojoFailureException {
        try {
            SourceRepository source = SourceRepository.parse(sourceRepository);
            Credentials credentials = ServerCredentials.resolveOrWarn(settings, decrypter, source.id(),
                    "gio.staging.sourceRepository", sourceRepository, console::warn).orElse(null);
            try (HttpArtifactFetcher http = source.url().startsWith("file:") || source.url().startsWith("http")
                    ? new HttpArtifactFetcher(source, credentials, console) : null) {
                AttachedFileDiscovery discovery = new AttachedFileDiscovery(source, http,
                        ArtifactFile.Extra.parseList(classifiers));
                ResolverArtifactFetcher fetcher = new ResolverArtifactFetcher(repositorySystem,
                        session.getRepositorySession(), source, credentials,
                        stagingDirectory.toPath().resolve(".resolver"));
                return new ArtifactResolver(fetcher, discovery, console, threads)
                        .resolveAtTag(basedir.toPath(), gitReleaseTag, stagingDirectory.toPath().resolve("files"));
            }
        } catch (StagingException e) {
            throw Failures.translate(e, sourcePeer(sourceRepository));
        }
    }

    /** The source repository as failures name it. */
    static Failures.Peer sourcePeer(String sourceRepository) {
        String value = sourceRepository == null ? "" : sourceRepository.trim();
        return new Failures.Peer("the source repository", value.substring(value.lastIndexOf("::") + (value.contains("::")
                ? 2 : 0)), "gio.staging.sourceRepository", value);
    }

    /** The staging servers of {@code -Dgio.staging.*}, in the order a failure should name them. */
    static Failures.Peer[] stagingPeers(String url, String stagingUrl, String publicUrl) {
        java.util.List<Failures.Peer> peers = new java.util.ArrayList<>();
        peers.add(new Failures.Peer("the staging server", url, "gio.staging.url"));
        if (stagingUrl != null && !stagingUrl.isBlank()) {
            peers.add(new Failures.Peer("the staging repository", stagingUrl, "gio.staging.stagingUrl"));
        }
        if (publicUrl != null && !publicUrl.isBlank()) {
            peers.add(new Failures.Peer("the public repository", publicUrl, "gio.staging.publicUrl"));
        }
        return peers.toArray(Failures.Peer[]::new);
    }

    /** Every problem the rules find; each is printed. */
    List<Problem> validate(ResolvedComponent component, Console console) throws MojoFailureException {
        try {
            Validator validator = Validator.central(publicKeyRing == null ? null
                    : SignatureRule.readKeyRing(publicKeyRing.toPath()));
            List<Problem> problems = validator.validate(component);
            if (problems.isEmpty()) {
                console.info("All " + component.files().size() + " files pass Maven Central's rules");
            } else {
                console.warn(problems.size() + " problem(s) found; nothing was staged:");
                problems.forEach(p -> console.warn("  " + p));
            }
            return problems;
        } catch (StagingException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }

    static String summary(List<Problem> problems) {
        StringBuilder out = new StringBuilder(problems.size() + " problem(s) must be fixed before staging:");
        problems.forEach(p -> out.append("\n  - ").append(p));
        return out.toString();
    }
}

package io.gravitee.release.gio.staging.plugin;

import io.gravitee.release.gio.maven.Failures;
import io.gravitee.release.gio.maven.GoalRun;
import io.gravitee.release.gio.maven.Required;
import io.gravitee.release.gio.maven.ServerCredentials;
import io.gravitee.release.gio.credentials.Credentials;
import io.gravitee.release.gio.git.GitCredentials;
import io.gravitee.release.gio.ledger.LeaseOptions;
import io.gravitee.release.gio.ledger.LedgerException;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.manifest.Manifest;
import io.gravitee.release.gio.manifest.ManifestException;
import io.gravitee.release.gio.staging.StagingException;
import io.gravitee.release.gio.staging.StagingService;
import io.gravitee.release.gio.staging.product.ComponentResolver;
import io.gravitee.release.gio.staging.product.DeployedSets;
import io.gravitee.release.gio.staging.product.ProductStaging;
import io.gravitee.release.gio.staging.product.StageAllReport;
import io.gravitee.release.gio.staging.product.StageAllRequest;
import io.gravitee.release.gio.staging.resolve.ArtifactFile;
import io.gravitee.release.gio.staging.resolve.ArtifactResolver;
import io.gravitee.release.gio.staging.resolve.AttachedFileDiscovery;
import io.gravitee.release.gio.staging.resolve.HttpArtifactFetcher;
import io.gravitee.release.gio.staging.resolve.SourceRepository;
import io.gravitee.release.gio.staging.validate.SignatureRule;
import io.gravitee.release.gio.staging.validate.Validator;
import io.gravitee.release.gio.transfer.Background;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/**
 * Stages every released component of the product, in the release repository checkout (no {@code pom.xml}
 * needed). On the first run it commits {@code nexus-staging.json}: {@code release.json} at tag
 * {@code X.Y.Z_START} with {@code -SNAPSHOT} on every component the release {@code X.Y.Z} released (its
 * {@code since} is {@code X.Y.Z} at tag {@code X.Y.Z}). Then, components in parallel ({@code -Dgio.threads}): clone
 * the component at its release tag into {@code target/gio/staging/<name>}, resolve its files from
 * {@code -Dgio.staging.sourceRepository}, validate them, stage them. Each step is a commit of
 * {@code nexus-staging-ledger.json} (staging repository ids before the first upload); publishing a component
 * strips its {@code -SNAPSHOT} in {@code nexus-staging.json} in the same commit. Re-running after any failure
 * finishes the work without publishing anything twice. {@code -Dgio.staging.atomic=product} stages the whole
 * product in one staging repository, published all or nothing. Every run writes
 * {@code target/gio/stage-all-report.{json,md}}, a failed one too.
 */
@Mojo(name = "stage-all", requiresProject = false, aggregator = true, threadSafe = true)
public class StageAllMojo extends AbstractMojo {

    /** The release manifest, relative to the release checkout. */
    @Parameter(property = "gio.manifest", defaultValue = "release.json")
    String manifest;

    /** The release to stage; default: the newest X.Y.Z whose tags X.Y.Z and X.Y.Z_START both exist. */
    @Parameter(property = "gio.staging.release")
    String release;

    /** Git URL of a component, {@code {name}} being its name and {@code ${scmHttpUrl}} the manifest's. */
    @Parameter(property = "gio.scm.urlTemplate", defaultValue = "${scmHttpUrl}{name}.git")
    String urlTemplate;

    /** The settings.xml server holding git credentials (components and release repository). */
    @Parameter(property = "gio.scm.serverId")
    String scmServerId;

    /** {@code product}: the whole product in one staging repository, published all or nothing; else per component. */
    @Parameter(property = "gio.staging.atomic", defaultValue = "component")
    String atomic;

    /** Components staged at once. Default: the number of cores. */
    @Parameter(property = "gio.threads")
    Integer threads;

    /** Parallel transfers per component (resolution and upload). */
    @Parameter(property = "gio.staging.transferThreads", defaultValue = "4")
    int transferThreads;

    /** The private repository components were released to, {@code id::url}. */
    @Parameter(property = "gio.staging.sourceRepository")
    String sourceRepository;

    /** Classifiers every module has besides sources and javadoc, {@code classifier:extension,...}. */
    @Parameter(property = "gio.staging.classifiers")
    String classifiers;

    /** An OpenPGP public key ring every signature must verify against. */
    @Parameter(property = "gio.staging.publicKeyRing")
    File publicKeyRing;

    /**
     * How components are published, as for {@code gio-staging:stage}: {@code nexus2} (Nexus 2 staging, also Sonatype's
     * OSSRH Staging API), {@code central} (Central Portal Publisher API) or {@code repository} (two-phase staging on a
     * repository manager without staging, e.g. Nexus 3 OSS, with {@code -Dgio.staging.stagingUrl}).
     */
    @Parameter(property = "gio.staging.backend", defaultValue = "nexus2")
    String backend;

    /** {@code nexus2}: the staging server's base URL; {@code central}: the Portal's; {@code repository}: the release repository. */
    @Parameter(property = "gio.staging.url")
    String url;

    /** {@code repository} backend: the hosted repository where files wait before their promotion into the release one. */
    @Parameter(property = "gio.staging.stagingUrl")
    String stagingUrl;

    /** {@code central} backend: the Portal's bundle size limit; larger products are split per component. */
    @Parameter(property = "gio.staging.maxBundleBytes", defaultValue = "1073741824")
    long maxBundleBytes;

    /** The settings.xml server of the deployment user. */
    @Parameter(property = "gio.staging.serverId")
    String serverId;

    /** The staging profile id; evaluated from each component's groupId when absent. */
    @Parameter(property = "gio.staging.profileId")
    String profileId;

    /**
     * Where released files are publicly served. Default: {@code nexus2}, the server's releases on a full Nexus 2, Maven
     * Central on the OSSRH Staging API service.
     */
    @Parameter(property = "gio.staging.publicUrl")
    String publicUrl;

    /** Release once closed; false stops at closed repositories. */
    @Parameter(property = "gio.staging.autoRelease", defaultValue = "true")
    boolean autoRelease;

    /** Leave failed staging repositories for inspection. */
    @Parameter(property = "gio.staging.keepOnFailure", defaultValue = "false")
    boolean keepOnFailure;

    /** Seconds to wait for a close, then for a release. */
    @Parameter(property = "gio.staging.timeout", defaultValue = "900")
    int timeoutSeconds;

    /** Milliseconds between two polls of a closing or releasing repository. */
    @Parameter(property = "gio.staging.pollMillis", defaultValue = "2000")
    int pollMillis;

    /** Resolve, validate and check credentials; write nothing on any server nor in the ledger, only the report. */
    @Parameter(property = "gio.dryRun", defaultValue = "false")
    boolean dryRun;

    /** Seconds the run's lease lasts without renewal. */
    @Parameter(property = "gio.lock.ttl", defaultValue = "120")
    int lockTtl;

    /** Take over a live-looking lease (its holder is known dead). */
    @Parameter(property = "gio.lock.force", defaultValue = "false")
    boolean lockForce;

    /** Where clones, resolved files and reports go. */
    @Parameter(property = "gio.outputDirectory", defaultValue = "${basedir}/target/gio")
    File outputDirectory;

    @Parameter(defaultValue = "${session}", readonly = true)
    MavenSession session;

    private final SettingsDecrypter decrypter;
    private final RepositorySystem repositorySystem;

    @Inject
    public StageAllMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem) {
        this.decrypter = decrypter;
        this.repositorySystem = repositorySystem;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        Console console = Console.of(getLog()::info, getLog()::warn, getLog()::debug);
        Path checkout = Path.of(session.getRequest().getBaseDirectory() == null
                ? System.getProperty("user.dir") : session.getRequest().getBaseDirectory());
        GoalRun run = new GoalRun("gio-staging:stage-all", outputDirectory.toPath(), manifest, console);
        try {
            Manifest read = Manifest.read(checkout.resolve(manifest));
            run.subject(read.name(), release == null || release.isBlank() ? "" : release);
        } catch (ManifestException | RuntimeException e) {
            // The staging itself says what is wrong with the manifest.
        }
        try {
            stageAll(console, checkout, run);
        } catch (MojoFailureException e) {
            throw run.failed(e);
        } catch (MojoExecutionException e) {
            throw run.failed(e);
        }
    }

    private void stageAll(Console console, Path checkout, GoalRun run) throws MojoExecutionException, MojoFailureException {
        AbstractStagingMojo.stagingServer(Required.of("gio-staging:stage-all").check(sourceRepository,
                "gio.staging.sourceRepository", AbstractStagingMojo.SOURCE_REPOSITORY,
                AbstractStagingMojo.SOURCE_REPOSITORY_EXAMPLE), url, serverId).verify();
        Optional<GitCredentials> git = scmServerId == null || scmServerId.isBlank() ? Optional.empty()
                : Optional.ofNullable(ServerCredentials.resolve(session.getSettings(), decrypter, scmServerId,
                        "gio.scm.serverId")).map(c -> new GitCredentials(c.username(), c.secret()));
        Credentials staging = ServerCredentials.resolve(session.getSettings(), decrypter, serverId, "gio.staging.serverId");
        Path work = outputDirectory.toPath();
        StageAllReport report;
        SourceRepository source;
        try {
            source = SourceRepository.parse(sourceRepository);
        } catch (StagingException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        Credentials sourceCredentials = ServerCredentials.resolveOrWarn(session.getSettings(), decrypter, source.id(),
                "gio.staging.sourceRepository", sourceRepository, console::warn).orElse(null);
        // Components are staged in parallel: each one's resolution and server dialogue, at info, interleaved ~15 lines
        // per component in a CI log. They go to debug (-X); warnings stay, and so do the per-component results, the
        // summary table and the report, which say what was done and why.
        Console detail = Console.of(getLog()::debug, getLog()::warn, getLog()::debug);
        try (HttpArtifactFetcher http = new HttpArtifactFetcher(source, sourceCredentials, detail)) {
            if (!"product".equals(atomic) && !"component".equals(atomic)) {
                throw new StagingException("-Dgio.staging.atomic=" + atomic + ": use product or component");
            }
            StageAllRequest request = new StageAllRequest(checkout, manifest,
                    Optional.ofNullable(release).filter(r -> !r.isBlank()),
                    urlTemplate.replace("${scmHttpUrl}", scmHttpUrl(checkout)), git,
                    threads == null ? Runtime.getRuntime().availableProcessors() : threads, "product".equals(atomic),
                    new StagingService.Options(dryRun, autoRelease, keepOnFailure, Duration.ofSeconds(timeoutSeconds),
                            Duration.ofSeconds(timeoutSeconds)),
                    new BackendSelection(backend, url, stagingUrl, profileId, publicUrl, transferThreads,
                            Duration.ofMillis(pollMillis), maxBundleBytes).factory(staging, detail),
                    resolver(source, sourceCredentials, http, detail, work, DeployedSets.read(checkout)), rules(),
                    new LeaseOptions(Duration.ofSeconds(lockTtl), lockForce, "gio-staging:stage-all"),
                    work.resolve("staging"));
            report = new ProductStaging(request, console).run();
        } catch (StagingException | LedgerException e) {
            throw Failures.translate(e, peers());
        }
        report.print(console);
        run.write(report.toGoalReport());
        if (report.failed()) {
            throw new MojoFailureException("The staging of " + report.product() + " " + report.version()
                    + " is not complete: see the summary above and " + work.resolve("stage-all-report.md")
                    + ". Fix the cause and run the same command again; it resumes where it stopped.");
        }
    }

    /** The servers this goal talks to, in the order a failure should name them. */
    private Failures.Peer[] peers() {
        java.util.List<Failures.Peer> peers = new java.util.ArrayList<>(java.util.List.of(
                AbstractStagingMojo.stagingPeers(url, stagingUrl, publicUrl)));
        peers.add(AbstractStagingMojo.sourcePeer(sourceRepository));
        return peers.toArray(Failures.Peer[]::new);
    }

    private String scmHttpUrl(Path checkout) {
        if (!urlTemplate.contains("${scmHttpUrl}")) {
            return "";
        }
        try {
            return Manifest.read(checkout.resolve(manifest)).scmHttpUrl().orElseThrow(() -> new StagingException(
                    manifest + " has no scmHttpUrl: give -Dgio.scm.urlTemplate"));
        } catch (ManifestException e) {
            throw new StagingException(e.getMessage(), e);
        }
    }

    private ComponentResolver resolver(SourceRepository source, Credentials credentials, HttpArtifactFetcher http,
            Console console, Path work, Set<String> deployed) {
        AttachedFileDiscovery discovery = new AttachedFileDiscovery(source, http, ArtifactFile.Extra.parseList(classifiers))
                .withRecorded(deployed);
        ResolverArtifactFetcher fetcher = new ResolverArtifactFetcher(repositorySystem, session.getRepositorySession(),
                source, credentials, work.resolve("staging/.resolver"));
        return explained((checkout, tag, into, rootFound) -> new ArtifactResolver(fetcher, discovery, console,
                transferThreads).resolveAtTag(checkout, tag, into, rootFound), sourceRepository);
    }

    /** {@code resolver}, whose failure to reach the source repository a component's row says as every goal does. */
    static ComponentResolver explained(ComponentResolver resolver, String sourceRepository) {
        return (checkout, tag, into, rootFound) -> {
            try {
                return resolver.resolve(checkout, tag, into, rootFound);
            } catch (StagingException e) {
                throw Failures.unreachable(e, AbstractStagingMojo.sourcePeer(sourceRepository))
                        .map(failure -> new StagingException(failure.getMessage(), e)).orElseThrow(() -> e);
            }
        };
    }

    /**
     * Maven Central's rules. Their signature rule loads BouncyCastle, whose signed jars the JVM verifies as it loads
     * them (~0.2 s): with no public key ring to read (whose errors must stop the goal before anything is written),
     * they are built on a thread of their own while the ledger is read, and waited for once a component is resolved.
     */
    private Supplier<Validator> rules() {
        if (publicKeyRing != null) {
            Validator now = validator();
            return () -> now;
        }
        CompletableFuture<Validator> later = Background.supply("gio-rules", this::validator);
        return () -> Background.join(later);
    }

    private Validator validator() {
        return Validator.central(publicKeyRing == null ? null : SignatureRule.readKeyRing(publicKeyRing.toPath()));
    }
}

package io.gravitee.release.gio.sandbox.pipeline;

import io.gravitee.release.gio.manifest.Component;
import io.gravitee.release.gio.manifest.Manifest;
import io.gravitee.release.gio.sandbox.Nexus2Peer;
import io.gravitee.release.gio.sandbox.PeerCredentials;
import io.gravitee.release.gio.sandbox.fixture.FixtureGenerator;
import io.gravitee.release.gio.sandbox.fixture.FixtureOptions;
import io.gravitee.release.gio.sandbox.maven.Nexus3Peer;
import io.gravitee.release.gio.sandbox.nexus2.RepositoryState;
import io.gravitee.release.gio.sandbox.s3.S3Peer;
import io.gravitee.release.gio.sandbox.signing.SigningKey;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * One product's whole release pipeline, run as CI runs it: {@code gio-release:release}, {@code gio-staging:stage-all},
 * {@code gio-bundle:package}, {@code gio-bundle:upload}, each a separate {@code mvn} process, against peers of its own
 * (generated git remotes, a release repository of its own in the shared Nexus 3, a Nexus 2 emulator, an S3 bucket).
 * A {@link KillPoint} kills one step with SIGKILL; the step is then run again, as a CI re-run would, and the pipeline
 * goes on. {@link #state()} is what the pipeline left behind, to compare with an uninterrupted run's.
 */
public final class Pipeline implements AutoCloseable {
    /** The lease TTL the steps run with, so that a re-run after a kill takes the dead run's lease over quickly. */
    static final Duration LEASE_TTL = Duration.ofSeconds(8);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public enum Step {
        RELEASE("gio-release-maven-plugin", "release"),
        STAGE_ALL("gio-staging-maven-plugin", "stage-all"),
        PACKAGE("gio-bundle-maven-plugin", "package"),
        UPLOAD("gio-bundle-maven-plugin", "upload");

        private final String plugin;
        private final String goal;

        Step(String plugin, String goal) {
            this.plugin = plugin;
            this.goal = goal;
        }

        public String goal() {
            return goal;
        }
    }

    /**
     * @param name             names the run's directory and its Nexus 3 repository
     * @param dir              the run's working directory (created)
     * @param manifest         the product's {@code release.json} before its release
     * @param fixture          how its component remotes are generated (release-ready, with distributions)
     * @param distributionMap  what {@code gio-bundle:package} packages
     * @param gioVersion       the version of the gio plugins to run
     * @param localRepository  the Maven local repository every step uses
     * @param remoteRepository where Maven finds everything else (e.g. an invoker IT's outer local repository), or null
     *                         for Maven Central
     * @param nexus3           the running Nexus 3 holding the run's private repository
     */
    public record Config(String name, Path dir, Path manifest, FixtureOptions fixture, Path distributionMap,
                         String gioVersion, Path localRepository, String remoteRepository, Nexus3Peer nexus3) {
    }

    /** One step: its first attempt and, when that was killed, the re-run. */
    public record StepRun(Step step, MavenProcess.Outcome attempt, Optional<MavenProcess.Outcome> rerun) {
        public MavenProcess.Outcome last() {
            return rerun.orElse(attempt);
        }
    }

    private final Config config;
    private final Manifest manifest;
    private final Path git;
    private final Path checkout;
    private final URI privateRepository;
    private final Nexus2Peer nexus2;
    private final S3Peer s3;
    private final Path settings;
    private final Path publicKey;
    private final MavenProcess maven;

    private Pipeline(Config config, Manifest manifest, URI privateRepository, Nexus2Peer nexus2, S3Peer s3,
                     Path settings, Path publicKey, MavenProcess maven) {
        this.config = config;
        this.manifest = manifest;
        this.git = config.dir().resolve("git");
        this.checkout = config.dir().resolve("release");
        this.privateRepository = privateRepository;
        this.nexus2 = nexus2;
        this.s3 = s3;
        this.settings = settings;
        this.publicKey = publicKey;
        this.maven = maven;
    }

    /** Generates the product's remotes, starts its Nexus 2 emulator and S3 peer, and clones the release repository. */
    public static Pipeline prepare(Config config) throws Exception {
        Path dir = Files.createDirectories(config.dir());
        Manifest manifest = Manifest.read(config.manifest());
        FixtureGenerator.generate(config.manifest(), dir.resolve("git"), config.fixture());
        try (Git clone = Git.cloneRepository().setURI(dir.resolve("git/release.git").toUri().toString())
                .setDirectory(dir.resolve("release").toFile()).call()) {
            // A checkout of the release repository, nothing more.
        }
        URI repository = config.nexus3().createReleaseRepository("pipeline-" + config.name());
        Nexus2Peer nexus2 = new Nexus2Peer(dir.resolve("nexus2"), PeerCredentials.generate());
        S3Peer s3 = new S3Peer(dir.resolve("s3"), PeerCredentials.generate());
        nexus2.start();
        try {
            s3.start();
        } catch (IOException e) {
            nexus2.stop();
            throw e;
        }
        SigningKey key = SigningKey.generate("pipeline-" + config.name());
        Path publicKey = Files.writeString(dir.resolve("public-key.asc"), key.armoredPublicKey());
        Path settings = dir.resolve("settings.xml");
        Files.writeString(settings, PipelineSettings.xml(config, repository, nexus2, s3));
        MavenProcess maven = new MavenProcess(MavenProcess.runningMavenHome(),
                Map.of("MAVEN_GPG_KEY", key.armoredSecretKey(), "MAVEN_GPG_PASSPHRASE", key.passphrase()),
                Duration.ofMinutes(15));
        return new Pipeline(config, manifest, repository, nexus2, s3, settings, publicKey, maven);
    }

    /** Runs the four steps in order, killing and re-running the one {@code kill} names; stops at a failed step. */
    public List<StepRun> run(Optional<KillPoint> kill) throws IOException, GitAPIException, InterruptedException {
        List<StepRun> runs = new ArrayList<>();
        for (Step step : Step.values()) {
            Path logs = config.dir().resolve("logs");
            Optional<BooleanSupplier> killWhen = kill.filter(k -> k.step() == step).map(k -> k.condition().apply(this));
            MavenProcess.Outcome attempt = maven.run(checkout, arguments(step), logs.resolve(step.goal() + ".log"),
                    killWhen);
            Optional<MavenProcess.Outcome> rerun = Optional.empty();
            if (attempt.killed()) {
                // The dead run's lease must expire before a re-run may take it over, as docs/DESIGN.md §4 says.
                Thread.sleep(LEASE_TTL.toMillis() + 1_000);
                rerun = Optional.of(maven.run(checkout, arguments(step), logs.resolve(step.goal() + "-rerun.log")));
            }
            StepRun run = new StepRun(step, attempt, rerun);
            runs.add(run);
            if (!run.last().succeeded()) {
                break;
            }
        }
        return runs;
    }

    private List<String> arguments(Step step) throws IOException, GitAPIException {
        String repository = "gio-maven::" + privateRepository;
        String urls = git.toUri() + "{name}.git";
        List<String> args = new ArrayList<>(List.of("-B", "--no-transfer-progress", "-s", settings.toString(),
                "-Dmaven.repo.local=" + config.localRepository(), "-Dgio.lock.ttl=" + LEASE_TTL.toSeconds(),
                "io.gravitee.release:" + step.plugin + ":" + config.gioVersion() + ":" + step.goal));
        switch (step) {
            case RELEASE -> args.addAll(List.of("-Dgio.threads=2", "-Dgio.scm.urlTemplate=" + urls,
                    "-Dgio.release.deployRepository=" + repository));
            case STAGE_ALL -> args.addAll(List.of("-Dgio.threads=2", "-Dgio.scm.urlTemplate=" + urls,
                    "-Dgio.staging.sourceRepository=" + repository, "-Dgio.staging.backend=nexus2",
                    "-Dgio.staging.url=" + nexus2.url(), "-Dgio.staging.serverId=gio-nexus2",
                    "-Dgio.staging.publicKeyRing=" + publicKey));
            case PACKAGE -> args.addAll(List.of("-Dgio.manifest=" + releasedManifest(),
                    "-Dgio.bundle.sourceRepository=" + repository,
                    "-Dgio.bundle.distributionMap=" + config.distributionMap(),
                    "-Dgio.bundle.output=" + bundleDirectory()));
            case UPLOAD -> args.addAll(List.of("-Dgio.bundle.source=" + bundleDirectory(),
                    "-Dgio.bundle.endpoint=" + s3.url(), "-Dgio.bundle.bucket=" + s3.bucket(),
                    "-Dgio.bundle.prefix=" + prefix(), "-Dgio.bundle.serverId=gio-s3"));
        }
        return args;
    }

    /** The manifest as the release left it at its product tag: what the bundle is made of. */
    private Path releasedManifest() throws IOException {
        String version = productVersion();
        Path file = config.dir().resolve("release-" + version + ".json");
        try (Git release = Git.open(git.resolve("release.git").toFile())) {
            var repo = release.getRepository();
            var tag = repo.resolve("refs/tags/" + version + "^{commit}");
            if (tag == null) {
                throw new IOException("the release repository has no tag " + version + ": the release did not finish");
            }
            try (var walk = new org.eclipse.jgit.revwalk.RevWalk(repo);
                 var tree = org.eclipse.jgit.treewalk.TreeWalk.forPath(repo, "release.json",
                         walk.parseCommit(tag).getTree())) {
                Files.write(file, repo.open(tree.getObjectId(0)).getBytes());
            }
        }
        return file;
    }

    public String productVersion() {
        return manifest.version().release().toString();
    }

    private String prefix() {
        return manifest.name().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    Path bundleDirectory() {
        return config.dir().resolve("bundle");
    }

    Path bucketDirectory() {
        return s3.root().resolve(s3.bucket());
    }

    boolean privateRepositoryHas(String componentName) {
        Component component = manifest.component(componentName).orElseThrow();
        String version = component.releaseVersion().toString();
        String path = config.fixture().groupId().replace('.', '/') + "/" + componentName + "/" + version + "/"
                + componentName + "-" + version + ".pom";
        HttpRequest head = HttpRequest.newBuilder(privateRepository.resolve(path))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((config.nexus3().credentials()
                        .username() + ":" + config.nexus3().credentials().password()).getBytes(StandardCharsets.UTF_8)))
                .build();
        try {
            return HTTP.send(head, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    long releasedStagingRepositories() {
        return nexus2.emulator().repositories().stream().filter(r -> r.state() == RepositoryState.RELEASED).count();
    }

    /** What the pipeline left on every peer. */
    public ProductState state() throws IOException {
        return ProductState.capture(git, config.nexus3().assetPaths("pipeline-" + config.name()),
                nexus2.emulator().repositories(), bucketDirectory());
    }

    public Path directory() {
        return config.dir();
    }

    @Override
    public void close() {
        s3.stop();
        nexus2.stop();
    }
}

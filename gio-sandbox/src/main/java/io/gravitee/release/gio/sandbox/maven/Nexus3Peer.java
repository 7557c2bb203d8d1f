package io.gravitee.release.gio.sandbox.maven;

import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.sandbox.Peer;
import io.gravitee.release.gio.sandbox.PeerCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The {@code maven} peer: a real Nexus Repository OSS 3 ({@link NexusDistribution#VERSION}) run as a child process
 * on a free loopback port, its data under the peer's directory. Once started it has the built-in
 * {@value #RELEASES} (a release deploys once: a second deploy answers 400), {@value #SNAPSHOTS}, and
 * {@value #STAGING} (releases, redeploy allowed, for the two-phase {@code repository} staging backend), and a user
 * with the peer's credentials. Starting again on the same directory keeps the content (about 20 s instead of 40).
 *
 * <p>Tests share one instance per JVM through {@link #shared()}.
 */
public final class Nexus3Peer implements Peer {

    public static final String RELEASES = "maven-releases";
    public static final String SNAPSHOTS = "maven-snapshots";
    public static final String STAGING = "gio-staging";

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern REMOTE_HOSTS =
            Pattern.compile("(?m)^(\\s*(?:rmiRegistryHost|rmiServerHost|sshHost)\\s*=\\s*).*$");

    private static Nexus3Peer shared;
    private static IOException sharedFailure;

    private final Path dataDir;
    private final PeerCredentials credentials;
    private final NexusDistribution distribution;
    private final Console console;
    private Process process;
    private URI base;

    /** Fits {@link io.gravitee.release.gio.sandbox.PeerFactory}: {@link NexusDistribution#defaults()}, quiet. */
    public Nexus3Peer(Path dataDir, PeerCredentials credentials) {
        this(dataDir, credentials, NexusDistribution.defaults(), Console.silent());
    }

    public Nexus3Peer(Path dataDir, PeerCredentials credentials, NexusDistribution distribution, Console console) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.credentials = credentials;
        this.distribution = distribution;
        this.console = console;
    }

    /**
     * The instance shared by every test of this JVM: started on first use (about 40 s; downloads Nexus once per
     * machine), in a fresh {@code target/nexus3-shared} directory (system property {@code gio.nexus3.dir} overrides
     * it), stopped when the JVM exits. Do not stop it; {@link #restart()} is fine. A failed start is remembered, so
     * later callers fail fast with the same error.
     */
    public static synchronized Nexus3Peer shared() throws IOException {
        if (sharedFailure != null) {
            throw new IOException("the shared Nexus 3 failed to start earlier: " + sharedFailure.getMessage(),
                    sharedFailure);
        }
        if (shared == null) {
            Path dir = Path.of(System.getProperty("gio.nexus3.dir", "target/nexus3-shared")).toAbsolutePath();
            NexusDistribution.deleteTree(dir);
            Nexus3Peer peer = new Nexus3Peer(Files.createDirectories(dir), new PeerCredentials("gio", "gio-nexus3"),
                    NexusDistribution.defaults(), Console.of(System.out));
            Runtime.getRuntime().addShutdownHook(new Thread(peer::stop, "gio-nexus3-shared-stop"));
            try {
                peer.start();
            } catch (IOException e) {
                sharedFailure = e;
                throw e;
            }
            shared = peer;
        }
        return shared;
    }

    @Override
    public String name() {
        return "maven";
    }

    /**
     * Installs Nexus if needed, starts it and waits until it is writable (at most 3 minutes), then sets up the
     * repositories and the user. May be called again after {@link #stop()}.
     */
    @Override
    public synchronized void start() throws IOException {
        if (process != null) {
            throw new IllegalStateException("maven peer already started at " + base);
        }
        Path home = distribution.install(console);
        bindToLoopback(home);
        int port = freePort();
        writeNexusProperties(port);
        base = URI.create("http://127.0.0.1:" + port + "/");
        Path output = dataDir.resolve("gio-nexus.out");
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/nexus").toString(), "server")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        Map<String, String> env = builder.environment();
        env.put("KARAF_DATA", dataDir.toString());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("JAVA_MIN_MEM", "512m");
        env.put("JAVA_MAX_MEM", "1536m");
        env.put("DIRECT_MAX_MEM", "1g");
        console.info("starting Nexus " + distribution.version() + " at " + base + " (data " + dataDir + ")");
        long started = System.nanoTime();
        process = builder.start();
        try {
            awaitWritable(output);
            Nexus3Admin admin = new Nexus3Admin(base);
            admin.ensureHostedReleases(RELEASES, false);
            admin.ensureHostedReleases(STAGING, true);
            admin.ensureUser(credentials);
        } catch (IOException | RuntimeException e) {
            stop();
            throw e;
        }
        console.info("Nexus ready at " + base + " in " + Duration.ofNanos(System.nanoTime() - started).toSeconds()
                + " s");
    }

    private void awaitWritable(Path output) throws IOException {
        Nexus3Admin probe = new Nexus3Admin(base);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!probe.writable()) {
            if (!process.isAlive()) {
                throw new IOException("Nexus 3 exited with code " + process.exitValue() + " while starting; see "
                        + output + " and " + dataDir.resolve("log/nexus.log"));
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("Nexus 3 was not writable at " + base + " within " + START_TIMEOUT.toSeconds()
                        + " s; see " + dataDir.resolve("log/nexus.log"));
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for Nexus 3 to start", e);
            }
        }
    }

    /**
     * Stops Nexus and every process it spawned: SIGTERM (Karaf shuts down cleanly), then SIGKILL after 30 s.
     * Idempotent; never throws.
     */
    @Override
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(0, process.toHandle());
        for (ProcessHandle handle : tree) {
            handle.destroy();
        }
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        for (ProcessHandle handle : tree) {
            long left = Math.max(0, deadline - System.nanoTime());
            try {
                handle.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (Exception timeoutOrInterrupt) {
                handle.destroyForcibly();
            }
        }
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // SIGKILL cannot be refused; nothing more to do.
            }
        }
        process = null;
    }

    /** Stops and starts again on the same data directory (the port may change). */
    public synchronized void restart() throws IOException {
        stop();
        start();
    }

    /** The Nexus process while it runs, e.g. to check that stopping left nothing behind. */
    public synchronized Optional<ProcessHandle> process() {
        return Optional.ofNullable(process).map(Process::toHandle);
    }

    /** {@code http://127.0.0.1:PORT/repository/maven-releases/}. */
    @Override
    public URI url() {
        return repositoryUrl(RELEASES);
    }

    /** {@code http://127.0.0.1:PORT/}: the UI and {@code service/rest/...}. */
    public synchronized URI baseUrl() {
        if (base == null || process == null) {
            throw new IllegalStateException("maven peer not started");
        }
        return base;
    }

    /** {@code http://127.0.0.1:PORT/repository/<name>/}. */
    public URI repositoryUrl(String name) {
        return baseUrl().resolve("repository/" + name + "/");
    }

    /**
     * Creates (if missing) a hosted release repository of its own, refusing redeploys like {@link #RELEASES}: lets
     * tests that release the same versions share one Nexus.
     */
    public URI createReleaseRepository(String name) throws IOException {
        new Nexus3Admin(baseUrl()).ensureHostedReleases(name, false);
        return repositoryUrl(name);
    }

    /** A user that may deploy to repository {@code name} but not delete from it (created if missing). */
    public PeerCredentials createDeployOnlyUser(String username, String password, String name) throws IOException {
        PeerCredentials user = new PeerCredentials(username, password);
        new Nexus3Admin(baseUrl()).ensureDeployOnlyUser(user, name);
        return user;
    }

    /** Every file path in repository {@code name}, sorted (checksums and metadata included). */
    public List<String> assetPaths(String name) throws IOException {
        return new Nexus3Admin(baseUrl()).assetPaths(name);
    }

    public URI snapshotsUrl() {
        return repositoryUrl(SNAPSHOTS);
    }

    public URI stagingUrl() {
        return repositoryUrl(STAGING);
    }

    @Override
    public PeerCredentials credentials() {
        return credentials;
    }

    /** {@code snapshotsUrl}, {@code stagingUrl}, {@code baseUrl}. */
    @Override
    public Map<String, String> extras() {
        Map<String, String> extras = new LinkedHashMap<>();
        extras.put("snapshotsUrl", snapshotsUrl().toString());
        extras.put("stagingUrl", stagingUrl().toString());
        extras.put("baseUrl", baseUrl().toString());
        return extras;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Karaf's remote shell and JMX listen on every interface by default: loopback only here. */
    static void bindToLoopback(Path home) throws IOException {
        for (String cfg : List.of("org.apache.karaf.management.cfg", "org.apache.karaf.shell.cfg")) {
            Path file = home.resolve("etc/karaf").resolve(cfg);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            String text = Files.readString(file, StandardCharsets.ISO_8859_1);
            String fixed = REMOTE_HOSTS.matcher(text).replaceAll("$1127.0.0.1");
            if (!fixed.equals(text)) {
                Path tmp = file.resolveSibling(cfg + ".gio-tmp");
                Files.writeString(tmp, fixed, StandardCharsets.ISO_8859_1);
                Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private void writeNexusProperties(int port) throws IOException {
        Path etc = Files.createDirectories(dataDir.resolve("etc"));
        Files.writeString(etc.resolve("nexus.properties"), """
                # Written by the gio sandbox at each start.
                application-host=127.0.0.1
                application-port=%d
                nexus-context-path=/
                nexus.security.randompassword=false
                nexus.onboarding.enabled=false
                nexus.scripts.allowCreation=true
                """.formatted(port), StandardCharsets.ISO_8859_1);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    @Override
    public synchronized String toString() {
        return "Nexus3Peer[" + (process == null ? "stopped" : base) + ", " + credentials + "]";
    }
}

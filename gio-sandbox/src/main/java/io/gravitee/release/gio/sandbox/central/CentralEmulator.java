package io.gravitee.release.gio.sandbox.central;

import io.gravitee.release.gio.sandbox.http.FaultRule;
import io.gravitee.release.gio.sandbox.http.FaultInjector;
import io.gravitee.release.gio.sandbox.http.RequestLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * An in-process emulator of Sonatype's Central Portal Publisher API ({@code /api/v1/publisher/...}) as
 * central-publishing-maven-plugin and other clients use it: bundle upload, asynchronous validation with the Portal's
 * rules, status, publish, drop, published check, and the published files served read-only under {@code /repo/} (in
 * the Maven repository layout, like repo1). It binds to 127.0.0.1, requires the user token, refuses bundles over
 * {@link CentralConfig#maxBundleBytes()}, injects faults on chosen requests and logs every request.
 *
 * <pre>{@code
 * try (CentralEmulator central = new CentralEmulator(CentralConfig.defaults())) {
 *     central.start(0);
 *     central.faults().add(FaultRule.on("POST", "/api/v1/publisher/upload").nth(1).respond(503));
 *     // point a client's centralBaseUrl at central.url() with central.username() / central.password()
 * }
 * }</pre>
 */
public final class CentralEmulator implements AutoCloseable {
    private volatile CentralConfig config;
    private final FaultInjector faults = new FaultInjector();
    private final RequestLog requestLog = new RequestLog();
    private final Path dataDir;
    private final boolean ownsDataDir;
    private DeploymentStore store;
    private Server server;
    private String url;

    /** An emulator storing its files in a temporary directory deleted on {@link #close()}. */
    public CentralEmulator(CentralConfig config) {
        this(config, null);
    }

    /** An emulator storing its files under {@code dataDir} (kept on close), or a temporary directory when null. */
    public CentralEmulator(CentralConfig config, Path dataDir) {
        this.config = Objects.requireNonNull(config, "config");
        try {
            this.ownsDataDir = dataDir == null;
            this.dataDir = dataDir == null ? Files.createTempDirectory("gio-central-") : Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the Central Portal emulator's data directory", e);
        }
    }

    /** Starts listening on 127.0.0.1:{@code port} (0 picks a free port); returns this. */
    public synchronized CentralEmulator start(int port) {
        if (server != null) {
            throw new IllegalStateException("The Central Portal emulator is already started at " + url);
        }
        try {
            store = new DeploymentStore(dataDir, () -> this.config);
            QueuedThreadPool threads = new QueuedThreadPool(32, 4);
            threads.setName("central-emulator");
            threads.setDaemon(true);
            server = new Server(threads);
            ServerConnector connector = new ServerConnector(server);
            connector.setHost("127.0.0.1");
            connector.setPort(port);
            server.addConnector(connector);
            server.setHandler(new CentralHandler(this, store, dataDir.resolve("uploads")));
            server.start();
            url = "http://127.0.0.1:" + connector.getLocalPort();
            return this;
        } catch (Exception e) {
            close();
            throw new IllegalStateException("Cannot start the Central Portal emulator on port " + port + ": "
                    + e.getMessage(), e);
        }
    }

    /** Base URL as central-publishing-maven-plugin's {@code centralBaseUrl} takes it, without a trailing slash. */
    public String url() {
        if (url == null) {
            throw new IllegalStateException("The Central Portal emulator is not started");
        }
        return url;
    }

    /** Where published files are served, anonymously: {@code url()/repo/}. */
    public String repoUrl() {
        return url() + "/repo/";
    }

    public String username() {
        return config.username();
    }

    public String password() {
        return config.password();
    }

    /** The {@code Authorization} header value the Portal expects: {@code Bearer base64(username:password)}. */
    public String authorization() {
        return "Bearer " + Base64.getEncoder()
                .encodeToString((username() + ":" + password()).getBytes(StandardCharsets.UTF_8));
    }

    public CentralConfig config() {
        return config;
    }

    /** Replaces the configuration while running (durations, namespaces, size limit, token). */
    public void reconfigure(CentralConfig newConfig) {
        config = Objects.requireNonNull(newConfig, "newConfig");
    }

    public FaultInjector faults() {
        return faults;
    }

    public RequestLog requestLog() {
        return requestLog;
    }

    /** The deployment with this id, dropped ones included. */
    public Optional<DeploymentSnapshot> deployment(String id) {
        return requireStore().find(id);
    }

    /** Every deployment ever uploaded, in upload order, dropped ones included. */
    public List<DeploymentSnapshot> deployments() {
        return requireStore().all();
    }

    /** True once {@code groupId:artifactId:version} was published. */
    public boolean isPublished(String groupId, String artifactId, String version) {
        return requireStore().isPublished(groupId, artifactId, version);
    }

    /** The published file at a repository path, e.g. {@code io/gravitee/x/1.0/x-1.0.jar}. */
    public Optional<Path> publishedFile(String path) {
        Path file = requireStore().repoFile(path);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** Every published file, repository paths, sorted. */
    public List<String> publishedFiles() {
        try {
            return requireStore().repoFiles();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Blocks until no deployment is pending, validating or publishing, or the timeout passes; true when settled. */
    public boolean awaitSettled(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (deployments().stream().noneMatch(d -> d.state().transitioning())) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    private DeploymentStore requireStore() {
        if (store == null) {
            throw new IllegalStateException("The Central Portal emulator is not started");
        }
        return store;
    }

    /** Stops the server and, for a temporary data directory, deletes it. */
    @Override
    public synchronized void close() {
        try {
            if (server != null) {
                server.stop();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot stop the Central Portal emulator", e);
        } finally {
            server = null;
            if (store != null) {
                store.close();
            }
            if (ownsDataDir) {
                deleteQuietly(dataDir);
            }
        }
    }

    private static void deleteQuietly(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // Best effort: a temporary directory.
        }
    }

    @Override
    public String toString() {
        return "CentralEmulator[" + (url == null ? "stopped" : url) + ", " + config + "]";
    }
}

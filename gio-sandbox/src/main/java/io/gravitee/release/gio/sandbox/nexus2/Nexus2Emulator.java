package io.gravitee.release.gio.sandbox.nexus2;

import io.gravitee.release.gio.sandbox.http.FaultRule;
import io.gravitee.release.gio.sandbox.http.FaultInjector;
import io.gravitee.release.gio.sandbox.http.RequestLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * An in-process emulator of the Nexus 2 staging REST API ({@code service/local/staging/...}) as Sonatype's
 * nexus-staging-maven-plugin and OSSRH use it: staging profiles, explicit and implicit staging repositories,
 * asynchronous close (with Maven Central's rules) and release, drop, bulk operations, activity, released content
 * under {@code content/repositories/releases/}. It binds to 127.0.0.1, speaks XML (and JSON on
 * {@code Accept: application/json}), requires Basic authentication, can be switched to the subset OSSRH's Staging
 * API service offers, injects faults on chosen requests, and logs every request.
 *
 * <p>In OSSRH mode it answers like that service: only its routes exist, every other one (the released content
 * under {@code content/} included) answers 401 "New method identified" without an authentication challenge. The
 * released files are then read where Maven Central would serve them: {@link #centralUrl()}, a second port serving
 * them read-only (it serves them in both modes; {@link #publicUrl()} is the right one for the mode).
 *
 * <pre>{@code
 * try (Nexus2Emulator nexus = new Nexus2Emulator(Nexus2Config.defaults())) {
 *     nexus.start(0);
 *     nexus.faults().add(FaultRule.on("PUT", ".*\\.jar").nth(1).respond(503));
 *     // point a client at nexus.url() with nexus.username() / nexus.password()
 * }
 * }</pre>
 */
public final class Nexus2Emulator implements AutoCloseable {
    private volatile Nexus2Config config;
    private final FaultInjector faults = new FaultInjector();
    private final RequestLog requestLog = new RequestLog();
    private final Path dataDir;
    private final boolean ownsDataDir;
    private StagingStore store;
    private Server server;
    private String url;
    private String centralUrl;

    /** An emulator storing its files in a temporary directory deleted on {@link #close()}. */
    public Nexus2Emulator(Nexus2Config config) {
        this(config, null);
    }

    /** An emulator storing its files under {@code dataDir} (kept on close), or a temporary directory when null. */
    public Nexus2Emulator(Nexus2Config config, Path dataDir) {
        this.config = Objects.requireNonNull(config, "config");
        try {
            this.ownsDataDir = dataDir == null;
            this.dataDir = dataDir == null ? Files.createTempDirectory("gio-nexus2-") : Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the Nexus 2 emulator's data directory", e);
        }
    }

    /** Starts listening on 127.0.0.1:{@code port} (0 picks a free port); returns this. */
    public synchronized Nexus2Emulator start(int port) {
        if (server != null) {
            throw new IllegalStateException("The Nexus 2 emulator is already started at " + url);
        }
        try {
            store = new StagingStore(dataDir, config.transitionDuration().toMillis());
            QueuedThreadPool threads = new QueuedThreadPool(64, 4);
            threads.setName("nexus2-emulator");
            threads.setDaemon(true);
            server = new Server(threads);
            ServerConnector connector = new ServerConnector(server);
            connector.setHost("127.0.0.1");
            connector.setPort(port);
            server.addConnector(connector);
            ServerConnector central = new ServerConnector(server);
            central.setHost("127.0.0.1");
            central.setPort(0);
            server.addConnector(central);
            Handler nexus = new Nexus2Handler(this, store);
            Handler files = new PublicFiles(this, store);
            server.setHandler(new Handler.Abstract() {
                @Override
                public boolean handle(Request request, Response response, Callback callback) throws Exception {
                    boolean onCentral = request.getConnectionMetaData().getConnector() == central;
                    return (onCentral ? files : nexus).handle(request, response, callback);
                }
            });
            server.start();
            url = "http://127.0.0.1:" + connector.getLocalPort();
            centralUrl = "http://127.0.0.1:" + central.getLocalPort() + "/maven2";
            return this;
        } catch (Exception e) {
            close();
            throw new IllegalStateException("Cannot start the Nexus 2 emulator on port " + port + ": " + e.getMessage(), e);
        }
    }

    /** Base URL in the form nexus-staging-maven-plugin's {@code nexusUrl} takes, without a trailing slash. */
    public String url() {
        if (url == null) {
            throw new IllegalStateException("The Nexus 2 emulator is not started");
        }
        return url;
    }

    /** Where a full Nexus 2 serves released files: {@code url()/content/repositories/releases/}. */
    public String releasesUrl() {
        return url() + "/content/repositories/releases/";
    }

    /**
     * The released files as Maven Central serves them (plain files, anonymous), on a port of their own, without a
     * trailing slash: where they are read in OSSRH mode, whose service has no {@code content/}.
     */
    public String centralUrl() {
        url();
        return centralUrl;
    }

    /** Where released files are read in the current mode: {@link #centralUrl()} in OSSRH mode, else the releases. */
    public String publicUrl() {
        return config.ossrhMode() ? centralUrl() : url() + "/content/repositories/releases";
    }

    public String username() {
        return config.username();
    }

    public String password() {
        return config.password();
    }

    public Nexus2Config config() {
        return config;
    }

    /** Switches the OSSRH Staging API subset on or off while running. */
    public void setOssrhMode(boolean ossrhMode) {
        config = config.withOssrhMode(ossrhMode);
    }

    public FaultInjector faults() {
        return faults;
    }

    public RequestLog requestLog() {
        return requestLog;
    }

    /** The staging repository with this id, including dropped ones (state {@link RepositoryState#DROPPED}). */
    public Optional<RepositorySnapshot> repository(String id) {
        return requireStore().snapshot(id);
    }

    /** Every staging repository ever opened, in creation order, dropped ones included. */
    public List<RepositorySnapshot> repositories() {
        StagingStore s = requireStore();
        return s.repositoryIds().stream().map(s::snapshot).flatMap(Optional::stream).toList();
    }

    /** The released file at {@code path} (e.g. {@code io/gravitee/x/1.0/x-1.0.jar}) if it was released. */
    public Optional<Path> releasedFile(String path) {
        Path file = requireStore().releasedFile(path);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /**
     * Puts a file among the released ones as if it had been published long ago, e.g. the company parent POM a
     * component inherits from (Central serves it; the close rules read it as Central's do).
     */
    public void seedReleased(String path, byte[] content) throws java.io.IOException {
        Path file = requireStore().releasedFile(path);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
    }

    /** Blocks until no repository is transitioning, or the timeout passes; true when settled. */
    public boolean awaitSettled(java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (repositories().stream().noneMatch(RepositorySnapshot::transitioning)) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    private StagingStore requireStore() {
        if (store == null) {
            throw new IllegalStateException("The Nexus 2 emulator is not started");
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
            throw new IllegalStateException("Cannot stop the Nexus 2 emulator", e);
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
        return "Nexus2Emulator[" + (url == null ? "stopped" : url) + ", " + config + "]";
    }
}

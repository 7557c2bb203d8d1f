package io.gravitee.release.gio.sandbox;

import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.sandbox.git.GitPeer;
import io.gravitee.release.gio.sandbox.maven.Nexus3Peer;
import io.gravitee.release.gio.sandbox.s3.S3Peer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A running set of peers sharing one directory, with {@code sandbox.json} and {@code settings.xml}
 * describing them. Used by the command line and in-process by tests:
 *
 * <pre>{@code
 * try (Sandbox sandbox = Sandbox.start(dir, EnumSet.of(PeerKind.GIT))) {
 *     URI git = sandbox.git().url();
 * }
 * }</pre>
 */
public final class Sandbox implements AutoCloseable {

    private final Path dir;
    private final Map<PeerKind, Peer> peers;
    private final Set<PeerKind> owned;
    private final Console console;
    private boolean closed;

    private Sandbox(Path dir, Map<PeerKind, Peer> peers, Set<PeerKind> owned, Console console) {
        this.dir = dir;
        this.peers = Collections.unmodifiableMap(peers);
        this.owned = EnumSet.noneOf(PeerKind.class);
        this.owned.addAll(owned);
        this.console = console;
    }

    /** Starts {@code kinds} with generated credentials, reporting nowhere. */
    public static Sandbox start(Path dir, Set<PeerKind> kinds) throws IOException {
        return start(dir, kinds, Map.of(), Console.silent());
    }

    /**
     * Starts the peers in {@code dir} (created if missing; existing git remotes under
     * {@code dir/git} are served as they are), then writes {@code sandbox.json} and
     * {@code settings.xml}. If a peer fails to start, those already started are stopped.
     *
     * @param fixedCredentials credentials for some peers; the others get generated ones
     * @throws IllegalArgumentException when a peer is not available yet or no peer is asked for
     */
    public static Sandbox start(Path dir, Set<PeerKind> kinds, Map<PeerKind, PeerCredentials> fixedCredentials,
            Console console) throws IOException {
        return start(dir, kinds, fixedCredentials, console, Map.of());
    }

    /**
     * As {@link #start(Path, Set, Map, Console)}, with some peers already running elsewhere: they are described
     * in the sandbox files like the others but neither started nor stopped by this sandbox. Tests use it to put
     * the JVM's shared Nexus 3 ({@code Nexus3Peer.shared()}) into a sandbox instead of starting another one.
     *
     * @param running peers to include as they are; their kinds need not be in {@code kinds}
     */
    public static Sandbox start(Path dir, Set<PeerKind> kinds, Map<PeerKind, PeerCredentials> fixedCredentials,
            Console console, Map<PeerKind, Peer> running) throws IOException {
        Set<PeerKind> toStart = EnumSet.noneOf(PeerKind.class);
        toStart.addAll(kinds);
        toStart.removeAll(running.keySet());
        if (toStart.isEmpty() && running.isEmpty()) {
            throw new IllegalArgumentException("no peer to start: name at least one of " + PeerKind.ids());
        }
        for (PeerKind kind : toStart) {
            if (!kind.available()) {
                throw new IllegalArgumentException("peer " + kind.id() + " is not available yet");
            }
        }
        Path root = dir.toAbsolutePath().normalize();
        Files.createDirectories(root);
        Map<PeerKind, Peer> started = new EnumMap<>(PeerKind.class);
        try {
            for (PeerKind kind : toStart) {
                Path peerDir = Files.createDirectories(root.resolve(kind.id()));
                PeerCredentials credentials = fixedCredentials.getOrDefault(kind, PeerCredentials.generate());
                Peer peer = kind.factory().create(peerDir, credentials);
                console.info("starting " + kind.id() + (kind == PeerKind.MAVEN
                        ? " (Nexus 3: up to a minute; its first start ever downloads it, 134 MB)..." : "..."));
                peer.start();
                started.put(kind, peer);
                console.info("started " + kind.id() + " at " + peer.url());
            }
            Map<PeerKind, Peer> all = new EnumMap<>(PeerKind.class);
            all.putAll(running);
            all.putAll(started);
            Sandbox sandbox = new Sandbox(root, all, started.keySet(), console);
            SandboxFiles.write(root, all);
            return sandbox;
        } catch (IOException | RuntimeException e) {
            stopAll(new ArrayList<>(started.values()));
            throw e;
        }
    }

    public Path dir() {
        return dir;
    }

    /** The running peers, in {@link PeerKind} order. */
    public Map<PeerKind, Peer> peers() {
        return peers;
    }

    /** @throws IllegalStateException when {@code kind} was not started */
    public Peer peer(PeerKind kind) {
        Peer peer = peers.get(kind);
        if (peer == null) {
            throw new IllegalStateException("peer " + kind.id() + " is not running in this sandbox");
        }
        return peer;
    }

    public GitPeer git() {
        return (GitPeer) peer(PeerKind.GIT);
    }

    /** The private Maven repository (Nexus 3). */
    public Nexus3Peer maven() {
        return (Nexus3Peer) peer(PeerKind.MAVEN);
    }

    public S3Peer s3() {
        return (S3Peer) peer(PeerKind.S3);
    }

    /** The Nexus 2 staging emulator. */
    public Nexus2Peer nexus2() {
        return (Nexus2Peer) peer(PeerKind.NEXUS2);
    }

    public Path sandboxJson() {
        return dir.resolve(SandboxFiles.SANDBOX_JSON);
    }

    public Path settingsXml() {
        return dir.resolve(SandboxFiles.SETTINGS_XML);
    }

    /** Stops every peer this sandbox started (in reverse start order). Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopAll(new ArrayList<>(owned.stream().map(peers::get).toList()));
        console.info("stopped " + String.join(", ", owned.stream().map(PeerKind::id).toList()));
    }

    private static void stopAll(List<Peer> peers) {
        Collections.reverse(peers);
        for (Peer peer : peers) {
            peer.stop();
        }
    }
}

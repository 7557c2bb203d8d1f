package io.gravitee.release.gio.sandbox.central;

import io.gravitee.release.gio.sandbox.Peer;
import io.gravitee.release.gio.sandbox.PeerCredentials;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * The sandbox's {@code central} peer: a {@link CentralEmulator} whose user token is the peer's credentials, with its
 * deployments and published files under the peer's directory. Its URL is the {@code centralBaseUrl}.
 */
public final class CentralPeer implements Peer {
    private final Path dataDir;
    private final PeerCredentials credentials;
    private CentralEmulator emulator;

    /** Fits {@link io.gravitee.release.gio.sandbox.PeerFactory}. */
    public CentralPeer(Path dataDir, PeerCredentials credentials) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.credentials = credentials;
    }

    @Override
    public String name() {
        return "central";
    }

    @Override
    public synchronized void start() throws IOException {
        if (emulator != null) {
            throw new IllegalStateException("central peer already started");
        }
        CentralEmulator started = new CentralEmulator(
                CentralConfig.defaults().withCredentials(credentials.username(), credentials.password()), dataDir);
        try {
            started.start(0);
        } catch (IllegalStateException e) {
            throw new IOException(e.getMessage(), e);
        }
        emulator = started;
    }

    @Override
    public synchronized void stop() {
        if (emulator != null) {
            try {
                emulator.close();
            } catch (RuntimeException e) {
                // Stopping is best effort: the process is going away or the test is over.
            }
            emulator = null;
        }
    }

    /** The {@code centralBaseUrl}, e.g. {@code http://127.0.0.1:PORT} (the API is under {@code /api/v1/publisher/}). */
    @Override
    public synchronized URI url() {
        return URI.create(emulator().url());
    }

    @Override
    public PeerCredentials credentials() {
        return credentials;
    }

    /** {@code repoUrl}: where published files are served, anonymously. */
    @Override
    public Map<String, String> extras() {
        return Map.of("repoUrl", emulator().repoUrl());
    }

    /** The running emulator, for fault injection and inspection. */
    public synchronized CentralEmulator emulator() {
        if (emulator == null) {
            throw new IllegalStateException("central peer not started");
        }
        return emulator;
    }

    @Override
    public String toString() {
        return "CentralPeer[" + (emulator == null ? "stopped" : emulator.url()) + ", " + credentials + "]";
    }
}

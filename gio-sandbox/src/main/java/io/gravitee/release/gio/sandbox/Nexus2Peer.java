package io.gravitee.release.gio.sandbox;

import io.gravitee.release.gio.sandbox.nexus2.Nexus2Config;
import io.gravitee.release.gio.sandbox.nexus2.Nexus2Emulator;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code nexus2} peer: the {@link Nexus2Emulator} with the peer's credentials and the default staging
 * profile, its state kept under the peer's directory.
 */
public final class Nexus2Peer implements Peer {

    private final Path root;
    private final PeerCredentials credentials;
    private final Nexus2Config config;
    private Nexus2Emulator emulator;

    /** Fits {@link PeerFactory}: {@link Nexus2Config#defaults()} with {@code credentials}. */
    public Nexus2Peer(Path root, PeerCredentials credentials) {
        this.root = root.toAbsolutePath().normalize();
        this.credentials = credentials;
        this.config = Nexus2Config.defaults().withCredentials(credentials.username(), credentials.password());
    }

    @Override
    public String name() {
        return "nexus2";
    }

    @Override
    public synchronized void start() throws IOException {
        if (emulator != null) {
            throw new IllegalStateException("nexus2 peer already started");
        }
        try {
            emulator = new Nexus2Emulator(config, root).start(0);
        } catch (RuntimeException e) {
            throw new IOException("nexus2 peer could not start: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void stop() {
        if (emulator != null) {
            try {
                emulator.close();
            } catch (RuntimeException e) {
                // Best effort, as Peer#stop promises.
            }
            emulator = null;
        }
    }

    /** The base URL as nexus-staging-maven-plugin's {@code nexusUrl} takes it (no trailing slash). */
    @Override
    public synchronized URI url() {
        return URI.create(emulator().url());
    }

    @Override
    public PeerCredentials credentials() {
        return credentials;
    }

    /** {@code profileId} (the staging profile for {@code io.gravitee}) and {@code releasesUrl}. */
    @Override
    public synchronized Map<String, String> extras() {
        Map<String, String> extras = new LinkedHashMap<>();
        extras.put("profileId", profileId());
        if (emulator != null) {
            extras.put("releasesUrl", emulator.releasesUrl());
        }
        return extras;
    }

    /** The staging profile id clients pass as {@code stagingProfileId}. */
    public String profileId() {
        return config.profiles().get(0).id();
    }

    /** The running emulator, for tests that inject faults or inspect staging repositories. */
    public synchronized Nexus2Emulator emulator() {
        if (emulator == null) {
            throw new IllegalStateException("nexus2 peer not started");
        }
        return emulator;
    }

    @Override
    public String toString() {
        return "Nexus2Peer[" + (emulator == null ? "stopped" : emulator.url()) + ", " + credentials + "]";
    }
}

package io.gravitee.release.gio.sandbox;

import java.nio.file.Path;

/** Creates a (not yet started) peer: a peer implementation's constructor fits it. */
@FunctionalInterface
public interface PeerFactory {

    /**
     * @param dataDir the peer's own directory, {@code <sandbox dir>/<peer name>}, existing
     * @param credentials what the peer must require from its clients
     */
    Peer create(Path dataDir, PeerCredentials credentials) throws java.io.IOException;
}

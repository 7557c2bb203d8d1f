package io.gravitee.release.gio.sandbox;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * A server of the sandbox (git remotes, Maven repository, S3, Nexus 2, Central Portal) listening on
 * a free loopback port. A peer is created by its {@link PeerKind}'s {@link PeerFactory} with its
 * own data directory and credentials, then started once and stopped once.
 */
public interface Peer {

    /** The peer's name in {@code sandbox.json}, e.g. {@code git}; equals its kind's id. */
    String name();

    /** Binds to 127.0.0.1 on a free port and starts serving. Called once. */
    void start() throws IOException;

    /** Stops serving and releases the port and threads. Idempotent; never throws. */
    void stop();

    /** The base URL clients use; valid once started. */
    URI url();

    /** The credentials the peer requires. */
    PeerCredentials credentials();

    /** Extra string entries written next to url/username/password in {@code sandbox.json}. */
    default Map<String, String> extras() {
        return Map.of();
    }
}

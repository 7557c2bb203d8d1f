package io.gravitee.release.gio.sandbox.nexus2;

import java.util.Optional;

/**
 * States of a Nexus 2 staging repository and the one place that says which operation leads where.
 * The wire name is what Nexus puts in {@code <type>}.
 */
public enum RepositoryState {
    OPEN("open"),
    CLOSED("closed"),
    RELEASED("released"),
    DROPPED("dropped");

    /** Operations that move a staging repository between states. */
    public enum Operation {
        CLOSE,
        RELEASE,
        DROP
    }

    private final String wireName;

    RepositoryState(String wireName) {
        this.wireName = wireName;
    }

    /** The value of {@code type} in the staging API. */
    public String wireName() {
        return wireName;
    }

    /** The state {@code operation} leads to from this state, or empty when Nexus refuses it. */
    public Optional<RepositoryState> after(Operation operation) {
        RepositoryState next = switch (operation) {
            case CLOSE -> this == OPEN ? CLOSED : null;
            case RELEASE -> this == CLOSED ? RELEASED : null;
            // Nexus drops a released repository too: only its staging copy goes, the released files stay.
            case DROP -> this == DROPPED ? null : DROPPED;
        };
        return Optional.ofNullable(next);
    }

    /** Uploads are accepted only while a repository is open. */
    public boolean acceptsUploads() {
        return this == OPEN;
    }
}

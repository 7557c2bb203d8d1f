package io.gravitee.release.gio.ledger;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A component's state in the release process. {@code PENDING → RELEASED} directly is the
 * reconciliation move (its release tag is already on its remote and its artifacts are deployed).
 */
public enum ReleaseState implements ComponentState {
    /** Not started: version in the manifest still ends in {@code -SNAPSHOT}. */
    PENDING,
    /** Building and deploying to the private repository. */
    RELEASING,
    /** Release tag pushed to the component's remote. */
    TAGGED,
    /** Done: next snapshot pushed and the manifest updated. */
    RELEASED,
    /** The last attempt failed; the entry's {@code lastError} says why. */
    FAILED;

    private static final Map<ReleaseState, Set<ReleaseState>> NEXT = new EnumMap<>(ReleaseState.class);

    static {
        NEXT.put(PENDING, EnumSet.of(RELEASING, RELEASED, FAILED));
        // RELEASING again: an attempt after one that died without a word (killed while deploying); it counts.
        NEXT.put(RELEASING, EnumSet.of(RELEASING, TAGGED, RELEASED, FAILED));
        NEXT.put(TAGGED, EnumSet.of(RELEASED, FAILED));
        NEXT.put(RELEASED, EnumSet.noneOf(ReleaseState.class));
        NEXT.put(FAILED, EnumSet.of(RELEASING, RELEASED));
    }

    @Override
    public Set<ReleaseState> next() {
        return NEXT.get(this);
    }

    @Override
    public boolean startsAttempt() {
        return this == RELEASING;
    }
}

package io.gravitee.release.gio.ledger;

import java.util.Set;

/**
 * A state of one component in one process. Each process's enum ({@link ReleaseState},
 * {@link StagingState}) is the single place that defines which moves are legal.
 */
public interface ComponentState {

    String name();

    /** The states this one may move to directly. */
    Set<? extends ComponentState> next();

    /** True if moving from this state to {@code target} is legal. */
    default boolean canMoveTo(ComponentState target) {
        return next().contains(target);
    }

    /** True when the component is done in this process: nothing may follow. */
    default boolean isFinal() {
        return next().isEmpty();
    }

    /** True when entering this state begins a new attempt (the entry's attempt counter goes up). */
    boolean startsAttempt();
}

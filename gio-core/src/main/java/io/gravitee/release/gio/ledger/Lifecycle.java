package io.gravitee.release.gio.ledger;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Which process a ledger file tracks, and therefore which state machine its entries follow. */
public enum Lifecycle {
    RELEASE(ReleaseState.values(), ReleaseState.PENDING),
    STAGING(StagingState.values(), StagingState.PENDING);

    private final ComponentState[] states;
    private final ComponentState initial;

    Lifecycle(ComponentState[] states, ComponentState initial) {
        this.states = states;
        this.initial = initial;
    }

    /** The state of a component the ledger has no entry for yet. */
    public ComponentState initial() {
        return initial;
    }

    /** The state named {@code name} in this lifecycle; a clear error for anything else. */
    public ComponentState parse(String name) {
        for (ComponentState state : states) {
            if (state.name().equals(name)) {
                return state;
            }
        }
        throw new IllegalArgumentException("Unknown " + label() + " state '" + name + "'; expected one of "
                + Arrays.toString(states));
    }

    /** True if {@code to} can be reached from {@code from} through legal moves (zero moves included). */
    public boolean canReach(ComponentState from, ComponentState to) {
        Set<ComponentState> seen = new HashSet<>();
        Deque<ComponentState> queue = new ArrayDeque<>();
        queue.add(from);
        while (!queue.isEmpty()) {
            ComponentState state = queue.poll();
            if (state.equals(to)) {
                return true;
            }
            if (seen.add(state)) {
                queue.addAll(state.next());
            }
        }
        return false;
    }

    /** Lower-case name used in files and messages. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Lifecycle fromLabel(String label) {
        for (Lifecycle lifecycle : values()) {
            if (lifecycle.label().equals(label)) {
                return lifecycle;
            }
        }
        throw new IllegalArgumentException("Unknown lifecycle '" + label + "'; expected release or staging");
    }
}

package io.gravitee.release.gio.ledger;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the ledger knows about one component in one process.
 *
 * @param state name of its {@link ComponentState} in the ledger's lifecycle
 * @param attempts how many attempts were started (entering a state that {@linkplain
 *     ComponentState#startsAttempt() starts an attempt})
 * @param ids identifiers of what was created on servers, recorded before they are used (staging
 *     repository id, deployment id, tag name...)
 * @param startedAt when the first attempt started, null before
 * @param updatedAt when the entry last changed
 * @param lastError why the last attempt failed, null unless the state is a failure
 */
public record ComponentEntry(
        String state, int attempts, Map<String, String> ids, Instant startedAt, Instant updatedAt, String lastError) {

    public ComponentEntry {
        Objects.requireNonNull(state, "state");
        ids = ids == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(ids));
    }

    static ComponentEntry initial(ComponentState state) {
        return new ComponentEntry(state.name(), 0, Map.of(), null, null, null);
    }

    ComponentEntry withState(ComponentState next, Instant now, String error) {
        boolean newAttempt = next.startsAttempt();
        return new ComponentEntry(next.name(), newAttempt ? attempts + 1 : attempts, ids,
                startedAt == null && newAttempt ? now : startedAt, now, error);
    }

    ComponentEntry withId(String key, String value, Instant now) {
        Map<String, String> copy = new TreeMap<>(ids);
        copy.put(key, value);
        return new ComponentEntry(state, attempts, copy, startedAt, now, lastError);
    }
}

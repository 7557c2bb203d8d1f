package io.gravitee.release.gio.release.product;

import io.gravitee.release.gio.ledger.Ledger;
import io.gravitee.release.gio.ledger.LedgerState;
import io.gravitee.release.gio.ledger.ReleaseState;
import io.gravitee.release.gio.release.executor.DispatchJournal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A component's CI dispatch in the release repository's ledger, as {@link LedgerDeployJournal} keeps its deploy:
 * the key and attempt in a commit pushed before the engine is asked (the attempt enters {@code RELEASING}), the
 * engine's handle in one pushed right after.
 */
final class LedgerDispatchJournal implements DispatchJournal {
    static final String KEY = "dispatch.key";
    static final String ATTEMPT = "dispatch.attempt";
    static final String INTENDED = "dispatch.intendedAt";
    static final String HANDLE = "dispatch.handle";

    private final Ledger ledger;
    private final String component;
    private final String version;

    LedgerDispatchJournal(Ledger ledger, String component, String version) {
        this.ledger = ledger;
        this.component = component;
        this.version = version;
    }

    @Override
    public Optional<Dispatch> recorded() {
        Map<String, String> ids = ledger.state().component(component).map(e -> e.ids()).orElse(Map.of());
        if (ids.get(KEY) == null) {
            return Optional.empty();
        }
        String handle = ids.get(HANDLE);
        return Optional.of(new Dispatch(ids.get(KEY), Integer.parseInt(ids.getOrDefault(ATTEMPT, "1")),
                Instant.parse(ids.getOrDefault(INTENDED, Instant.EPOCH.toString())),
                // A handle belongs to the key recorded with it: "<key> <handle>".
                Optional.ofNullable(handle).filter(h -> h.startsWith(ids.get(KEY) + " "))
                        .map(h -> h.substring(ids.get(KEY).length() + 1))));
    }

    @Override
    public void intend(String key, int attempt) {
        ledger.update("Dispatch " + component + " " + version + " (" + key + ")", draft -> {
            LedgerState state = draft.state();
            Instant now = Instant.now();
            if (state.stateOf(component) != ReleaseState.RELEASED) {
                state = state.transition(component, ReleaseState.RELEASING, now);
            }
            state = state.withId(component, KEY, key, now).withId(component, ATTEMPT, String.valueOf(attempt), now)
                    .withId(component, INTENDED, now.toString(), now);
            draft.setState(state);
        });
    }

    @Override
    public void dispatched(String key, String handle) {
        ledger.update("Dispatched " + component + " " + version + " (" + key + ")", draft ->
                draft.setState(draft.state().withId(component, HANDLE, key + " " + handle, Instant.now())));
    }
}

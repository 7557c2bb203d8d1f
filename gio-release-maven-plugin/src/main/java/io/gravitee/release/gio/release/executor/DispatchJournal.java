package io.gravitee.release.gio.release.executor;

import java.time.Instant;
import java.util.Optional;

/**
 * A component's CI dispatch as the release ledger records it: the intent (key, attempt) before the engine is asked,
 * the engine's handle right after. A resumed run follows a recorded handle instead of dispatching again, and looks an
 * intent without a handle up by its key (the dispatch may have reached the engine just before a crash).
 */
public interface DispatchJournal {

    /** What was recorded; {@code handle} is empty when the run died between asking the engine and its answer. */
    record Dispatch(String key, int attempt, Instant intended, Optional<String> handle) {}

    Optional<Dispatch> recorded();

    /** Records that {@code key} is about to be dispatched; pushed before the engine is asked. */
    void intend(String key, int attempt);

    /** Records the engine's handle of {@code key}'s build. */
    void dispatched(String key, String handle);
}

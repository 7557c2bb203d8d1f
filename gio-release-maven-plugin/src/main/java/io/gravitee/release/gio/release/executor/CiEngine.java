package io.gravitee.release.gio.release.executor;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * What gio needs of a CI engine to run a component job there. Each engine carries gio's dispatch key in a field it
 * can be searched by (Buildbot: the buildset's reason), so that a dispatch whose answer was lost is found again
 * instead of dispatched twice.
 */
public interface CiEngine {

    /** How a dispatched build stands. {@code detail} is for messages (e.g. the build's URL). */
    record Status(State state, String detail) {
        public boolean finished() {
            return state == State.SUCCEEDED || state == State.FAILED || state == State.CANCELLED;
        }
    }

    enum State { QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED }

    /** For messages, e.g. {@code buildbot}. */
    String name();

    /**
     * Starts the component job with {@code options} (the job's {@code -D} options) under {@code key}: the only side
     * effect of an executor. Returns the engine's handle of the build.
     */
    String dispatch(String key, Map<String, String> options) throws IOException;

    /** The handle of the build dispatched under {@code key}, if the engine has one. */
    Optional<String> find(String key) throws IOException;

    Status poll(String handle) throws IOException;

    void cancel(String handle) throws IOException;

    /** The job's output: every run of it the engine made (a build re-run after a crash has several). */
    String log(String handle) throws IOException;
}

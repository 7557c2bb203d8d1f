package io.gravitee.release.gio.staging.backend;

import io.gravitee.release.gio.staging.StagingException;

/**
 * The server was still working when gio stopped waiting. Not a failure of the staging itself: the next run
 * finds the staging area by its recorded id and carries on from whatever the server finished.
 */
public final class PollTimeoutException extends StagingException {
    private static final long serialVersionUID = 1L;

    private final transient StagingArea area;

    public PollTimeoutException(StagingArea area, String message) {
        super(message);
        this.area = area;
    }

    public StagingArea area() {
        return area;
    }
}

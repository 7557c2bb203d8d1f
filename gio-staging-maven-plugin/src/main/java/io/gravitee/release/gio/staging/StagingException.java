package io.gravitee.release.gio.staging;

/** A staging step failed; the message says what, where and what to do about it. */
public class StagingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StagingException(String message) {
        super(message);
    }

    public StagingException(String message, Throwable cause) {
        super(message, cause);
    }
}

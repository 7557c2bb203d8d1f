package io.gravitee.release.gio.release.component;

/** A component cannot be released; the message says why and what to do. */
public class ReleaseException extends Exception {
    public ReleaseException(String message) {
        super(message);
    }

    public ReleaseException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.gravitee.release.gio.bundle;

/**
 * A problem the user can fix (bad input, rejected credentials, unknown bucket, immutable object changed),
 * described in a message meant to be shown as is. Mojos turn it into a {@code MojoFailureException}.
 */
public class BundleException extends Exception {

    public BundleException(String message) {
        super(message);
    }

    public BundleException(String message, Throwable cause) {
        super(message, cause);
    }
}

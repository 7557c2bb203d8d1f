package io.gravitee.release.gio.sandbox.central;

/** A refusal the Publisher API answers with {@code status} and an error body. */
final class CentralException extends RuntimeException {
    private final int status;

    CentralException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}

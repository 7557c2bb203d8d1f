package io.gravitee.release.gio.sandbox.nexus2;

/** A refusal answered with a Nexus error body ({@code <nexus-error>}) and this HTTP status. */
final class NexusException extends RuntimeException {
    private final int status;

    NexusException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}

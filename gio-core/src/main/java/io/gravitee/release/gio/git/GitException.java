package io.gravitee.release.gio.git;

/**
 * A git operation failed. The message always names the remote and the ref involved so that a CI
 * log says where to look without a stack trace.
 */
public class GitException extends RuntimeException {

    private final String remote;
    private final String ref;

    public GitException(String remote, String ref, String message, Throwable cause) {
        super(describe(remote, ref, message), cause);
        this.remote = remote;
        this.ref = ref;
    }

    public GitException(String remote, String ref, String message) {
        this(remote, ref, message, null);
    }

    private static String describe(String remote, String ref, String message) {
        StringBuilder text = new StringBuilder(message);
        text.append(" [remote ").append(remote == null ? "(none)" : remote);
        if (ref != null) {
            text.append(", ref ").append(ref);
        }
        return text.append(']').toString();
    }

    /** The remote URL (never with credentials) the failed operation talked to. */
    public String remote() {
        return remote;
    }

    /** The ref the failed operation was about, or {@code null} when it concerned the whole remote. */
    public String ref() {
        return ref;
    }
}

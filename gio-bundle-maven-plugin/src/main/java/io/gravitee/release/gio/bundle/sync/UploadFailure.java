package io.gravitee.release.gio.bundle.sync;

import io.gravitee.release.gio.bundle.BundleException;
import java.util.List;

/** An upload that failed after writing some objects: the goal's report lists them. */
public final class UploadFailure extends BundleException {
    private final transient List<String> written;

    UploadFailure(String message, Throwable cause, List<String> written) {
        super(message, cause);
        this.written = List.copyOf(written);
    }

    /** The keys written before the failure. */
    public List<String> written() {
        return written;
    }
}

package io.gravitee.release.gio.git;

/** What {@link GitRepository#tagAndPush} did. */
public enum TagOutcome {
    /** The tag was created and pushed. */
    CREATED,
    /** The remote already had the tag at the requested commit: nothing was written. */
    ALREADY_PRESENT
}

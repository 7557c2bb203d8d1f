package io.gravitee.release.gio.git;

import org.eclipse.jgit.lib.ObjectId;

/**
 * A tag and the commit it designates.
 *
 * @param name short name, without {@code refs/tags/}
 * @param objectId the id the ref points at (the tag object for an annotated tag)
 * @param commitId the commit the tag designates after peeling
 */
public record TagInfo(String name, ObjectId objectId, ObjectId commitId) {

    /** True for an annotated tag (the ref points at a tag object, not at the commit itself). */
    public boolean annotated() {
        return !objectId.equals(commitId);
    }
}

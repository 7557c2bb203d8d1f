package io.gravitee.release.gio.git;

import java.util.Objects;
import org.eclipse.jgit.lib.ObjectId;

/**
 * One compare-and-swap update of a remote ref: the remote accepts it only if the ref is currently
 * at {@code expectedOldId} ({@link ObjectId#zeroId()} means "must not exist"). {@code newId} null
 * deletes the ref. A change to where the ref already is reports {@code UP_TO_DATE} whatever the
 * expected id (nothing is written, so repeating a change is harmless). There is deliberately no way to express an unchecked or forced update.
 */
public record RefChange(String remoteRef, ObjectId newId, ObjectId expectedOldId) {

    public RefChange {
        Objects.requireNonNull(remoteRef, "remoteRef");
        Objects.requireNonNull(expectedOldId, "expectedOldId: every ref change is a compare-and-swap");
        if (newId != null && newId.equals(ObjectId.zeroId())) {
            newId = null;
        }
        if (newId == null && expectedOldId.equals(ObjectId.zeroId())) {
            throw new IllegalArgumentException("Deleting " + remoteRef + " needs the id it is expected to be at");
        }
    }

    /** Creates {@code remoteRef}; rejected if it already exists. */
    public static RefChange create(String remoteRef, ObjectId newId) {
        return new RefChange(remoteRef, Objects.requireNonNull(newId, "newId"), ObjectId.zeroId());
    }

    /** Moves {@code remoteRef} from {@code expectedOldId} to {@code newId}. */
    public static RefChange update(String remoteRef, ObjectId expectedOldId, ObjectId newId) {
        return new RefChange(remoteRef, Objects.requireNonNull(newId, "newId"), expectedOldId);
    }

    /** Deletes {@code remoteRef} if it is still at {@code expectedOldId}. */
    public static RefChange delete(String remoteRef, ObjectId expectedOldId) {
        return new RefChange(remoteRef, null, expectedOldId);
    }

    public boolean isDelete() {
        return newId == null;
    }
}

package io.gravitee.release.gio.staging;

import java.time.Duration;
import java.util.List;

/**
 * What one {@code stage} run did for a component.
 *
 * @param component     the component (root artifactId)
 * @param version       its version
 * @param result        the end state of this run
 * @param areaId        the staging repository / deployment involved, or null
 * @param filesUploaded files uploaded by this run
 * @param bytesUploaded bytes uploaded by this run
 * @param duration      how long the run took
 * @param notes         what was reconciled, skipped or left behind, and why
 */
public record StageOutcome(
        String component,
        String version,
        Result result,
        String areaId,
        int filesUploaded,
        long bytesUploaded,
        Duration duration,
        List<String> notes) {

    /** End state of a run. */
    public enum Result {
        /** Published by this run. */
        PUBLISHED,
        /** Found already published: nothing uploaded. */
        ALREADY_PUBLISHED,
        /** Closed and left for a person to release ({@code -Dgio.staging.autoRelease=false}). */
        CLOSED,
        /** Dry run: nothing written. */
        DRY_RUN,
        /** The server was still working when gio stopped waiting: re-run to reconcile. */
        IN_PROGRESS,
        /** Failed; see the notes. */
        FAILED
    }

    public StageOutcome {
        notes = List.copyOf(notes);
    }
}

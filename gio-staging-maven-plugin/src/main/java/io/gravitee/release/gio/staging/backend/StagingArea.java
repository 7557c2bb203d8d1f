package io.gravitee.release.gio.staging.backend;

import java.util.List;
import java.util.Objects;

/**
 * A place on the server where files wait before publication, as the server reports it now: a Nexus 2 staging
 * repository, a Central Portal deployment, or the staged copy of a two-phase repository staging.
 *
 * @param id       the server's id for it (recorded in the ledger before anything is uploaded into it)
 * @param marker   what gio wrote on it to recognise it later ({@code gio:<groupId>:<artifactId>:<version>}),
 *                 empty when the server does not say
 * @param status   where it stands
 * @param problems why verification or publication failed, one line per failed rule; empty otherwise
 */
public record StagingArea(String id, String marker, Status status, List<String> problems) {

    /** Where a staging area stands. */
    public enum Status {
        /** Accepting uploads. */
        OPEN,
        /** Being verified (Nexus close, Central validation). */
        VERIFYING,
        /** Verified and ready to publish. */
        VERIFIED,
        /** Verification or publication failed ({@link StagingArea#problems()} says why); never published. */
        FAILED,
        /** Being published. */
        PUBLISHING,
        /** Published: final. */
        PUBLISHED,
        /** No longer on the server (dropped or expired). */
        GONE;

        /** True while the server is still working on it: poll again. */
        public boolean transitioning() {
            return this == VERIFYING || this == PUBLISHING;
        }
    }

    public StagingArea {
        Objects.requireNonNull(id, "id");
        marker = marker == null ? "" : marker;
        Objects.requireNonNull(status, "status");
        problems = List.copyOf(problems);
    }

    public StagingArea withStatus(Status next) {
        return new StagingArea(id, marker, next, problems);
    }
}

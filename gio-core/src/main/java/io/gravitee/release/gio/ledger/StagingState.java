package io.gravitee.release.gio.ledger;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A component's state in the staging process. {@code STAGING} is entered, with the staging
 * repository or deployment id recorded, <em>before</em> the first upload, so that a crash always
 * leaves something to find and drop or finish. {@code PUBLISHED} is final: a published version is
 * immutable.
 */
public enum StagingState implements ComponentState {
    /** Not started. */
    PENDING,
    /** Every released file resolved from the private repository with checksums verified. */
    RESOLVED,
    /** The files pass Maven Central's rules. */
    VALIDATED,
    /** A staging repository/deployment is open (id recorded); uploads may be in flight. */
    STAGING,
    /** The staging repository is closed (Nexus) or the deployment validated (Central). */
    CLOSED,
    /** Released to the public repository: final. */
    PUBLISHED,
    /** The staging repository of the last attempt was dropped; the component can be retried. */
    DROPPED,
    /** The last attempt failed; the entry's {@code lastError} says why. */
    FAILED;

    private static final Map<StagingState, Set<StagingState>> NEXT = new EnumMap<>(StagingState.class);

    static {
        NEXT.put(PENDING, EnumSet.of(RESOLVED, PUBLISHED, FAILED));
        NEXT.put(RESOLVED, EnumSet.of(VALIDATED, FAILED));
        NEXT.put(VALIDATED, EnumSet.of(STAGING, FAILED));
        NEXT.put(STAGING, EnumSet.of(CLOSED, PUBLISHED, DROPPED, FAILED));
        NEXT.put(CLOSED, EnumSet.of(PUBLISHED, DROPPED, FAILED));
        NEXT.put(PUBLISHED, EnumSet.noneOf(StagingState.class));
        NEXT.put(DROPPED, EnumSet.of(PENDING, RESOLVED));
        NEXT.put(FAILED, EnumSet.of(PENDING, RESOLVED, DROPPED, PUBLISHED));
    }

    @Override
    public Set<StagingState> next() {
        return NEXT.get(this);
    }

    @Override
    public boolean startsAttempt() {
        return this == RESOLVED;
    }
}

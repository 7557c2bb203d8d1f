package io.gravitee.release.gio.release.component;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What happened to one component in one run.
 *
 * @param artifacts {@code groupId:artifactId} of every project of its reactor, released as {@code version}
 * @param detail a short account for the summary: what was done, or skipped and why
 * @param build how long the component's own Maven build took (zero when it was not built)
 */
public record ComponentOutcome(String component, Status status, String version, List<String> artifacts,
                               Optional<String> tagCommit, Duration duration, String detail, Optional<String> log,
                               Duration build) {

    /** How a component's release ended. */
    public enum Status {
        /** Released by this run. */
        RELEASED,
        /** Found released (tag on the remote, artifacts deployed): nothing was done. */
        ALREADY_RELEASED,
        /** Built and checked, nothing pushed or deployed remotely (dry run). */
        DRY_RUN,
        /** Not released; {@code detail} says why. */
        FAILED,
        /** Not attempted because an earlier wave failed. */
        NOT_STARTED
    }

    public ComponentOutcome {
        artifacts = List.copyOf(artifacts);
    }

    /** An outcome without a build of its own (failed before building, found released, not started). */
    public ComponentOutcome(String component, Status status, String version, List<String> artifacts,
                            Optional<String> tagCommit, Duration duration, String detail, Optional<String> log) {
        this(component, status, version, artifacts, tagCommit, duration, detail, log, Duration.ZERO);
    }

    public boolean done() {
        return status == Status.RELEASED || status == Status.ALREADY_RELEASED || status == Status.DRY_RUN;
    }
}

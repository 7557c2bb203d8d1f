package io.gravitee.release.gio.sandbox.central;

import java.util.Optional;

/**
 * States of a Central Portal deployment, with their wire names as the Publisher API reports them in
 * {@code deploymentState}, and the one place that says which event leads where.
 */
public enum DeploymentState {
    PENDING,
    VALIDATING,
    VALIDATED,
    PUBLISHING,
    PUBLISHED,
    FAILED;

    /** What moves a deployment: the server's own progress and the client's publish and drop. */
    public enum Event {
        /** The validator picked the uploaded bundle up. */
        VALIDATION_STARTED,
        VALIDATION_PASSED,
        VALIDATION_FAILED,
        /** {@code POST /api/v1/publisher/deployment/{id}}, or automatic publishing after validation. */
        PUBLISH,
        PUBLISH_COMPLETED,
        /** Publishing found a component already published meanwhile. */
        PUBLISH_FAILED,
        /** {@code DELETE /api/v1/publisher/deployment/{id}}: the deployment is removed, not moved. */
        DROP
    }

    /** The state {@code event} leads to, or empty when the Portal refuses it in this state. */
    public Optional<DeploymentState> after(Event event) {
        DeploymentState next = switch (event) {
            case VALIDATION_STARTED -> this == PENDING ? VALIDATING : null;
            case VALIDATION_PASSED -> this == VALIDATING ? VALIDATED : null;
            case VALIDATION_FAILED -> this == VALIDATING ? FAILED : null;
            case PUBLISH -> this == VALIDATED ? PUBLISHING : null;
            case PUBLISH_COMPLETED -> this == PUBLISHING ? PUBLISHED : null;
            case PUBLISH_FAILED -> this == PUBLISHING ? FAILED : null;
            // Dropping keeps the state (the deployment disappears); only a settled, unpublished one may go.
            case DROP -> this == VALIDATED || this == FAILED ? this : null;
        };
        return Optional.ofNullable(next);
    }

    /** True while the server still works on the deployment without the client. */
    public boolean transitioning() {
        return this == PENDING || this == VALIDATING || this == PUBLISHING;
    }
}

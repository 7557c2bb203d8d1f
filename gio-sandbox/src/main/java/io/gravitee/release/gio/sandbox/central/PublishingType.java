package io.gravitee.release.gio.sandbox.central;

/** The {@code publishingType} query parameter of an upload. */
public enum PublishingType {
    /** Published as soon as validation passes. */
    AUTOMATIC,
    /** Stays {@link DeploymentState#VALIDATED} until the client publishes or drops it. */
    USER_MANAGED
}

package io.gravitee.release.gio.manifest;

import java.util.Optional;

/**
 * One component of a product release, as the manifest lists it.
 *
 * @param name the component's repository name, e.g. {@code gravitee-common}
 * @param version its version; the manifest's top-level version when the entry has none
 * @param versionDeclared whether the entry has its own {@code version} field
 * @param since the product version that last released it, when known
 */
public record Component(String name, Version version, boolean versionDeclared, Optional<String> since) {

    /** A component is pending, i.e. to be released, while its version is a snapshot. */
    public boolean pending() {
        return version.isSnapshot();
    }

    /** The version this component is released as. */
    public Version releaseVersion() {
        return version.release();
    }

    /** The branch it is released from ({@code master} or {@code M.m.x}). */
    public String releaseBranch() {
        return version.releaseBranch();
    }
}

package io.gravitee.release.gio.staging.backend;

import java.util.Objects;

/**
 * What is being staged, as a backend needs to know it.
 *
 * @param groupId    the component's root groupId (Nexus profile evaluation, Central namespace)
 * @param artifactId the component's root artifactId
 * @param version    the released version
 */
public record StagingTarget(String groupId, String artifactId, String version) {
    public StagingTarget {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(artifactId, "artifactId");
        Objects.requireNonNull(version, "version");
    }

    /**
     * The mark gio puts on what it creates on a server (e.g. a staging repository's description), so that
     * an attempt whose local ledger was lost can still be found by listing.
     */
    public String marker() {
        return "gio:" + groupId + ":" + artifactId + ":" + version;
    }
}

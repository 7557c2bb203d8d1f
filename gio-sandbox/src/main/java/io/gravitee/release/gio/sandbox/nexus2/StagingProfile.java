package io.gravitee.release.gio.sandbox.nexus2;

import java.util.Objects;

/**
 * A staging profile: the id clients pass as {@code stagingProfileId}, its name, and the groupId prefix that
 * {@code profile_evaluate} and implicit {@code deploy/maven2} uploads match against.
 */
public record StagingProfile(String id, String name, String groupIdPrefix) {
    public StagingProfile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(groupIdPrefix, "groupIdPrefix");
    }

    boolean matchesGroupId(String groupId) {
        return groupId.equals(groupIdPrefix) || groupId.startsWith(groupIdPrefix + ".");
    }

    /** Repository ids are derived from the profile name as Nexus does: {@code io.gravitee} → {@code iogravitee-1001}. */
    String repositoryIdPrefix() {
        return name.replaceAll("[^A-Za-z0-9]", "").toLowerCase(java.util.Locale.ROOT);
    }
}

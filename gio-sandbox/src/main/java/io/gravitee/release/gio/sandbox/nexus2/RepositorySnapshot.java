package io.gravitee.release.gio.sandbox.nexus2;

import java.util.List;

/**
 * What a staging repository looks like at one instant, for tests.
 *
 * @param id              staging repository id, e.g. {@code iogravitee-1001}
 * @param profileId       its staging profile
 * @param description     as given on start (or set by close/release)
 * @param state           its state
 * @param transitioning   true while a close or release runs
 * @param notifications   failures reported by the last transition
 * @param implicit        opened implicitly by an upload to {@code deploy/maven2}
 * @param files           stored paths, relative to the repository root, sorted
 * @param failedRules     rules failed by the last close or release
 */
public record RepositorySnapshot(
        String id,
        String profileId,
        String description,
        RepositoryState state,
        boolean transitioning,
        int notifications,
        boolean implicit,
        List<String> files,
        List<RuleFailure> failedRules) {
    public RepositorySnapshot {
        files = List.copyOf(files);
        failedRules = List.copyOf(failedRules);
    }
}

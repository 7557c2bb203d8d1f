package io.gravitee.release.gio.bundle.retention;

import java.util.List;

/**
 * What a retention policy removes from the bucket, with the reason for each removal.
 *
 * @param removals what goes, grouped by the version or build that goes
 * @param kept one line per version line or build kept, and why
 */
public record PrunePlan(List<Removal> removals, List<String> kept) {

    public PrunePlan {
        removals = List.copyOf(removals);
        kept = List.copyOf(kept);
    }

    /**
     * @param subject the version ({@code 3.1.4}) or nightly build ({@code nightly/4.6.0-20261120}) that goes
     * @param reason why, in words
     * @param paths the files and checksum files to delete, relative to the prefix
     */
    public record Removal(String subject, String reason, List<String> paths) {
        public Removal {
            paths = List.copyOf(paths);
        }
    }

    public List<String> paths() {
        return removals.stream().flatMap(r -> r.paths().stream()).toList();
    }

    public boolean removesNothing() {
        return removals.isEmpty();
    }
}

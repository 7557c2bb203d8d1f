package io.gravitee.release.gio.release.pom;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The opt-in {@code -Dgio.release.updateProperties}: which artifacts' version properties move to their newest release
 * of the same major before the build, as {@code versions:update-properties} on {@code io.gravitee.*} did in Gravitee's
 * CircleCI orb. Patterns are {@code groupId[:artifactId]} with {@code *} matching anything (dots included), separated
 * by commas; {@code true} means {@code io.gravitee.*}.
 */
public final class PropertyUpdates {
    private static final Pattern RELEASE = Pattern.compile("\\d+(\\.\\d+)*");
    private static final Comparator<String> NUMERIC = PropertyUpdates::compare;

    private final List<Pattern> includes;
    private final String spec;

    private PropertyUpdates(String spec, List<Pattern> includes) {
        this.spec = spec;
        this.includes = includes;
    }

    /** Empty when the option is unset, blank or {@code false}. */
    public static Optional<PropertyUpdates> parse(String spec) {
        if (spec == null || spec.isBlank() || spec.trim().equalsIgnoreCase("false")) {
            return Optional.empty();
        }
        String effective = spec.trim().equalsIgnoreCase("true") ? "io.gravitee.*" : spec.trim();
        List<Pattern> includes = new ArrayList<>();
        for (String include : effective.split(",")) {
            String pattern = include.trim();
            if (pattern.isEmpty()) {
                continue;
            }
            String glob = pattern.contains(":") ? pattern : pattern + ":*";
            includes.add(Pattern.compile(Arrays.stream(glob.split("\\*", -1)).map(Pattern::quote)
                    .reduce((a, b) -> a + ".*" + b).orElse("")));
        }
        return Optional.of(new PropertyUpdates(effective, includes));
    }

    public boolean matches(String groupId, String artifactId) {
        String key = groupId + ":" + artifactId;
        return includes.stream().anyMatch(p -> p.matcher(key).matches());
    }

    /**
     * The newest release that every artifact of a property has, of the major of {@code current}, if newer than it.
     * Releases only (numbers and dots: no snapshot, milestone or candidate), as the orb allowed no pre-release.
     */
    static Optional<String> newestOfSameMajor(String current, List<List<String>> versionsPerArtifact) {
        if (!RELEASE.matcher(current).matches() || versionsPerArtifact.isEmpty()) {
            return Optional.empty();
        }
        String major = current.split("\\.")[0];
        Set<String> common = null;
        for (List<String> versions : versionsPerArtifact) {
            Set<String> candidates = new HashSet<>();
            versions.stream().filter(v -> RELEASE.matcher(v).matches() && v.split("\\.")[0].equals(major))
                    .forEach(candidates::add);
            if (common == null) {
                common = candidates;
            } else {
                common.retainAll(candidates);
            }
        }
        return common.stream().max(NUMERIC).filter(v -> compare(v, current) > 0);
    }

    private static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long left = i < x.length ? Long.parseLong(x[i]) : 0;
            long right = i < y.length ? Long.parseLong(y[i]) : 0;
            if (left != right) {
                return Long.compare(left, right);
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        return spec;
    }
}

package io.gravitee.release.gio.manifest;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version as Gravitee's manifests use it: {@code MAJOR.MINOR.PATCH} with an optional
 * {@code -qualifier} ({@code -SNAPSHOT} marks a version still to be released).
 */
public record Version(int major, int minor, int patch, Optional<String> qualifier) {

    private static final String SNAPSHOT = "SNAPSHOT";
    private static final Pattern SEMVER =
            Pattern.compile("(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-([0-9A-Za-z]+(?:[.-][0-9A-Za-z]+)*))?");

    public Version {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("version numbers cannot be negative");
        }
        qualifier = qualifier == null ? Optional.empty() : qualifier;
    }

    /** Parses {@code text}, or says why it is not a version. */
    public static Version parse(String text) {
        return tryParse(text)
                .orElseThrow(() -> new IllegalArgumentException(
                        "'" + text + "' is not a semantic version MAJOR.MINOR.PATCH[-QUALIFIER] (e.g. 1.20.2 or 1.20.2-SNAPSHOT)"));
    }

    public static Optional<Version> tryParse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = SEMVER.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Version(
                    Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)),
                    Optional.ofNullable(m.group(4))));
        } catch (NumberFormatException tooLarge) {
            return Optional.empty();
        }
    }

    public boolean isSnapshot() {
        return qualifier.filter(SNAPSHOT::equals).isPresent();
    }

    /** This version without {@code -SNAPSHOT}; other qualifiers are kept. */
    public Version release() {
        return isSnapshot() ? new Version(major, minor, patch, Optional.empty()) : this;
    }

    /** The snapshot that follows this release: next patch, {@code -SNAPSHOT}. */
    public Version nextPatchSnapshot() {
        return new Version(major, minor, patch + 1, Optional.of(SNAPSHOT));
    }

    public Version snapshot() {
        return new Version(major, minor, patch, Optional.of(SNAPSHOT));
    }

    /**
     * The branch a component of this version is released from: {@code master} for a new minor
     * ({@code X.Y.0}), the maintenance branch {@code X.Y.x} for a patch.
     */
    public String releaseBranch() {
        return patch == 0 ? "master" : major + "." + minor + ".x";
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch + qualifier.map(q -> "-" + q).orElse("");
    }
}

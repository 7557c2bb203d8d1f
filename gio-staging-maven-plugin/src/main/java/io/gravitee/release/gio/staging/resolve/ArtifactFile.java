package io.gravitee.release.gio.staging.resolve;

import java.util.Objects;

/**
 * One file of a released module: the POM, the main artifact or an attached one.
 *
 * @param module     the module
 * @param classifier classifier, empty for the POM and the main artifact
 * @param extension  extension, e.g. {@code pom}, {@code jar}, {@code zip}, {@code jar.asc}
 */
public record ArtifactFile(ReleasedModule module, String classifier, String extension) {

    public ArtifactFile {
        Objects.requireNonNull(module, "module");
        classifier = classifier == null ? "" : classifier;
        Objects.requireNonNull(extension, "extension");
    }

    public String fileName() {
        return module.artifactId() + "-" + module.version() + (classifier.isEmpty() ? "" : "-" + classifier) + "."
                + extension;
    }

    /** Path in a Maven repository layout. */
    public String path() {
        return module.directory() + "/" + fileName();
    }

    /** The same file with a suffix added to the extension ({@code .asc}, {@code .sha1}). */
    public ArtifactFile withSuffix(String suffix) {
        return new ArtifactFile(module, classifier, extension + suffix);
    }

    /** {@code g:a:ext[:classifier]:v}, for messages. */
    @Override
    public String toString() {
        return module.groupId() + ":" + module.artifactId() + ":" + extension + (classifier.isEmpty() ? "" : ":" + classifier)
                + ":" + module.version();
    }

    /**
     * A classifier expected on every module besides sources and javadoc, e.g. {@code distribution:zip}.
     */
    public record Extra(String classifier, String extension) {

        /** Parses a comma-separated {@code classifier:extension} list (blank: none). */
        public static java.util.List<Extra> parseList(String value) {
            java.util.List<Extra> extras = new java.util.ArrayList<>();
            if (value == null || value.isBlank()) {
                return extras;
            }
            for (String item : value.split(",")) {
                String[] parts = item.trim().split(":");
                if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                    throw new io.gravitee.release.gio.staging.StagingException("-Dgio.staging.classifiers: '" + item
                            + "' is not classifier:extension (e.g. distribution:zip)");
                }
                extras.add(new Extra(parts[0].trim(), parts[1].trim()));
            }
            return extras;
        }
    }
}

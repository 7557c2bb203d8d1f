package io.gravitee.release.gio.staging.resolve;

import java.util.Objects;

/**
 * One module of a component as released: its coordinates and packaging, read from the POMs at the
 * release tag.
 *
 * @param groupId    group id (inherited from the parent when the POM has none)
 * @param artifactId artifact id
 * @param version    version (inherited likewise)
 * @param packaging  packaging, {@code jar} when the POM says nothing
 * @param pomPath    path of its POM in the component's repository, for messages
 */
public record ReleasedModule(String groupId, String artifactId, String version, String packaging, String pomPath) {

    public ReleasedModule {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(artifactId, "artifactId");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(packaging, "packaging");
    }

    /** The version directory in a Maven repository: {@code io/gravitee/x/1.0.0}. */
    public String directory() {
        return groupId.replace('.', '/') + "/" + artifactId + "/" + version;
    }

    /** {@code g:a:v}. */
    public String gav() {
        return groupId + ":" + artifactId + ":" + version;
    }

    /**
     * The extension of the main artifact, or null when the packaging has none (a {@code pom}).
     * Plugin and bundle-like packagings all produce a jar.
     */
    public String mainExtension() {
        return switch (packaging) {
            case "pom" -> null;
            case "war", "ear", "rar", "zip" -> packaging;
            default -> "jar";
        };
    }

    /** True when Maven Central requires sources and javadoc jars: the main artifact is a jar. */
    public boolean needsSourcesAndJavadoc() {
        return "jar".equals(mainExtension());
    }
}

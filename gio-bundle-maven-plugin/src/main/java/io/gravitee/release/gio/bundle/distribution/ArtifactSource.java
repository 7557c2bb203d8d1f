package io.gravitee.release.gio.bundle.distribution;

import io.gravitee.release.gio.bundle.BundleException;
import java.nio.file.Path;

/**
 * Where component zips come from: the private repository through maven-resolver in the goal
 * ({@link ResolverArtifactSource}); tests may hand files directly.
 */
@FunctionalInterface
public interface ArtifactSource {

    /** Maven coordinates of a file, {@code groupId:artifactId:extension:version}. */
    record Coordinates(String groupId, String artifactId, String extension, String version) {
        @Override
        public String toString() {
            return groupId + ":" + artifactId + ":" + extension + ":" + version;
        }
    }

    /** The local path of the file, downloaded and checksum-verified; a clear error if no repository has it. */
    Path resolve(Coordinates coordinates) throws BundleException;
}

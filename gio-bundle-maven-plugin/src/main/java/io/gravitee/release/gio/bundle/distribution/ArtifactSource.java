package io.gravitee.release.gio.bundle.distribution;

import io.gravitee.release.gio.bundle.BundleException;
import java.nio.file.Path;
import java.util.Optional;

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

    /**
     * The file if a repository has it, empty if none has (a POM beside a zip is optional); other failures, such as a
     * checksum mismatch or an unreachable repository, still fail.
     */
    default Optional<Path> find(Coordinates coordinates) throws BundleException {
        return Optional.of(resolve(coordinates));
    }
}

package io.gravitee.release.gio.staging.resolve;

import io.gravitee.release.gio.transfer.Checksums;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A file of a released module on local disk, with what the source repository said about it.
 *
 * @param artifact     which file
 * @param file         where it was downloaded
 * @param checksums    computed from the downloaded bytes
 * @param signature    its downloaded {@code .asc}, or null when the repository has none
 * @param declaredSha1 the repository's {@code .sha1}, or null when it has none
 * @param declaredMd5  the repository's {@code .md5}, or null when it has none
 */
public record ResolvedFile(
        ArtifactFile artifact, Path file, Checksums checksums, Path signature, String declaredSha1, String declaredMd5) {

    public ResolvedFile {
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(checksums, "checksums");
    }

    /** Path in the Maven repository layout. */
    public String path() {
        return artifact.path();
    }
}

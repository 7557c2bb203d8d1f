package io.gravitee.release.gio.staging.backend;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One file to publish: where it goes in the Maven repository layout and where its bytes are on disk.
 *
 * @param path  e.g. {@code io/gravitee/x/1.0.0/x-1.0.0.jar.asc}
 * @param file  local file
 * @param size  its size in bytes
 * @param sha1  its SHA-1, to compare with what a public repository already holds
 */
public record StagedFile(String path, Path file, long size, String sha1) {
    public StagedFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sha1, "sha1");
    }

    /** True for the checksum files written beside each file. */
    public boolean isChecksum() {
        return path.endsWith(".sha1") || path.endsWith(".md5") || path.endsWith(".sha256") || path.endsWith(".sha512");
    }
}

package io.gravitee.release.gio.bundle.sync;

import io.gravitee.release.gio.transfer.Checksums;
import java.nio.file.Path;

/**
 * A file of the source tree to publish.
 *
 * @param relativePath its path under the source directory and the prefix, with '/' separators
 */
public record LocalFile(String relativePath, Path path, Checksums checksums) {

    public long size() {
        return checksums.size();
    }
}

package io.gravitee.release.gio.staging;

import io.gravitee.release.gio.staging.backend.StagedFile;
import io.gravitee.release.gio.staging.resolve.ResolvedComponent;
import io.gravitee.release.gio.staging.resolve.ResolvedFile;
import io.gravitee.release.gio.transfer.Checksums;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files to upload for a resolved component: each file and its signature, each with {@code .sha1} and
 * {@code .md5} written from the verified bytes (Central requires both, for signatures too).
 */
final class StagedFiles {
    private StagedFiles() {}

    /** @param write whether to write the checksum files (false in dry runs: sizes and names only) */
    static List<StagedFile> prepare(ResolvedComponent component, boolean write) {
        List<StagedFile> out = new ArrayList<>();
        try {
            for (ResolvedFile file : component.files()) {
                add(out, file.path(), file.file(), file.checksums(), write);
                if (file.signature() != null) {
                    add(out, file.path() + ".asc", file.signature(), Checksums.ofMaven(file.signature()), write);
                }
            }
        } catch (IOException e) {
            throw new StagingException("Cannot prepare the files to stage in " + component.directory() + ": "
                    + e.getMessage(), e);
        }
        return out;
    }

    private static void add(List<StagedFile> out, String path, Path file, Checksums sums, boolean write)
            throws IOException {
        out.add(new StagedFile(path, file, sums.size(), sums.sha1()));
        for (String[] sidecar : new String[][] {{".sha1", sums.sha1()}, {".md5", sums.md5()}}) {
            Path target = file.resolveSibling(file.getFileName() + sidecar[0]);
            if (write) {
                Files.writeString(target, sidecar[1]);
            }
            out.add(new StagedFile(path + sidecar[0], target, sidecar[1].length(), Checksums.of(
                    sidecar[1].getBytes(java.nio.charset.StandardCharsets.US_ASCII)).sha1()));
        }
    }
}

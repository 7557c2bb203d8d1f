package io.gravitee.release.gio.staging;

import io.gravitee.release.gio.staging.backend.StagedFile;
import io.gravitee.release.gio.staging.resolve.ResolvedComponent;
import io.gravitee.release.gio.staging.resolve.ResolvedFile;
import io.gravitee.release.gio.transfer.Checksums;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The files to upload for a resolved component: each file and its signature, each with {@code .sha1} and
 * {@code .md5} written from the verified bytes (Central requires both, for signatures too).
 */
final class StagedFiles {
    private StagedFiles() {}

    /**
     * The files to stage, and the checksum files among them that {@link #write} puts on disk: two per file, hundreds
     * per release, so the caller can write them while it does something else (validation) and before the upload.
     */
    record Prepared(List<StagedFile> files, Map<Path, String> checksumFiles) {
        void write() {
            try {
                for (Map.Entry<Path, String> file : checksumFiles.entrySet()) {
                    Files.writeString(file.getKey(), file.getValue(), StandardCharsets.US_ASCII);
                }
            } catch (IOException e) {
                throw new StagingException("Cannot write the checksum files to stage: " + e.getMessage(), e);
            }
        }
    }

    static Prepared prepare(ResolvedComponent component) {
        List<StagedFile> out = new ArrayList<>();
        Map<Path, String> checksumFiles = new HashMap<>();
        try {
            for (ResolvedFile file : component.files()) {
                add(out, checksumFiles, file.path(), file.file(), file.checksums());
                if (file.signature() != null) {
                    add(out, checksumFiles, file.path() + ".asc", file.signature(), Checksums.ofMaven(file.signature()));
                }
            }
        } catch (IOException e) {
            throw new StagingException("Cannot prepare the files to stage in " + component.directory() + ": "
                    + e.getMessage(), e);
        }
        return new Prepared(List.copyOf(out), Map.copyOf(checksumFiles));
    }

    private static void add(List<StagedFile> out, Map<Path, String> checksumFiles, String path, Path file,
            Checksums sums) {
        out.add(new StagedFile(path, file, sums.size(), sums.sha1()));
        for (String[] sidecar : new String[][] {{".sha1", sums.sha1()}, {".md5", sums.md5()}}) {
            Path target = file.resolveSibling(file.getFileName() + sidecar[0]);
            checksumFiles.put(target, sidecar[1]);
            out.add(new StagedFile(path + sidecar[0], target, sidecar[1].length(), sha1(sidecar[1])));
        }
    }

    private static String sha1(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 missing from this JDK", e); // every Java platform has it
        }
    }
}

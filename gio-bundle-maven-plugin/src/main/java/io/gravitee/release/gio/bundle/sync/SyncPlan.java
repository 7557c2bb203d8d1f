package io.gravitee.release.gio.bundle.sync;

import io.gravitee.release.gio.bundle.BucketLayout;
import io.gravitee.release.gio.bundle.BucketLayout.Sidecar;
import io.gravitee.release.gio.bundle.Channel;
import io.gravitee.release.gio.transfer.Checksums;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an upload will do, decided before anything is written.
 *
 * @param writes files to upload and checksum files to (re)write, grouped per file so a file's checksums are
 *     written after the file itself
 * @param deletes relative paths to delete (nightly only)
 * @param conflicts existing objects whose content differs from the source (release only: the upload must not proceed)
 * @param unchanged how many source files are already in the bucket with the same content
 * @param directoriesBefore every directory that held files before the upload, "" for the prefix itself
 */
public record SyncPlan(
        Channel channel,
        List<Write> writes,
        List<String> deletes,
        List<Conflict> conflicts,
        int unchanged,
        Set<String> directoriesBefore) {

    public SyncPlan {
        writes = List.copyOf(writes);
        deletes = List.copyOf(deletes);
        conflicts = List.copyOf(conflicts);
        directoriesBefore = Set.copyOf(directoriesBefore);
    }

    /**
     * One source file's writes.
     *
     * @param upload whether the file itself is uploaded (false: only some of its checksum files are missing)
     * @param replaces whether it overwrites an object with different content (nightly)
     * @param sidecars the checksum files to write; their content is made when they are written, from digests read
     *     then (a plan must not wait for every digest of every file it uploads)
     */
    public record Write(LocalFile file, boolean upload, boolean replaces, List<Sidecar> sidecars) {
        public Write {
            sidecars = List.copyOf(sidecars);
        }

        /** Where the checksum file of this kind goes, relative to the prefix. */
        public String sidecarPath(Sidecar kind) {
            return file.relativePath() + kind.suffix();
        }
    }

    /** Generated content, such as a checksum file or an index page. */
    public record Generated(String relativePath, byte[] content, Checksums checksums) {
        public static Generated of(String relativePath, byte[] content) {
            return new Generated(relativePath, content, Checksums.of(content));
        }
    }

    /** A source file whose name is taken in the bucket by different content. */
    public record Conflict(String relativePath, long localSize, long remoteSize) {}

    public boolean writesNothing() {
        return writes.isEmpty() && deletes.isEmpty();
    }

    public List<Write> uploads() {
        return writes.stream().filter(Write::upload).toList();
    }

    public long bytesToUpload() {
        return uploads().stream().mapToLong(w -> w.file().size()).sum();
    }

    /** Directories in which something is written or deleted: their index pages need a refresh. */
    public Set<String> touchedDirectories() {
        Set<String> touched = new TreeSet<>();
        for (Write write : writes) {
            touched.add(BucketLayout.directoryOf(write.file().relativePath()));
        }
        for (String delete : deletes) {
            touched.add(BucketLayout.directoryOf(delete));
        }
        return touched;
    }
}

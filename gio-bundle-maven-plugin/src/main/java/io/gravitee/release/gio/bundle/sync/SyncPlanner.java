package io.gravitee.release.gio.bundle.sync;

import io.gravitee.release.gio.bundle.BucketLayout;
import io.gravitee.release.gio.bundle.BucketLayout.Sidecar;
import io.gravitee.release.gio.bundle.Channel;
import io.gravitee.release.gio.bundle.s3.S3Store.RemoteObject;
import io.gravitee.release.gio.transfer.Checksums;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compares the source tree with the bucket and decides what to write. Content is compared by size, then by
 * the ETag when it is a plain MD5, and only otherwise (multipart objects, encrypted buckets) by the SHA-256
 * gio stored in the object's metadata, which costs one request per object. Checksum files of unchanged files
 * are checked by presence and size.
 */
public final class SyncPlanner {

    /** Reads the SHA-256 gio recorded on an object (one HEAD request). */
    @FunctionalInterface
    public interface ContentProbe {
        Optional<String> sha256(String key) throws Exception;
    }

    private final BucketLayout layout;
    private final ContentProbe probe;

    public SyncPlanner(BucketLayout layout, ContentProbe probe) {
        this.layout = layout;
        this.probe = probe;
    }

    /**
     * @param local the source files
     * @param remote every object under the prefix
     */
    public SyncPlan plan(List<LocalFile> local, List<RemoteObject> remote, Channel channel) throws Exception {
        Map<String, RemoteObject> remoteByPath = new TreeMap<>();
        Set<String> directoriesBefore = new HashSet<>();
        for (RemoteObject object : remote) {
            Optional<String> relative = layout.relative(object.key());
            if (relative.isPresent()) {
                remoteByPath.put(relative.get(), object);
                addWithAncestors(directoriesBefore, BucketLayout.directoryOf(relative.get()));
            }
        }
        List<SyncPlan.Write> writes = new ArrayList<>();
        List<SyncPlan.Conflict> conflicts = new ArrayList<>();
        Set<String> expected = new HashSet<>();
        int unchanged = 0;
        for (LocalFile file : local) {
            String path = file.relativePath();
            expected.add(path);
            RemoteObject existing = remoteByPath.get(path);
            boolean upload = existing == null || !sameContent(existing, file);
            boolean replaces = existing != null && upload;
            if (replaces && channel == Channel.RELEASE) {
                conflicts.add(new SyncPlan.Conflict(path, file.size(), existing.size()));
                continue;
            }
            List<SyncPlan.Generated> sidecars = new ArrayList<>();
            for (Sidecar kind : Sidecar.values()) {
                String sidecarPath = path + kind.suffix();
                expected.add(sidecarPath);
                RemoteObject current = remoteByPath.get(sidecarPath);
                // An unchanged file's checksum files are checked by presence and size: checking their content would
                // need the SHA-1 and SHA-512 of every file on every run. gio writes them right after the file.
                if (upload || current == null || current.size() != sidecarSize(kind, path)) {
                    sidecars.add(sidecar(file, kind));
                }
            }
            if (upload || !sidecars.isEmpty()) {
                writes.add(new SyncPlan.Write(file, upload, replaces, sidecars));
            }
            if (!upload) {
                unchanged++;
            }
        }
        List<String> deletes = new ArrayList<>();
        if (channel == Channel.NIGHTLY) {
            for (String path : remoteByPath.keySet()) {
                if (!expected.contains(path) && !BucketLayout.isIndex(path)) {
                    deletes.add(path);
                }
            }
        }
        return new SyncPlan(channel, writes, deletes, conflicts, unchanged, directoriesBefore);
    }

    /** The three checksum files of a file, each {@code <hex>  <file name>} as coreutils writes them. */
    public static List<SyncPlan.Generated> sidecars(LocalFile file) {
        return List.of(sidecar(file, Sidecar.SHA1), sidecar(file, Sidecar.MD5), sidecar(file, Sidecar.SHA512));
    }

    private static SyncPlan.Generated sidecar(LocalFile file, Sidecar kind) {
        Checksums sums = file.checksums();
        String hex = switch (kind) {
            case SHA1 -> sums.sha1();
            case MD5 -> sums.md5();
            case SHA512 -> sums.sha512();
        };
        String line = hex + "  " + BucketLayout.nameOf(file.relativePath()) + "\n";
        return SyncPlan.Generated.of(file.relativePath() + kind.suffix(), line.getBytes(StandardCharsets.UTF_8));
    }

    /** The size of a checksum file gio writes: hex digest, two spaces, file name, newline. */
    static long sidecarSize(Sidecar kind, String relativePath) {
        int hex = switch (kind) {
            case SHA1 -> 40;
            case MD5 -> 32;
            case SHA512 -> 128;
        };
        return hex + 2 + BucketLayout.nameOf(relativePath).getBytes(StandardCharsets.UTF_8).length + 1;
    }

    private boolean sameContent(RemoteObject remote, LocalFile local) throws Exception {
        if (remote.size() != local.size()) {
            return false;
        }
        if (remote.etagIsMd5() && remote.etag().equalsIgnoreCase(local.md5())) {
            return true;
        }
        return probe.sha256(remote.key()).map(local.checksums().sha256()::equalsIgnoreCase).orElse(false);
    }

    static void addWithAncestors(Set<String> directories, String directory) {
        String d = directory;
        while (directories.add(d) && !d.isEmpty()) {
            d = BucketLayout.directoryOf(d);
        }
    }
}

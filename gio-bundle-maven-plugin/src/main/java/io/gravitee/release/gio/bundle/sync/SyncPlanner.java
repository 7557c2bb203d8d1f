package io.gravitee.release.gio.bundle.sync;

import io.gravitee.release.gio.bundle.BucketLayout;
import io.gravitee.release.gio.bundle.BucketLayout.Sidecar;
import io.gravitee.release.gio.bundle.Channel;
import io.gravitee.release.gio.bundle.s3.S3Store.RemoteObject;
import io.gravitee.release.gio.transfer.Checksums;
import io.gravitee.release.gio.transfer.Parallel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * Compares the source tree with the bucket and decides what to write. Content is compared by size, then by
 * the ETag when it is a plain MD5 equal to the file's, and only otherwise (multipart objects, encrypted buckets, an
 * ETag that differs where the bucket's ETags are not known to be MD5s) by the SHA-256 gio stored in the object's
 * metadata, which costs one request per object, made in parallel. Checksum files of unchanged files are checked by
 * presence and size.
 */
public final class SyncPlanner {

    /** Reads the SHA-256 gio recorded on an object (one HEAD request). */
    @FunctionalInterface
    public interface ContentProbe {
        Optional<String> sha256(String key) throws Exception;
    }

    private final BucketLayout layout;
    private final ContentProbe probe;
    private final int probes;

    /** @param probes probes (and the digests they are compared with) in flight at once */
    public SyncPlanner(BucketLayout layout, ContentProbe probe, int probes) {
        this.layout = layout;
        this.probe = probe;
        this.probes = Math.max(1, probes);
    }

    /**
     * @param local the source files
     * @param remote every object under the prefix
     */
    public SyncPlan plan(List<LocalFile> local, List<RemoteObject> remote, Channel channel) throws Exception {
        // A hash map, not a sorted one: thousands of keys on a cold JVM; only the deletes need an order.
        Map<String, RemoteObject> remoteByPath = new HashMap<>(remote.size() * 2);
        Set<String> directoriesBefore = new HashSet<>();
        for (RemoteObject object : remote) {
            Optional<String> relative = layout.relative(object.key());
            if (relative.isPresent()) {
                remoteByPath.put(relative.get(), object);
                directoriesBefore.addAll(BucketLayout.directoriesOf(relative.get()));
            }
        }
        Set<String> sameByProbe = probeAll(local, remoteByPath, channel);
        List<SyncPlan.Write> writes = new ArrayList<>();
        List<SyncPlan.Conflict> conflicts = new ArrayList<>();
        Set<String> expected = new HashSet<>();
        int unchanged = 0;
        for (LocalFile file : local) {
            String path = file.relativePath();
            expected.add(path);
            RemoteObject existing = remoteByPath.get(path);
            boolean upload = existing == null || !sameContent(existing, file, sameByProbe);
            boolean replaces = existing != null && upload;
            if (replaces && channel == Channel.RELEASE) {
                conflicts.add(new SyncPlan.Conflict(path, file.size(), existing.size()));
                continue;
            }
            List<Sidecar> sidecars = new ArrayList<>();
            for (Sidecar kind : Sidecar.values()) {
                String sidecarPath = path + kind.suffix();
                expected.add(sidecarPath);
                RemoteObject current = remoteByPath.get(sidecarPath);
                // An unchanged file's checksum files are checked by presence and size: checking their content would
                // need the SHA-1 and SHA-512 of every file on every run. gio writes them right after the file.
                if (upload || current == null || current.size() != sidecarSize(kind, path)) {
                    sidecars.add(kind);
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
            Collections.sort(deletes);
        }
        return new SyncPlan(channel, writes, deletes, conflicts, unchanged, directoriesBefore);
    }

    /** The three checksum files of a file, each {@code <hex>  <file name>} as coreutils writes them. */
    public static List<SyncPlan.Generated> sidecars(LocalFile file) {
        return List.of(sidecar(file, Sidecar.SHA1), sidecar(file, Sidecar.MD5), sidecar(file, Sidecar.SHA512));
    }

    /** The checksum file of this kind for {@code file}, reading the file's digests if not read yet. */
    public static SyncPlan.Generated sidecar(LocalFile file, Sidecar kind) {
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

    private static boolean sameContent(RemoteObject remote, LocalFile local, Set<String> sameByProbe) {
        if (remote.size() != local.size()) {
            return false;
        }
        return sameByMd5(remote, local) || sameByProbe.contains(local.relativePath());
    }

    /**
     * The files {@link #plan} compares by MD5: those with an object of the same size whose ETag is an MD5. Known before
     * planning, so that only these files are read for their MD5.
     */
    public static Predicate<LocalFile> comparedByMd5(List<RemoteObject> remote, BucketLayout layout) {
        Map<String, RemoteObject> byKey = new HashMap<>();
        remote.forEach(object -> byKey.put(object.key(), object));
        return file -> {
            RemoteObject object = byKey.get(layout.key(file.relativePath()));
            return object != null && object.size() == file.size() && object.etagIsMd5();
        };
    }

    private static boolean sameByMd5(RemoteObject remote, LocalFile local) {
        return remote.etagIsMd5() && remote.etag().equalsIgnoreCase(local.md5());
    }

    /**
     * The files whose content the SHA-256 gio stored on the object confirms, among those of the same size the ETag
     * does not settle: a multipart ETag is no MD5, and an ETag that looks like one may not be (SSE-KMS encrypted
     * buckets), so a mismatch alone is not trusted, with one exception: in the nightly channel, once this listing has
     * shown plain ETags equal to their files' MD5s, the bucket's plain ETags are MD5s and a different one is a change
     * (at worst, a file is uploaded again). The release channel confirms every mismatch, which would be a conflict.
     * Probes and digests run in parallel: one round trip, not one each.
     */
    private Set<String> probeAll(List<LocalFile> local, Map<String, RemoteObject> remoteByPath, Channel channel)
            throws Exception {
        boolean mismatchIsChange = channel == Channel.NIGHTLY && local.stream().anyMatch(file -> {
            RemoteObject remote = remoteByPath.get(file.relativePath());
            return remote != null && remote.size() == file.size() && file.md5Known() && sameByMd5(remote, file);
        });
        List<Callable<String>> checks = new ArrayList<>();
        for (LocalFile file : local) {
            RemoteObject remote = remoteByPath.get(file.relativePath());
            if (remote != null && remote.size() == file.size() && !sameByMd5(remote, file)
                    && !(mismatchIsChange && remote.etagIsMd5())) {
                checks.add(() -> probe.sha256(remote.key()).filter(file.checksums().sha256()::equalsIgnoreCase)
                        .map(same -> file.relativePath()).orElse(null));
            }
        }
        Parallel.Results<String> results = Parallel.run(checks, probes, true);
        if (!results.failures().isEmpty()) {
            Throwable failure = results.failures().get(0);
            throw failure instanceof Exception e ? e : new IllegalStateException(failure);
        }
        Set<String> same = new HashSet<>();
        results.values().stream().filter(Objects::nonNull).forEach(same::add);
        return same;
    }
}

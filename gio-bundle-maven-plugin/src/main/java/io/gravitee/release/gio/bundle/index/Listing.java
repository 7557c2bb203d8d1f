package io.gravitee.release.gio.bundle.index;

import io.gravitee.release.gio.bundle.BucketLayout;
import io.gravitee.release.gio.bundle.BucketLayout.Sidecar;
import io.gravitee.release.gio.bundle.s3.S3Store.RemoteObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The bucket's content under a prefix seen as directories of entries, as index pages show it: checksum files
 * are attached to the file they describe, index pages themselves are not entries.
 */
public final class Listing {

    /** One line of an index page. */
    public sealed interface Entry {
        String name();

        record Directory(String name) implements Entry {}

        record File(String name, long size, Instant lastModified, Set<Sidecar> sidecars) implements Entry {
            public File {
                sidecars = sidecars.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(sidecars));
            }
        }
    }

    private final Map<String, List<Entry>> entries;
    private final Map<String, RemoteObject> indexes;

    private Listing(Map<String, List<Entry>> entries, Map<String, RemoteObject> indexes) {
        this.entries = entries;
        this.indexes = indexes;
    }

    /** Builds the directories from the objects under {@code layout}'s prefix; other keys are ignored. */
    public static Listing of(BucketLayout layout, List<RemoteObject> objects) {
        Map<String, RemoteObject> byPath = new TreeMap<>();
        Map<String, RemoteObject> indexes = new HashMap<>();
        for (RemoteObject object : objects) {
            layout.relative(object.key()).ifPresent(path -> {
                if (BucketLayout.isIndex(path)) {
                    indexes.put(BucketLayout.directoryOf(path), object);
                } else {
                    byPath.put(path, object);
                }
            });
        }
        Map<String, Set<String>> subdirectories = new TreeMap<>();
        Map<String, List<Entry>> entries = new TreeMap<>();
        for (Map.Entry<String, RemoteObject> item : byPath.entrySet()) {
            String path = item.getKey();
            Optional<String> target = BucketLayout.sidecarTarget(path);
            if (target.isPresent() && byPath.containsKey(target.get())) {
                continue;
            }
            EnumSet<Sidecar> sidecars = EnumSet.noneOf(Sidecar.class);
            for (Sidecar sidecar : Sidecar.values()) {
                if (byPath.containsKey(path + sidecar.suffix())) {
                    sidecars.add(sidecar);
                }
            }
            RemoteObject object = item.getValue();
            String directory = BucketLayout.directoryOf(path);
            entries.computeIfAbsent(directory, d -> new ArrayList<>())
                    .add(new Entry.File(BucketLayout.nameOf(path), object.size(), object.lastModified(), sidecars));
            for (String d = directory; !d.isEmpty(); d = BucketLayout.directoryOf(d)) {
                String parent = BucketLayout.directoryOf(d);
                subdirectories.computeIfAbsent(parent, p -> new TreeSet<>()).add(BucketLayout.nameOf(d));
                entries.computeIfAbsent(d, x -> new ArrayList<>());
            }
        }
        subdirectories.forEach((parent, names) -> {
            List<Entry> list = entries.computeIfAbsent(parent, p -> new ArrayList<>());
            names.forEach(name -> list.add(new Entry.Directory(name)));
        });
        return new Listing(entries, indexes);
    }

    /** Directories that hold at least one file, at any depth. */
    public Set<String> directories() {
        return Collections.unmodifiableSet(entries.keySet());
    }

    /** Directories that currently have an index page. */
    public Set<String> indexedDirectories() {
        return Collections.unmodifiableSet(indexes.keySet());
    }

    /** What the page of {@code directory} lists, in its order ({@link #compare}); sorted when asked for. */
    public List<Entry> entries(String directory) {
        List<Entry> sorted = new ArrayList<>(entries.getOrDefault(directory, List.of()));
        sorted.sort(Listing::compare);
        return List.copyOf(sorted);
    }

    public Optional<RemoteObject> index(String directory) {
        return Optional.ofNullable(indexes.get(directory));
    }

    /** Directories first, then files; names compared with digit runs as numbers, so 3.10.0 comes after 3.9.0. */
    static int compare(Entry a, Entry b) {
        boolean aDir = a instanceof Entry.Directory;
        boolean bDir = b instanceof Entry.Directory;
        if (aDir != bDir) {
            return aDir ? -1 : 1;
        }
        return naturalCompare(a.name(), b.name());
    }

    /** Compares names with digit runs as numbers. */
    public static int naturalCompare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                // Leading zeros aside (one digit stays), the longer run is the larger number, else the first digit
                // that differs tells. No regular expression: a page of a thousand names makes ~10,000 comparisons.
                while (si < i - 1 && a.charAt(si) == '0') {
                    si++;
                }
                while (sj < j - 1 && b.charAt(sj) == '0') {
                    sj++;
                }
                int byLength = Integer.compare(i - si, j - sj);
                if (byLength != 0) {
                    return byLength;
                }
                for (; si < i; si++, sj++) {
                    if (a.charAt(si) != b.charAt(sj)) {
                        return Character.compare(a.charAt(si), b.charAt(sj));
                    }
                }
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}

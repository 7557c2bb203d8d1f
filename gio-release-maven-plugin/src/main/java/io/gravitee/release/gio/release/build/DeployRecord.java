package io.gravitee.release.gio.release.build;

import io.gravitee.release.gio.transfer.Checksums;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The files of a component's deploy, each with the SHA-1 of its bytes: what one build deployed, or the union of what
 * several attempts meant to deploy (a path may then carry several SHA-1s, one per build). Written in the ledger
 * before the first upload, it is how a resumed release tells the files a dead attempt left in the deploy repository
 * (its own, to replace) from anyone else's (never touched). Repository metadata ({@code maven-metadata*.xml}) is not
 * part of it: it lists other versions too.
 *
 * @param files path (relative to the repository root) → the SHA-1s recorded for it
 */
public record DeployRecord(Map<String, Set<String>> files) {

    public DeployRecord {
        Map<String, Set<String>> copy = new TreeMap<>();
        files.forEach((path, sums) -> copy.put(path, Collections.unmodifiableSet(new TreeSet<>(sums))));
        files = Collections.unmodifiableMap(copy);
    }

    public static DeployRecord empty() {
        return new DeployRecord(Map.of());
    }

    /** Every file a build deployed into the local directory {@code root}, metadata excepted. */
    public static DeployRecord of(Path root) throws IOException {
        Map<String, Set<String>> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String path = root.relativize(file).toString().replace('\\', '/');
                if (!isMetadata(path)) {
                    files.put(path, Set.of(Checksums.of(file).sha1()));
                }
            }
        }
        return new DeployRecord(files);
    }

    static boolean isMetadata(String path) {
        return path.substring(path.lastIndexOf('/') + 1).startsWith("maven-metadata");
    }

    /** Whether some attempt recorded {@code path} with these bytes. */
    public boolean recorded(String path, String sha1) {
        return files.getOrDefault(path, Set.of()).contains(sha1);
    }

    public boolean isEmpty() {
        return files.isEmpty();
    }

    /** This record and {@code other}'s files together. */
    public DeployRecord union(DeployRecord other) {
        Map<String, Set<String>> merged = new TreeMap<>();
        for (DeployRecord record : List.of(this, other)) {
            record.files.forEach((path, sums) -> merged.computeIfAbsent(path, p -> new TreeSet<>()).addAll(sums));
        }
        return new DeployRecord(merged);
    }

    /** One {@code sha1  path} line per file and SHA-1, sorted: the form the ledger keeps. */
    public String toText() {
        StringBuilder out = new StringBuilder();
        files.forEach((path, sums) -> sums.forEach(sha1 -> out.append(sha1).append("  ").append(path).append('\n')));
        return out.toString();
    }

    public static DeployRecord parse(String text) {
        Map<String, Set<String>> files = new TreeMap<>();
        if (text != null) {
            for (String line : text.split("\n")) {
                int gap = line.indexOf("  ");
                if (gap == 40) {
                    files.computeIfAbsent(line.substring(gap + 2), p -> new TreeSet<>()).add(line.substring(0, gap));
                } else if (!line.isBlank()) {
                    throw new IllegalArgumentException("not a deploy record line (sha1  path): " + line);
                }
            }
        }
        return new DeployRecord(files);
    }
}

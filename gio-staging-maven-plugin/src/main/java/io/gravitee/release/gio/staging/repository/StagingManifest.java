package io.gravitee.release.gio.staging.repository;

import io.gravitee.release.gio.staging.StagingException;
import io.gravitee.release.gio.staging.backend.StagedFile;
import io.gravitee.release.gio.staging.backend.StagingTarget;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The list of files a two-phase staging publishes, stored in the staging repository beside the root module's
 * files ({@code <artifactId>-<version>-gio-staging.txt}, a valid Maven path) before anything else is uploaded.
 * It makes a staged copy self-describing: a later run, with or without the local ledger, can verify, finish or
 * delete it from the server alone. It is never copied to the release repository.
 *
 * @param target  the component
 * @param entries every file to publish with its size and SHA-1
 */
record StagingManifest(StagingTarget target, List<Entry> entries) {
    static final String CLASSIFIER = "gio-staging";

    /** One file: repository path, size, SHA-1. */
    record Entry(String path, long size, String sha1) {
        boolean isChecksum() {
            return path.endsWith(".sha1") || path.endsWith(".md5") || path.endsWith(".sha256") || path.endsWith(".sha512");
        }

        /** {@code io/gravitee/x/1.0.0}. */
        String directory() {
            return path.substring(0, Math.max(0, path.lastIndexOf('/')));
        }
    }

    StagingManifest {
        entries = List.copyOf(entries);
    }

    static StagingManifest of(StagingTarget target, List<StagedFile> files) {
        return new StagingManifest(target, files.stream().map(f -> new Entry(f.path(), f.size(), f.sha1())).toList());
    }

    /** Where the manifest of {@code target} lives in the staging repository. */
    static String path(StagingTarget target) {
        return target.groupId().replace('.', '/') + "/" + target.artifactId() + "/" + target.version() + "/"
                + target.artifactId() + "-" + target.version() + "-" + CLASSIFIER + ".txt";
    }

    String path() {
        return path(target);
    }

    /** Artifacts first, then their checksum files, so that a server generating checksums has them already. */
    List<Entry> artifactsThenChecksums() {
        List<Entry> out = new ArrayList<>(entries.stream().filter(e -> !e.isChecksum()).toList());
        out.addAll(entries.stream().filter(Entry::isChecksum).toList());
        return out;
    }

    /** The Maven component directories, the root's (holding the manifest) last. */
    List<String> directoriesRootLast() {
        String root = path().substring(0, path().lastIndexOf('/'));
        Set<String> dirs = new LinkedHashSet<>();
        entries.forEach(e -> dirs.add(e.directory()));
        dirs.remove(root);
        List<String> out = new ArrayList<>(dirs);
        out.add(root);
        return out;
    }

    String text() {
        StringBuilder out = new StringBuilder("# gio two-phase staging of ").append(target.marker()).append('\n');
        entries.forEach(e -> out.append(e.sha1()).append(' ').append(e.size()).append(' ').append(e.path()).append('\n'));
        return out.toString();
    }

    static StagingManifest parse(StagingTarget target, String text) {
        List<Entry> entries = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.strip().split(" ", 3);
            if (parts.length != 3) {
                throw new StagingException("The staging manifest " + path(target) + " is damaged at line '" + line
                        + "': delete the staged copy of " + target.marker() + " and re-run");
            }
            entries.add(new Entry(parts[2], Long.parseLong(parts[1]), parts[0]));
        }
        return new StagingManifest(target, entries);
    }
}

package io.gravitee.release.gio.release.build;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Moves a build's deploy from the local directory it was deployed into to the deploy repository, under the
 * journal's record of intent, so that no crash leaves anything for a person to clean.
 *
 * <p>Why a local directory first: a build killed while Maven's deploy plugin uploads leaves part of a version in a
 * release repository, which refuses to replace a file, and the rebuild of a build that is not reproducible (no
 * {@code project.build.outputTimestamp}: no real Gravitee component sets it) has other bytes. Deploying locally first
 * lets gio record every path and SHA-1 before the first upload; a resumed run then knows which files in the
 * repository are a dead attempt's (recorded: replaced, the version was never tagged so nothing depends on them),
 * which are the same as the rebuild's (kept: reproducible builds need nothing more), and which are someone else's
 * (not recorded: the release stops before writing anything). The plan is made and checked whole before the first
 * write; this runs only while the component's tag does not exist.
 *
 * <p>Files go up in the deploy plugin's order of importance: artifacts and their checksums first, POMs next,
 * {@code maven-metadata.xml} last; metadata that is already there is left alone (replacing it could drop versions
 * other releases listed).
 */
public final class DeployUpload {
    /** What was done: files uploaded (replacements included), replaced, and kept as they were. */
    public record Result(List<String> uploaded, List<String> replaced, int kept) {
        public Result {
            uploaded = List.copyOf(uploaded);
            replaced = List.copyOf(replaced);
        }
    }

    /** The repository holds files of this version that no attempt of this release recorded. */
    public static final class ForeignFilesException extends IOException {
        private final List<String> paths;

        ForeignFilesException(List<String> paths) {
            super(String.join(", ", paths));
            this.paths = List.copyOf(paths);
        }

        public List<String> paths() {
            return paths;
        }
    }

    private DeployUpload() {}

    /**
     * Uploads the deploy in {@code local} to {@code target}; {@code journal} gets this build's files before the
     * first write.
     */
    public static Result run(Path local, DeployRepository target, DeployJournal journal) throws IOException {
        DeployRecord built = DeployRecord.of(local);
        DeployRecord earlier = journal.intended();
        List<String> upload = new ArrayList<>();
        List<String> replace = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        List<String> foreign = new ArrayList<>();
        int kept = 0;
        for (Map.Entry<String, Set<String>> file : built.files().entrySet()) {
            String path = file.getKey();
            if (!target.has(path)) {
                upload.add(path);
                continue;
            }
            String there = target.sha1(path);
            if (file.getValue().contains(there)) {
                kept++;
            } else if (earlier.recorded(path, there)) {
                replace.add(path);
            } else {
                foreign.add(path);
            }
        }
        for (String path : earlier.files().keySet()) {
            // A file an earlier build of this version deployed and this one does not produce: the deployed set is
            // this build's, no more.
            if (!built.files().containsKey(path) && target.has(path) && earlier.recorded(path, target.sha1(path))) {
                stale.add(path);
            }
        }
        if (!foreign.isEmpty()) {
            throw new ForeignFilesException(foreign);
        }
        List<String> metadata = metadata(local).stream().filter(path -> !hasQuietly(target, path)).toList();
        if (upload.isEmpty() && replace.isEmpty() && stale.isEmpty() && metadata.isEmpty()) {
            journal.deployed(built);
            return new Result(List.of(), List.of(), kept);
        }
        journal.intend(earlier.union(built));
        for (String path : concat(replace, stale)) {
            target.delete(path);
        }
        List<String> uploaded = new ArrayList<>(concat(upload, replace));
        uploaded.sort(Comparator.comparingInt(DeployUpload::rank).thenComparing(Comparator.naturalOrder()));
        for (String path : uploaded) {
            target.upload(path, local.resolve(path));
        }
        for (String path : metadata) {
            target.upload(path, local.resolve(path));
        }
        uploaded.addAll(metadata);
        journal.deployed(built);
        return new Result(uploaded, concat(replace, stale), kept);
    }

    private static List<String> metadata(Path local) throws IOException {
        try (var walk = java.nio.file.Files.walk(local)) {
            return walk.filter(java.nio.file.Files::isRegularFile)
                    .map(f -> local.relativize(f).toString().replace('\\', '/'))
                    .filter(DeployRecord::isMetadata).sorted().toList();
        }
    }

    private static boolean hasQuietly(DeployRepository target, String path) {
        try {
            return target.has(path);
        } catch (IOException e) {
            return false; // the upload that follows reports the repository's answer
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static int rank(String path) {
        return path.substring(path.lastIndexOf('/') + 1).contains(".pom") ? 1 : 0;
    }
}

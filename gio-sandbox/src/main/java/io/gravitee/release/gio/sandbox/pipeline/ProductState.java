package io.gravitee.release.gio.sandbox.pipeline;

import io.gravitee.release.gio.sandbox.nexus2.RepositorySnapshot;
import io.gravitee.release.gio.sandbox.nexus2.RepositoryState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * What a release pipeline leaves behind, in a form two runs can be compared in. Two honest runs differ in commit ids,
 * dates and the ids the staging server hands out, and the ledger records those; so each ref is described by a digest
 * of the files it points at and its commit's subject, both with commit ids, ISO timestamps, staging repository ids and
 * the ledger's attempt counts replaced by placeholders (a run killed while a component deployed starts that
 * component's attempt again, and its ledger counts it: that is history, not state).
 *
 * @param refs          {@code <remote>:<ref>} → {@code <content digest> <commit subject>}, for every ref of every remote
 * @param privateFiles  every file path in the private repository
 * @param releasedFiles the files of every staging repository released on Nexus 2, sorted, repeats kept (a file
 *                      released twice appears twice)
 * @param bucketKeys    every object key in the bucket
 */
public record ProductState(Map<String, String> refs, List<String> privateFiles, List<String> releasedFiles,
                           List<String> bucketKeys) {

    // Commit ids, and the SHA-1s of deployed files in the ledger's deploy records (one "sha1  path" line after another,
    // so a JSON "\\n" stands right before them: no word boundary there). Signatures differ at every signing.
    private static final Pattern COMMIT_ID = Pattern.compile("(?<![0-9a-f])[0-9a-f]{40}(?![0-9a-f])");
    private static final Pattern ATTEMPTS = Pattern.compile("\"attempts\"\\s*:\\s*\\d+");
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?(Z|[+-]\\d\\d:?\\d\\d)");

    static ProductState capture(Path gitDir, List<String> privateFiles, List<RepositorySnapshot> staging, Path bucket)
            throws IOException {
        Map<String, String> refs = new TreeMap<>();
        List<String> stagingIds = staging.stream().map(RepositorySnapshot::id).toList();
        try (Stream<Path> remotes = Files.list(gitDir)) {
            for (Path remote : remotes.filter(p -> p.getFileName().toString().endsWith(".git")).sorted().toList()) {
                describeRefs(remote, stagingIds, refs);
            }
        }
        List<String> released = new ArrayList<>();
        staging.stream().filter(r -> r.state() == RepositoryState.RELEASED).forEach(r -> released.addAll(r.files()));
        released.sort(null);
        List<String> keys = new ArrayList<>();
        if (Files.isDirectory(bucket)) {
            try (Stream<Path> files = Files.walk(bucket)) {
                files.filter(Files::isRegularFile)
                        .map(f -> bucket.relativize(f).toString().replace('\\', '/'))
                        .sorted()
                        .forEach(keys::add);
            }
        }
        return new ProductState(refs, List.copyOf(privateFiles), released, keys);
    }

    private static void describeRefs(Path remote, List<String> stagingIds, Map<String, String> into)
            throws IOException {
        String name = remote.getFileName().toString().replaceFirst("\\.git$", "");
        try (Git git = Git.open(remote.toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            Repository repository = git.getRepository();
            for (Ref ref : repository.getRefDatabase().getRefs()) {
                ObjectId target = Objects.requireNonNullElse(repository.getRefDatabase().peel(ref).getPeeledObjectId(),
                        ref.getObjectId());
                RevCommit commit = walk.parseCommit(target);
                into.put(name + ":" + ref.getName(), contentDigest(repository, commit, stagingIds) + " "
                        + normalise(commit.getShortMessage(), stagingIds));
            }
        }
    }

    private static String contentDigest(Repository repository, RevCommit commit, List<String> stagingIds)
            throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (TreeWalk files = new TreeWalk(repository)) {
            files.addTree(commit.getTree());
            files.setRecursive(true);
            while (files.next()) {
                String text = new String(repository.open(files.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
                digest.update((files.getPathString() + "\0" + normalise(text, stagingIds) + "\0")
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    }

    static String normalise(String text, List<String> stagingIds) {
        String out = COMMIT_ID.matcher(text).replaceAll("<commit>");
        out = TIMESTAMP.matcher(out).replaceAll("<time>");
        out = ATTEMPTS.matcher(out).replaceAll("\"attempts\" : <attempts>");
        for (String id : stagingIds) {
            out = out.replace(id, "<staging-repository>");
        }
        return out;
    }

    /** Human-readable differences from {@code expected}, empty when this state equals it. */
    public List<String> differences(ProductState expected) {
        List<String> out = new ArrayList<>();
        Set<String> names = new TreeSet<>(refs.keySet());
        names.addAll(expected.refs.keySet());
        for (String ref : names) {
            String mine = refs.get(ref);
            String theirs = expected.refs.get(ref);
            if (!Objects.equals(mine, theirs)) {
                out.add("ref " + ref + ": expected " + theirs + ", found " + mine);
            }
        }
        compare(out, "private repository", expected.privateFiles, privateFiles);
        compare(out, "released on Nexus 2", expected.releasedFiles, releasedFiles);
        compare(out, "bucket", expected.bucketKeys, bucketKeys);
        return out;
    }

    private static void compare(List<String> out, String where, List<String> expected, List<String> found) {
        List<String> missing = new ArrayList<>(expected);
        found.forEach(missing::remove);
        List<String> extra = new ArrayList<>(found);
        expected.forEach(extra::remove);
        missing.forEach(m -> out.add(where + ": missing " + m));
        extra.forEach(e -> out.add(where + ": unexpected " + e));
    }

    /** One line per kind of peer: how much the pipeline left there. */
    public String summary() {
        return refs.size() + " refs, " + privateFiles.size() + " private repository files, " + releasedFiles.size()
                + " files released on Nexus 2, " + bucketKeys.size() + " bucket objects";
    }
}

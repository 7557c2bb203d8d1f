package io.gravitee.release.gio.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Tells a release checkout that only looks edited because a run was killed inside a ledger update. An update
 * moves the branch to its new commit, pushes it, then moves the work tree and the index; killed in between, the
 * checkout shows the commit's changes as undone. That is not a person's edit when every changed file, in the index
 * and in the work tree, is as the remote head has it (killed before the push's answer) or, with the branch already on
 * the remote head, as that head or its parent has it (killed after the push, before or while the work tree and the
 * index moved: each file, and the index apart from the work tree, may be on either side): the next
 * {@link Ledger#open} puts the work tree back on the remote head. Untracked files (a run's output) do not count.
 */
public final class InterruptedWrite {
    private InterruptedWrite() {}

    /** True when {@code git}'s checkout has uncommitted changes an interrupted ledger update does not explain. */
    public static boolean leavesEdits(Git git) throws IOException, GitAPIException {
        Status status = git.status().call();
        return status.hasUncommittedChanges() && !explains(git, status);
    }

    /** True when the uncommitted changes of {@code git}'s checkout are those of an interrupted ledger update. */
    public static boolean explains(Git git) throws IOException, GitAPIException {
        return explains(git, git.status().call());
    }

    private static boolean explains(Git git, Status status) throws IOException {
        Repository repository = git.getRepository();
        ObjectId remote = repository.resolve("refs/remotes/origin/" + repository.getBranch());
        if (remote == null) {
            return false;
        }
        Set<String> changed = new HashSet<>();
        for (Set<String> paths : Arrays.asList(status.getAdded(), status.getChanged(), status.getRemoved(),
                status.getMissing(), status.getModified(), status.getConflicting())) {
            changed.addAll(paths);
        }
        try (RevWalk walk = new RevWalk(repository)) {
            List<RevCommit> sides = new ArrayList<>(List.of(walk.parseCommit(remote)));
            ObjectId head = repository.resolve(Constants.HEAD);
            if (remote.equals(head) && sides.get(0).getParentCount() > 0) {
                sides.add(walk.parseCommit(sides.get(0).getParent(0)));
            }
            return allAsInOneOf(repository, changed, sides);
        }
    }

    /**
     * Removes the checkout's index lock when it was last written before {@code before}: git holds it for the
     * milliseconds it takes to write the index, so an older one was left by a run killed while a ledger update moved
     * the index, and would refuse every later reset of the checkout ("Cannot lock index").
     *
     * @return the file removed, if any
     */
    public static Optional<Path> removeIndexLockOlderThan(Repository repository, Instant before) throws IOException {
        Path lock = repository.getIndexFile().toPath().resolveSibling(repository.getIndexFile().getName() + ".lock");
        try {
            if (Files.getLastModifiedTime(lock).toInstant().isBefore(before) && Files.deleteIfExists(lock)) {
                return Optional.of(lock);
            }
        } catch (NoSuchFileException e) {
            // No lock: the usual case.
        }
        return Optional.empty();
    }

    /** Each of {@code paths}, in the index and in the work tree, is exactly as one of {@code commits} has it. */
    private static boolean allAsInOneOf(Repository repository, Set<String> paths, List<RevCommit> commits)
            throws IOException {
        DirCache index = repository.readDirCache();
        for (String path : paths) {
            DirCacheEntry entry = index.getEntry(path);
            ObjectId staged = entry == null ? null : entry.getObjectId();
            Path file = repository.getWorkTree().toPath().resolve(path);
            byte[] bytes = Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
            boolean indexExplained = false;
            boolean fileExplained = false;
            for (RevCommit commit : commits) {
                ObjectId blob;
                try (TreeWalk tree = TreeWalk.forPath(repository, path, commit.getTree())) {
                    blob = tree == null ? null : tree.getObjectId(0);
                }
                indexExplained |= blob == null ? staged == null : blob.equals(staged);
                fileExplained |= blob == null ? !Files.exists(file)
                        : bytes != null && Arrays.equals(bytes, repository.open(blob).getBytes());
            }
            if (!indexExplained || !fileExplained) {
                return false;
            }
        }
        return true;
    }
}

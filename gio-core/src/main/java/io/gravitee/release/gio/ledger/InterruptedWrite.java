package io.gravitee.release.gio.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
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
 * moves the branch to its new commit, pushes it, then moves the index and the work tree; killed in between, the
 * checkout shows the commit's changes as undone. That is not a person's edit when every changed file (index and
 * work tree) is as the remote head has it (killed before the push's answer) or, with the branch already on the
 * remote head, as that head's parent has it (killed after the push, before or while the work tree moved): the next
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
            if (allAsIn(repository, changed, walk.parseCommit(remote))) {
                return true;
            }
            ObjectId head = repository.resolve(Constants.HEAD);
            if (!remote.equals(head)) {
                return false;
            }
            RevCommit commit = walk.parseCommit(head);
            return commit.getParentCount() > 0 && allAsIn(repository, changed, walk.parseCommit(commit.getParent(0)));
        }
    }

    /** Each of {@code paths} is, in the index and in the work tree, exactly as {@code commit} has it. */
    private static boolean allAsIn(Repository repository, Set<String> paths, RevCommit commit) throws IOException {
        DirCache index = repository.readDirCache();
        for (String path : paths) {
            ObjectId blob;
            try (TreeWalk tree = TreeWalk.forPath(repository, path, commit.getTree())) {
                blob = tree == null ? null : tree.getObjectId(0);
            }
            DirCacheEntry entry = index.getEntry(path);
            Path file = repository.getWorkTree().toPath().resolve(path);
            if (blob == null) {
                if (entry != null || Files.exists(file)) {
                    return false;
                }
            } else if (entry == null || !blob.equals(entry.getObjectId()) || !Files.isRegularFile(file)
                    || !Arrays.equals(Files.readAllBytes(file), repository.open(blob).getBytes())) {
                return false;
            }
        }
        return true;
    }
}

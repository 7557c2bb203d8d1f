package io.gravitee.release.gio.ledger;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * Tells a release checkout that only looks edited because a run was killed inside a ledger update. An update
 * moves the branch to its new commit, pushes it, then moves the index and the work tree; killed in between, the
 * checkout shows the commit's changes as undone. That is not a person's edit when the work tree is exactly the
 * remote head (killed before the push's answer) or, with the branch already on the remote head, when every file
 * that differs from it is as its parent has it (killed after the push, before or while the work tree moved): the
 * next {@link Ledger#open} puts the work tree back on the remote head.
 */
public final class InterruptedWrite {
    private InterruptedWrite() {}

    /** True when the uncommitted changes of {@code git}'s checkout are those of an interrupted ledger update. */
    public static boolean explains(Git git) throws IOException, GitAPIException {
        Repository repository = git.getRepository();
        ObjectId remote = repository.resolve("refs/remotes/origin/" + repository.getBranch());
        if (remote == null) {
            return false;
        }
        if (changed(git, remote).isEmpty()) {
            return true;
        }
        ObjectId head = repository.resolve(Constants.HEAD);
        if (!remote.equals(head)) {
            return false;
        }
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit commit = walk.parseCommit(head);
            if (commit.getParentCount() == 0) {
                return false;
            }
            // Every file that differs from the head is as the parent has it: the work tree was (being) moved back.
            Set<String> fromParent = changed(git, commit.getParent(0));
            return changed(git, head).stream().noneMatch(fromParent::contains);
        }
    }

    /** The tracked paths whose work tree content differs from {@code commit}'s (untracked files do not count). */
    private static Set<String> changed(Git git, ObjectId commit) throws IOException, GitAPIException {
        Repository repository = git.getRepository();
        Set<String> paths = new HashSet<>();
        try (ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            CanonicalTreeParser tree = new CanonicalTreeParser();
            tree.reset(reader, walk.parseCommit(commit).getTree());
            DirCache index = repository.readDirCache();
            for (DiffEntry entry : git.diff().setOldTree(tree).setShowNameAndStatusOnly(true).call()) {
                if (entry.getChangeType() != DiffEntry.ChangeType.ADD || index.findEntry(entry.getNewPath()) >= 0) {
                    paths.add(entry.getChangeType() == DiffEntry.ChangeType.DELETE ? entry.getOldPath() : entry.getNewPath());
                }
            }
        }
        return paths;
    }
}

package io.gravitee.release.gio.ledger;

import java.io.IOException;
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
 * remote head (killed before the push's answer) or, with the branch already on the remote head, exactly that
 * head's parent (killed after the push): the next {@link Ledger#open} puts the work tree back on the remote head.
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
        if (workTreeIs(git, remote)) {
            return true;
        }
        ObjectId head = repository.resolve(Constants.HEAD);
        if (!remote.equals(head)) {
            return false;
        }
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit commit = walk.parseCommit(head);
            return commit.getParentCount() > 0 && workTreeIs(git, commit.getParent(0));
        }
    }

    /** The tracked files of the work tree are those of {@code commit} (untracked files do not count). */
    private static boolean workTreeIs(Git git, ObjectId commit) throws IOException, GitAPIException {
        Repository repository = git.getRepository();
        try (ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            CanonicalTreeParser tree = new CanonicalTreeParser();
            tree.reset(reader, walk.parseCommit(commit).getTree());
            DirCache index = repository.readDirCache();
            for (DiffEntry entry : git.diff().setOldTree(tree).setShowNameAndStatusOnly(true).call()) {
                if (entry.getChangeType() != DiffEntry.ChangeType.ADD || index.findEntry(entry.getNewPath()) >= 0) {
                    return false;
                }
            }
            return true;
        }
    }
}

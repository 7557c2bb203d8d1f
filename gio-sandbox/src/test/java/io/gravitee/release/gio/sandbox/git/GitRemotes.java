package io.gravitee.release.gio.sandbox.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/** Reads bare remotes directly, the way a test checks what a peer or generator left on disk. */
public final class GitRemotes {
    private GitRemotes() {}

    /** Content of {@code path} at the tip of {@code branch}, or null when branch or file is missing. */
    public static byte[] read(Path bare, String branch, String path) throws IOException {
        try (Repository repo = new FileRepositoryBuilder().setGitDir(bare.toFile()).setMustExist(true).build();
                RevWalk walk = new RevWalk(repo)) {
            ObjectId tip = repo.resolve("refs/heads/" + branch);
            if (tip == null) {
                return null;
            }
            RevCommit commit = walk.parseCommit(tip);
            try (TreeWalk tree = TreeWalk.forPath(repo, path, commit.getTree())) {
                return tree == null ? null : repo.open(tree.getObjectId(0)).getBytes();
            }
        }
    }

    public static String readString(Path bare, String branch, String path) throws IOException {
        byte[] bytes = read(bare, branch, path);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** The branch HEAD points to, e.g. {@code master}. */
    public static String head(Path bare) throws IOException {
        try (Repository repo = new FileRepositoryBuilder().setGitDir(bare.toFile()).setMustExist(true).build()) {
            return repo.getBranch();
        }
    }
}

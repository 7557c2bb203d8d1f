package io.gravitee.release.gio.staging.resolve;

import io.gravitee.release.gio.staging.StagingException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The component's files as of its release tag, read from git (never from the work tree, which may have
 * moved on to the next snapshot).
 */
public final class ReleaseTag implements AutoCloseable {

    /** The value of {@code -Dgio.staging.gitReleaseTag} meaning "the newest tag reachable from HEAD". */
    public static final String LAST_TAG = "LAST_GIT_TAG_ON_CURRENT_BRANCH";

    private final Git git;
    private final String name;
    private final RevCommit commit;

    private ReleaseTag(Git git, String name, RevCommit commit) {
        this.git = git;
        this.name = name;
        this.commit = commit;
    }

    /**
     * Opens the git repository of {@code dir} at {@code tag}, or at the newest tag reachable from HEAD when
     * {@code tag} is {@link #LAST_TAG} (or blank).
     */
    public static ReleaseTag open(Path dir, String tag) {
        Git git;
        try {
            git = Git.open(dir.toFile());
        } catch (IOException e) {
            throw new StagingException(dir + " is not a git checkout of the component (" + e.getMessage()
                    + "): run gio-staging in the component's repository checked out at its release tag");
        }
        try {
            Repository repository = git.getRepository();
            try (RevWalk walk = new RevWalk(repository)) {
                if (tag == null || tag.isBlank() || tag.equals(LAST_TAG)) {
                    return lastTag(git, walk);
                }
                Ref ref = repository.findRef("refs/tags/" + tag);
                if (ref == null) {
                    throw new StagingException("No tag '" + tag + "' in " + dir
                            + ": fetch the tags (git fetch --tags) or fix -Dgio.staging.gitReleaseTag");
                }
                return new ReleaseTag(git, tag, walk.parseCommit(ref.getObjectId()));
            }
        } catch (IOException e) {
            git.close();
            throw new StagingException("Cannot read the tags of " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            git.close();
            throw e;
        }
    }

    private static ReleaseTag lastTag(Git git, RevWalk walk) throws IOException {
        Repository repository = git.getRepository();
        Map<ObjectId, String> tagged = new HashMap<>();
        for (Ref ref : repository.getRefDatabase().getRefsByPrefix("refs/tags/")) {
            Ref peeled = repository.getRefDatabase().peel(ref);
            ObjectId target = peeled.getPeeledObjectId() != null ? peeled.getPeeledObjectId() : ref.getObjectId();
            tagged.merge(target, ref.getName().substring("refs/tags/".length()), (a, b) -> a.compareTo(b) > 0 ? a : b);
        }
        ObjectId head = repository.resolve("HEAD");
        if (head == null) {
            throw new StagingException(repository.getWorkTree() + " has no commit: nothing was released from it");
        }
        walk.markStart(walk.parseCommit(head));
        int seen = 0;
        for (RevCommit commit : walk) {
            String name = tagged.get(commit);
            if (name != null) {
                return new ReleaseTag(git, name, commit);
            }
            if (++seen > 100_000) {
                break;
            }
        }
        throw new StagingException("No tag is reachable from HEAD in " + repository.getWorkTree()
                + ": check out the component at its release tag or give -Dgio.staging.gitReleaseTag");
    }

    public String name() {
        return name;
    }

    public String commitId() {
        return commit.getName();
    }

    /** A file of the repository at the tag. */
    public Optional<byte[]> read(String path) {
        try (TreeWalk walk = TreeWalk.forPath(git.getRepository(), path, commit.getTree())) {
            if (walk == null) {
                return Optional.empty();
            }
            ObjectLoader loader = git.getRepository().open(walk.getObjectId(0));
            return Optional.of(loader.getBytes());
        } catch (IOException e) {
            throw new StagingException("Cannot read " + path + " at tag " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        git.close();
    }
}

package io.gravitee.release.gio.ledger;

import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/** A bare repository on disk standing for the ledger's remote. */
final class BareRemote {

    final Path dir;
    final String url;

    BareRemote(Path dir) throws Exception {
        this.dir = dir;
        Git.init().setBare(true).setDirectory(dir.toFile()).setInitialBranch("main").call().close();
        this.url = dir.toUri().toString();
    }

    LedgerLocation location(Lifecycle lifecycle) {
        return new LedgerLocation(url, "main", null, "release-ledger.json", lifecycle);
    }

    ObjectId ref(String name) throws Exception {
        try (Git git = Git.open(dir.toFile())) {
            Ref ref = git.getRepository().exactRef(name);
            return ref == null ? null : ref.getObjectId();
        }
    }

    /** Every commit message of the branch, newest first. */
    java.util.List<String> messages() throws Exception {
        java.util.List<String> messages = new java.util.ArrayList<>();
        try (Git git = Git.open(dir.toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            ObjectId head = git.getRepository().resolve("refs/heads/main");
            if (head == null) {
                return messages;
            }
            walk.markStart(walk.parseCommit(head));
            for (RevCommit commit : walk) {
                messages.add(commit.getFullMessage());
            }
        }
        return messages;
    }
}

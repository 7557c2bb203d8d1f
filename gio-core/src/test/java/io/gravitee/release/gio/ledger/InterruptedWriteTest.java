package io.gravitee.release.gio.ledger;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The states a release checkout is left in by a run killed inside a ledger update, against a person's edits. */
class InterruptedWriteTest {
    @TempDir
    Path tmp;

    private Git git;
    private RevCommit base;
    private final PersonIdent who = new PersonIdent("gio", "gio@localhost");

    @BeforeEach
    void checkout() throws Exception {
        BareRemote remote = new BareRemote(tmp.resolve("release.git"));
        git = Git.cloneRepository().setURI(remote.url).setDirectory(tmp.resolve("checkout").toFile()).call();
        write("release.json", "{\"version\": \"2.1.3\"}\n");
        write("ledger.json", "{}\n");
        base = commit("release 2.1.3");
        git.push().call();
        Files.createDirectories(tmp.resolve("checkout/target/gio"));
        write("target/gio/report.json", "untracked output of the run\n");
    }

    private void write(String path, String content) throws Exception {
        Files.createDirectories(tmp.resolve("checkout").resolve(path).getParent());
        Files.writeString(tmp.resolve("checkout").resolve(path), content);
    }

    private RevCommit commit(String message) throws Exception {
        git.add().addFilepattern("release.json").addFilepattern("ledger.json").call();
        return git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
    }

    /** The branch on a new ledger commit, the index and work tree still on {@code base}. */
    private void ledgerCommitWithTheWorkTreeLeftBehind(boolean pushed) throws Exception {
        write("ledger.json", "{\"comp-1\": \"PUBLISHED\"}\n");
        commit("ledger: comp-1 published");
        if (pushed) {
            git.push().call();
        }
        git.checkout().setStartPoint(base).addPath("ledger.json").call();
        assertTrue(git.status().call().hasUncommittedChanges());
    }

    @Test
    void aCleanCheckoutWithRunOutputIsNotAnInterruptedWrite() throws Exception {
        assertFalse(git.status().call().hasUncommittedChanges());
        assertTrue(InterruptedWrite.explains(git), "the work tree is the remote head's; untracked output does not count");
    }

    @Test
    void killedBeforeThePushWasAnswered() throws Exception {
        ledgerCommitWithTheWorkTreeLeftBehind(false);
        assertTrue(InterruptedWrite.explains(git));
    }

    @Test
    void killedAfterThePushBeforeTheWorkTreeMoved() throws Exception {
        ledgerCommitWithTheWorkTreeLeftBehind(true);
        assertTrue(InterruptedWrite.explains(git));
    }

    @Test
    void killedWhileTheWorkTreeWasMoving() throws Exception {
        write("release.json", "{\"version\": \"2.1.3\", \"released\": [\"comp-1\"]}\n");
        ledgerCommitWithTheWorkTreeLeftBehind(true);
        git.checkout().setStartPoint(base).addPath("release.json").call();
        // ledger.json back to the parent's, release.json too: now move one of them forward again, as a reset would.
        git.checkout().setStartPoint("HEAD").addPath("release.json").call();
        assertTrue(git.status().call().hasUncommittedChanges());
        assertTrue(InterruptedWrite.explains(git));
    }

    @Test
    void killedWhileTheIndexWasMovingBehindTheWorkTree() throws Exception {
        ledgerCommitWithTheWorkTreeLeftBehind(true);
        // The work tree moved on to the new head, the index did not: each is on one side, not the same one.
        write("ledger.json", "{\"comp-1\": \"PUBLISHED\"}\n");
        var status = git.status().call();
        assertFalse(status.getChanged().isEmpty(), "the index is still on the parent");
        assertFalse(status.getModified().isEmpty(), "the work tree is on the head");
        assertTrue(InterruptedWrite.explains(git));

        write("ledger.json", "{\"comp-1\": \"FAILED\"}\n");
        assertFalse(InterruptedWrite.explains(git), "a work tree on neither side is an edit");
    }

    @Test
    void aPersonsEditIsNeverTakenForOne() throws Exception {
        write("release.json", "{\"version\": \"2.1.4\"}\n");
        assertFalse(InterruptedWrite.explains(git), "an edit of a tracked file");
        write("release.json", "{\"version\": \"2.1.3\"}\n");

        ledgerCommitWithTheWorkTreeLeftBehind(true);
        write("release.json", "{\"version\": \"2.1.4\"}\n");
        assertFalse(InterruptedWrite.explains(git), "an interrupted write plus an edit");

        write("release.json", "{\"version\": \"2.1.3\"}\n");
        write("NOTES.md", "new\n");
        git.add().addFilepattern("NOTES.md").call();
        assertFalse(InterruptedWrite.explains(git), "a file added to the index");
    }
}

package io.gravitee.release.gio.git;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RemoteRefUpdate.Status;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitRepositoryTest {

    @TempDir
    Path tmp;

    private String url;
    private GitRepository clone;
    private RevCommit first;
    private RevCommit second;

    @BeforeEach
    void setUp() throws Exception {
        Path bare = tmp.resolve("remote.git");
        Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
        url = bare.toUri().toString();
        Path seed = tmp.resolve("seed");
        try (Git git = Git.init().setDirectory(seed.toFile()).setInitialBranch("main").call()) {
            Files.writeString(seed.resolve("release.json"), "{\"version\": \"1.0.0-SNAPSHOT\"}");
            git.add().addFilepattern(".").call();
            first = git.commit().setMessage("first").setSign(false).call();
            Files.writeString(seed.resolve("release.json"), "{\"version\": \"1.0.0\"}");
            git.add().addFilepattern(".").call();
            second = git.commit().setMessage("second").setSign(false).call();
            git.push().setRemote(url).add("main").call();
        }
        clone = GitRepository.cloneRemote(url, null, "main", tmp.resolve("clone"));
    }

    @Test
    void readsAFileAtACommitAndABranch() {
        assertEquals("{\"version\": \"1.0.0-SNAPSHOT\"}",
                new String(clone.readFile(first, "release.json").orElseThrow(), StandardCharsets.UTF_8));
        assertEquals("{\"version\": \"1.0.0\"}",
                new String(clone.readFile("origin/main", "release.json").orElseThrow(), StandardCharsets.UTF_8));
        assertTrue(clone.readFile("main", "missing.json").isEmpty());
        GitException error = assertThrows(GitException.class, () -> clone.readFile("nope", "release.json"));
        assertEquals("nope", error.ref());
    }

    @Test
    void createsAnAnnotatedTagOnceAndNeverMovesIt() {
        PersonIdent tagger = new PersonIdent("gio", "gio@localhost");
        assertEquals(TagOutcome.CREATED, clone.tagAndPush("1.0.0", second, "Release 1.0.0", tagger));

        TagInfo remote = clone.remoteTags().get("1.0.0");
        assertEquals(second, remote.commitId());
        assertTrue(remote.annotated());
        assertEquals(second, clone.localTags().get("1.0.0").commitId());
        assertEquals("{\"version\": \"1.0.0\"}",
                new String(clone.readFile("1.0.0", "release.json").orElseThrow(), StandardCharsets.UTF_8));

        // Same commit again: nothing written, the tag object is the same.
        assertEquals(TagOutcome.ALREADY_PRESENT, clone.tagAndPush("1.0.0", second, "Release 1.0.0", tagger));
        assertEquals(remote.objectId(), clone.remoteTags().get("1.0.0").objectId());

        // Another commit: refused, the remote tag untouched.
        GitException refused = assertThrows(GitException.class,
                () -> clone.tagAndPush("1.0.0", first, "Release 1.0.0", tagger));
        assertTrue(refused.getMessage().contains("already exists at commit " + second.name()), refused.getMessage());
        assertTrue(refused.getMessage().contains(url), refused.getMessage());
        assertEquals("refs/tags/1.0.0", refused.ref());
        assertEquals(remote.objectId(), clone.remoteTags().get("1.0.0").objectId());
    }

    @Test
    void aFreshCloneSeesTagsPushedByAnother() {
        clone.tagAndPush("1.0.0_START", first, "Start", new PersonIdent("gio", "gio@localhost"));
        try (GitRepository other = GitRepository.openOrInit(url, null, "main", tmp.resolve("other"))) {
            assertEquals(first, other.remoteTags().get("1.0.0_START").commitId());
            assertEquals(first, other.resolveCommit("1.0.0_START").orElseThrow());
        }
    }

    @Test
    void pushIsACompareAndSwap() {
        // Must-not-exist: refused when the ref exists.
        PushOutcome exists = clone.push(List.of(RefChange.create("refs/heads/main", first)), false);
        assertFalse(exists.accepted());
        assertEquals(second, clone.remoteRefs().get("refs/heads/main"));

        // Wrong expected old id: refused.
        RevCommit third = localCommit();
        PushOutcome stale = clone.push(List.of(RefChange.update("refs/heads/main", first, third)), false);
        assertFalse(stale.accepted());
        assertTrue(stale.describeRejections().contains("refs/heads/main"), stale.describeRejections());

        // Create, then delete with the right expected id.
        assertTrue(clone.push(List.of(RefChange.create("refs/gio/test", first)), false).accepted());
        assertEquals(first, clone.remoteRefs().get("refs/gio/test"));
        PushOutcome wrongDelete = clone.push(List.of(RefChange.delete("refs/gio/test", second)), false);
        assertFalse(wrongDelete.accepted(), wrongDelete.toString());
        assertTrue(clone.push(List.of(RefChange.delete("refs/gio/test", first)), false).accepted());
        assertNull(clone.remoteRefs().get("refs/gio/test"));
    }

    @Test
    void anAtomicPushAppliesAllOrNothing() {
        PushOutcome outcome = clone.push(List.of(
                RefChange.create("refs/heads/feature", second),
                RefChange.update("refs/heads/main", first, localCommit())), true);
        assertFalse(outcome.accepted());
        assertNull(clone.remoteRefs().get("refs/heads/feature"), "atomic push must not create the first ref");

        PushOutcome ok = clone.push(List.of(
                RefChange.create("refs/heads/feature", second),
                RefChange.create("refs/gio/locks/x", first)), true);
        assertTrue(ok.accepted(), ok.describeRejections());
        assertEquals(Status.OK, ok.status("refs/heads/feature"));
        assertEquals(first, clone.remoteRefs().get("refs/gio/locks/x"));
    }

    @Test
    void aChangeToWhereTheRefAlreadyIsIsUpToDate() {
        PushOutcome outcome = clone.push(List.of(RefChange.update("refs/heads/main", first, second)), false);
        assertEquals(Status.UP_TO_DATE, outcome.status("refs/heads/main"));
    }

    private RevCommit localCommit() {
        try {
            Files.writeString(clone.workTree().resolve("other.txt"), "x");
            clone.git().add().addFilepattern("other.txt").call();
            return clone.git().commit().setMessage("local").setSign(false).call();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void neverForcesANonFastForward() {
        PushOutcome outcome = clone.push(List.of(RefChange.update("refs/heads/main", second, first)), false);
        assertFalse(outcome.accepted());
        assertEquals(second, clone.remoteRefs().get("refs/heads/main"));
    }

    @Test
    void anUnreachableRemoteIsNamedInTheError() {
        String missing = tmp.resolve("missing.git").toUri().toString();
        GitException error = assertThrows(GitException.class,
                () -> GitRepository.cloneRemote(missing, null, "main", tmp.resolve("c2")));
        assertTrue(error.getMessage().contains(missing), error.getMessage());
    }

    @Test
    void credentialsAndUrlsNeverShowTheSecret() {
        assertFalse(new GitCredentials("bot", "s3cr3t").toString().contains("s3cr3t"));
        assertEquals("https://bot@example.com/r.git", GitRepository.safe("https://bot:s3cr3t@example.com/r.git"));
        GitException error = new GitException(GitRepository.safe("https://bot:s3cr3t@example.com/r.git"), "refs/x", "boom");
        assertFalse(error.getMessage().contains("s3cr3t"));
        assertTrue(ObjectId.zeroId().equals(RefChange.create("refs/x", first).expectedOldId()));
    }
}

package io.gravitee.release.gio.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gravitee.release.gio.log.Console;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrashRecoveryTest {

    @TempDir
    Path tmp;

    private BareRemote remote;

    @BeforeEach
    void setUp() throws Exception {
        remote = new BareRemote(tmp.resolve("ledger.git"));
    }

    private Ledger open(String clone) {
        return Ledger.open(remote.location(Lifecycle.RELEASE), tmp.resolve(clone), Console.silent());
    }

    private static final class SimulatedCrash extends RuntimeException {}

    private static LedgerChange move(String component, ReleaseState to) {
        return d -> d.setState(d.state().transition(component, to, Instant.now()));
    }

    /** Makes {@code change} in clone {@code clone}, "dying" between the local commit and the push. */
    private void crashAfterLocalCommit(String clone, String message, LedgerChange change) {
        try (Ledger ledger = open(clone)) {
            ledger.afterLocalCommit = () -> {
                throw new SimulatedCrash();
            };
            assertThrows(SimulatedCrash.class, () -> ledger.update(message, change));
        }
    }

    private long transitionsRecorded(String trailer) throws Exception {
        return remote.messages().stream().flatMap(m -> Transition.parseAll(m).stream())
                .filter(t -> t.toTrailer().equals(trailer)).count();
    }

    @Test
    void aKilledChildProcessLosesNothingAndDuplicatesNothing() throws Exception {
        Path workDir = tmp.resolve("crashed");
        Path latch = tmp.resolve("latch");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashingWriter.class.getName(), remote.url, workDir.toString(), latch.toString(), "gravitee-common")
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("child.log").toFile())
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(latch) && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(Files.exists(latch), "child never committed: " + Files.readString(tmp.resolve("child.log")));
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        }
        assertEquals(List.of(), remote.messages(), "the child was killed before pushing");

        // Someone else writes meanwhile: recovery must replay on top of it, not overwrite it.
        try (Ledger other = open("other")) {
            other.update("Release gravitee-plugin", move("gravitee-plugin", ReleaseState.RELEASING));
        }
        try (Ledger recovered = open("crashed")) {
            LedgerState state = recovered.state();
            assertEquals(ReleaseState.RELEASING, state.stateOf("gravitee-common"));
            assertEquals("b-42", state.component("gravitee-common").orElseThrow().ids().get("buildId"));
            assertEquals(ReleaseState.RELEASING, state.stateOf("gravitee-plugin"));
            assertEquals("{\"gravitee-common\": \"released\"}",
                    new String(recovered.readFile("origin/main", "release.json").orElseThrow(), StandardCharsets.UTF_8));
        }
        assertEquals(1, transitionsRecorded("Gio-Transition: gravitee-common PENDING -> RELEASING"));
        // Opening again finds nothing left to recover.
        try (Ledger again = open("crashed")) {
            assertEquals(2, remote.messages().size());
        }
        assertEquals(1, transitionsRecorded("Gio-Transition: gravitee-common PENDING -> RELEASING"));
    }

    /** A clone whose ledger records comp-1 releasing, with an index lock as a killed run (or a live one) leaves it. */
    private Path cloneWithAnIndexLock() throws Exception {
        try (Ledger ledger = open("clone")) {
            ledger.update("comp-1 started", move("comp-1", ReleaseState.RELEASING));
        }
        return Files.createFile(tmp.resolve("clone/.git/index.lock"));
    }

    @Test
    void anIndexLockLeftByARunKilledWhileItMovedTheCheckoutIsRemoved() throws Exception {
        Path lock = cloneWithAnIndexLock();
        Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minusSeconds(30)));

        try (Ledger ledger = open("clone")) {
            assertEquals(ReleaseState.RELEASING, ledger.state().stateOf("comp-1"));
            ledger.update("comp-1 built", move("comp-1", ReleaseState.TAGGED));
        }
        assertFalse(Files.exists(lock));
    }

    @Test
    void aFreshIndexLockIsLeftToItsWriterAndTheOpenFails() throws Exception {
        Path lock = cloneWithAnIndexLock();

        assertThrows(RuntimeException.class, () -> open("clone").close());
        assertTrue(Files.exists(lock), "a lock younger than any writer holds one may be live");
    }

    @Test
    void aTransitionAlreadyMadeByAnotherRunIsNotRecordedTwice() throws Exception {
        crashAfterLocalCommit("a", "Release c", move("c", ReleaseState.RELEASING));
        try (Ledger other = open("b")) {
            other.update("Release c (other run)", move("c", ReleaseState.RELEASING));
        }
        ObjectId head = remote.ref("refs/heads/main");
        try (Ledger recovered = open("a")) {
            assertEquals(ReleaseState.RELEASING, recovered.state().stateOf("c"));
        }
        assertEquals(head, remote.ref("refs/heads/main"), "nothing to replay: no new commit");
        assertEquals(1, transitionsRecorded("Gio-Transition: c PENDING -> RELEASING"));
    }

    @Test
    void successiveCrashesAreEachRecoveredOnce() throws Exception {
        try (Ledger ledger = open("a")) {
            ledger.update("Release c", move("c", ReleaseState.RELEASING));
        }
        crashAfterLocalCommit("a", "Tag c", move("c", ReleaseState.TAGGED));
        try (Git git = Git.open(tmp.resolve("a").toFile())) {
            ObjectId local = git.getRepository().resolve("refs/heads/main");
            assertTrue(!local.equals(remote.ref("refs/heads/main")), "the commit is local only");
        }
        try (Ledger recovered = open("a")) {
            assertEquals(ReleaseState.TAGGED, recovered.state().stateOf("c"));
            recovered.afterLocalCommit = () -> {
                throw new SimulatedCrash();
            };
            assertThrows(SimulatedCrash.class, () -> recovered.update("Release c done", move("c", ReleaseState.RELEASED)));
        }
        try (Ledger recovered = open("a")) {
            assertEquals(ReleaseState.RELEASED, recovered.state().stateOf("c"));
        }
        assertEquals(1, transitionsRecorded("Gio-Transition: c RELEASING -> TAGGED"));
        assertEquals(1, transitionsRecorded("Gio-Transition: c TAGGED -> RELEASED"));
        assertEquals(3, remote.messages().size());
    }

    @Test
    void aReplayThatNoLongerMakesSenseFailsAndKeepsTheCommit() throws Exception {
        try (Ledger ledger = open("a")) {
            ledger.update("Release c", move("c", ReleaseState.RELEASING));
        }
        crashAfterLocalCommit("a", "Tag c", move("c", ReleaseState.TAGGED));
        try (Ledger other = open("b")) {
            other.update("c failed", d -> d.setState(d.state().fail("c", ReleaseState.FAILED, "boom", Instant.now())));
        }
        LedgerException error = assertThrows(LedgerException.class, () -> open("a"));
        assertTrue(error.getMessage().contains("moves c RELEASING -> TAGGED but the remote has it in FAILED"),
                error.getMessage());
        assertTrue(error.getMessage().contains("refs/gio/unpushed"), error.getMessage());
        try (Git git = Git.open(tmp.resolve("a").toFile())) {
            assertTrue(git.getRepository().exactRef("refs/gio/unpushed") != null, "the commit is kept");
        }
        try (Ledger fresh = open("c")) {
            assertEquals(ReleaseState.FAILED, fresh.state().stateOf("c"));
        }
    }

    @Test
    void aFailedPushIsNotReplayedLater() throws Exception {
        Path moved = tmp.resolve("away.git");
        try (Ledger ledger = open("a")) {
            ledger.update("Release c", move("c", ReleaseState.RELEASING));
            ledger.afterLocalCommit = () -> {
                try {
                    Files.move(remote.dir, moved); // the remote becomes unreachable
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            };
            io.gravitee.release.gio.git.GitException error = assertThrows(
                    io.gravitee.release.gio.git.GitException.class, () -> ledger.update("Tag c", move("c", ReleaseState.TAGGED)));
            assertTrue(error.getMessage().contains(remote.url), error.getMessage());
            Files.move(moved, remote.dir);
        }
        try (Ledger reopened = open("a")) {
            assertEquals(ReleaseState.RELEASING, reopened.state().stateOf("c"), "the caller was told it failed");
        }
        assertEquals(1, remote.messages().size());
    }
}

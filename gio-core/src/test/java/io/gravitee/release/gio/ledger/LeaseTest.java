package io.gravitee.release.gio.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gravitee.release.gio.log.Console;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaseTest {

    private static final String LOCK = "refs/gio/locks/4.8.0";
    private static final Duration TTL = Duration.ofSeconds(2);

    @TempDir
    Path tmp;

    private BareRemote remote;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() throws Exception {
        remote = new BareRemote(tmp.resolve("ledger.git"));
    }

    private Ledger open(String clone, Map<String, String> env) {
        Console console = Console.of(new PrintStream(output, true, StandardCharsets.UTF_8));
        return Ledger.open(remote.location(Lifecycle.RELEASE), tmp.resolve(clone), console, Instant::now, env);
    }

    private static LedgerChange start(String component) {
        return d -> d.setState(d.state().transition(component, ReleaseState.RELEASING, Instant.now()));
    }

    @Test
    void aSecondOrchestrationIsRefusedWhileTheFirstRenews() throws Exception {
        try (Ledger first = open("first", Map.of("CI_JOB_URL", "https://ci.example/jobs/41"));
                Ledger second = open("second", Map.of())) {
            first.acquireLease("4.8.0", new LeaseOptions(TTL, false, "release manager"));
            ObjectId acquired = remote.ref(LOCK);
            // Well past the TTL: only the renewal thread keeps it alive.
            Thread.sleep(TTL.toMillis() + 800);
            assertNotEquals(acquired, remote.ref(LOCK), "the holder renews its lease");

            LeaseHeldException refused = assertThrows(LeaseHeldException.class,
                    () -> second.acquireLease("4.8.0", new LeaseOptions(TTL, false, null)));
            String message = refused.getMessage();
            assertTrue(message.startsWith("4.8.0 is already being orchestrated by "), message);
            assertTrue(message.contains("CI job https://ci.example/jobs/41"), message);
            assertTrue(message.contains("\"release manager\""), message);
            assertTrue(message.contains("started at " + refused.holder().startedAt()), message);
            assertTrue(message.contains("-Dgio.lock.force=true"), message);

            first.update("c", start("c"));
            first.close();
            assertNull(remote.ref(LOCK), "released at the end");
            second.acquireLease("4.8.0", new LeaseOptions(TTL, false, null));
            second.update("d", start("d"));
            assertEquals(2, second.state().components().size());
        }
    }

    @Test
    void anExpiredLeaseIsTakenOverAndTheZombieCannotWrite() throws Exception {
        try (Ledger zombie = open("zombie", Map.of()); Ledger next = open("next", Map.of())) {
            Lease stale = zombie.acquireLease("4.8.0", new LeaseOptions(TTL, false, null));
            zombie.update("a", start("a"));
            stale.stopRenewing();
            LeaseRecord old = stale.record();

            assertThrows(LeaseHeldException.class, () -> next.acquireLease("4.8.0", new LeaseOptions(TTL, false, null)));
            Thread.sleep(TTL.toMillis() + 300);
            next.acquireLease("4.8.0", new LeaseOptions(TTL, false, null));
            String log = output.toString(StandardCharsets.UTF_8);
            assertTrue(log.contains("Took over the expired lease 4.8.0 held by " + old.describe()), log);
            assertTrue(log.contains("it expired at " + old.expiresAt()), log);

            ObjectId head = remote.ref("refs/heads/main");
            LeaseLostException lost = assertThrows(LeaseLostException.class, () -> zombie.update("b", start("b")));
            assertTrue(lost.getMessage().contains("lost the lease 4.8.0"), lost.getMessage());
            assertEquals(head, remote.ref("refs/heads/main"), "the zombie's ledger push was rejected");
            assertThrows(LeaseLostException.class, () -> zombie.update("b", start("b")), "and stays rejected");

            next.update("c", start("c"));
            assertEquals(java.util.Set.of("a", "c"), next.state().components().keySet());
            // The zombie's close must not delete the new holder's lease.
            zombie.close();
            assertTrue(remote.ref(LOCK) != null);
        }
        // A fresh open of the zombie's clone does not resurrect what it failed to push.
        try (Ledger reopened = open("zombie", Map.of())) {
            assertEquals(java.util.Set.of("a", "c"), reopened.state().components().keySet());
        }
    }

    @Test
    void forceTakesOverALiveLease() throws Exception {
        try (Ledger first = open("first", Map.of()); Ledger second = open("second", Map.of())) {
            first.acquireLease("4.8.0", new LeaseOptions(Duration.ofSeconds(120), false, null));
            Properties props = new Properties();
            props.setProperty("gio.lock.force", "true");
            props.setProperty("gio.lock.ttl", "120");
            LeaseOptions forced = LeaseOptions.fromProperties(props);
            assertEquals(Duration.ofSeconds(120), forced.ttl());
            second.acquireLease("4.8.0", forced);
            assertTrue(output.toString(StandardCharsets.UTF_8).contains("Forced takeover (gio.lock.force)"));
            assertThrows(LeaseLostException.class, () -> first.update("x", start("x")));
            second.update("y", start("y"));
            assertEquals(java.util.Set.of("y"), second.state().components().keySet());
        }
    }

    /** A lock file as a git writer killed mid-push leaves it, last written {@code age} ago. */
    private Path leftLock(String name, Duration age) throws Exception {
        Path lock = remote.dir.resolve(name + ".lock");
        Files.createDirectories(lock.getParent());
        Files.writeString(lock, "0000000000000000000000000000000000000000\n");
        Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minus(age)));
        return lock;
    }

    @Test
    void locksLeftByAHolderKilledMidPushAreRemovedWhenItsLeaseHasExpired() throws Exception {
        try (Ledger killed = open("killed", Map.of()); Ledger next = open("next", Map.of())) {
            Lease lease = killed.acquireLease("4.8.0", new LeaseOptions(TTL, false, null));
            killed.update("a", start("a"));
            lease.stopRenewing();
            ObjectId head = remote.ref("refs/heads/main");
            // Killed inside its last atomic push (lease renewal with a ledger commit): nothing moved, three locks stay.
            Thread.sleep(TTL.toMillis() + 300);
            List<Path> locks = List.of(leftLock(LOCK, TTL.plusMillis(200)), leftLock("refs/heads/main", TTL.plusMillis(200)),
                    leftLock("packed-refs", TTL.plusMillis(200)), leftLock("refs/tags/4.8.0_START", TTL.plusMillis(200)));

            // The release's tags are written only under its lease too, so the caller names them.
            next.acquireLease("4.8.0", new LeaseOptions(TTL, false, null), List.of("refs/tags/4.8.0_START"));
            next.update("b", start("b"));
            assertEquals(java.util.Set.of("a", "b"), next.state().components().keySet());
            assertNotEquals(head, remote.ref("refs/heads/main"));
            String log = output.toString(StandardCharsets.UTF_8);
            for (Path lock : locks) {
                assertFalse(Files.exists(lock), lock + " removed");
                assertTrue(log.contains("Removed the lock file " + lock + ", left on the ledger's remote by a process"
                        + " killed while writing to it (written "), log);
            }
            assertThrows(LeaseLostException.class, () -> killed.update("c", start("c")));
        }
    }

    @Test
    void aReplayOfAKilledRunsUnpushedCommitWaitsForTheLeaseWhenTheRemoteIsLocked() throws Exception {
        try (Ledger killed = open("run", Map.of())) {
            Lease lease = killed.acquireLease("4.8.0", new LeaseOptions(TTL, false, null));
            killed.update("a", start("a"));
            lease.stopRenewing();
            // Killed between its local commit of "b" and the push, which left the remote's branch locked.
            killed.afterLocalCommit = () -> {
                throw new IllegalStateException("killed");
            };
            assertThrows(IllegalStateException.class, () -> killed.update("b", start("b")));
            Thread.sleep(TTL.toMillis() + 300);
            List<Path> locks = List.of(leftLock("refs/heads/main", TTL.plusMillis(200)),
                    leftLock("packed-refs", TTL.plusMillis(200)));

            // The re-run in the same workspace: the replay cannot push yet, and does once the lease is taken over.
            try (Ledger rerun = open("run", Map.of())) {
                assertEquals(java.util.Set.of("a"), rerun.state().components().keySet());
                rerun.acquireLease("4.8.0", new LeaseOptions(TTL, false, null));
                assertEquals(java.util.Set.of("a", "b"), rerun.state().components().keySet());
                for (Path lock : locks) {
                    assertFalse(Files.exists(lock), lock + " removed");
                }
                rerun.update("c", start("c"));
                assertEquals(java.util.Set.of("a", "b", "c"), rerun.state().components().keySet());
            }
        }
    }

    @Test
    void aLockYoungerThanTheTtlIsLeftAloneAndTheErrorSaysWhatToDo() throws Exception {
        Path lock = leftLock(LOCK, Duration.ofSeconds(5));
        try (Ledger ledger = open("first", Map.of())) {
            LedgerException error = assertThrows(LedgerException.class,
                    () -> ledger.acquireLease("4.8.0", new LeaseOptions(Duration.ofSeconds(30), false, null)));
            String message = error.getMessage();
            assertTrue(message.startsWith("Could not acquire the lease " + LOCK + " on " + remote.url + ": " + LOCK
                    + ": REJECTED_OTHER_REASON (failed to lock)."), message);
            assertTrue(message.contains("The remote's refs are locked by " + lock + ": a git process killed while"
                    + " writing to it leaves such files behind. If no git or gio process is using that repository,"
                    + " delete them and re-run."), message);
            assertFalse(message.contains("keep changing it"), message);
            assertTrue(Files.exists(lock), "a lock that may be live is never removed");
            assertNull(remote.ref(LOCK));
        }
    }

    @Test
    void aLedgerPushRefusedByALockSaysWhichFileToDelete() throws Exception {
        try (Ledger ledger = open("first", Map.of())) {
            ledger.acquireLease("4.8.0", new LeaseOptions(TTL, false, null));
            ledger.update("a", start("a"));
            ObjectId head = remote.ref("refs/heads/main");
            Path lock = leftLock("refs/heads/main", Duration.ZERO);
            LedgerException error = assertThrows(LedgerException.class, () -> ledger.update("b", start("b")));
            assertTrue(error.getMessage().contains("was refused although the branch did not move"), error.getMessage());
            assertTrue(error.getMessage().contains("The remote's refs are locked by " + lock), error.getMessage());
            assertEquals(head, remote.ref("refs/heads/main"));
            assertEquals(java.util.Set.of("a"), ledger.state().components().keySet(), "nothing half-written");
            Files.delete(lock);
            ledger.update("b", start("b"));
            assertEquals(java.util.Set.of("a", "b"), ledger.state().components().keySet());
        }
    }

    @Test
    void badOptionsAreRefusedClearly() {
        Properties props = new Properties();
        props.setProperty("gio.lock.ttl", "two minutes");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> LeaseOptions.fromProperties(props));
        assertTrue(error.getMessage().contains("gio.lock.ttl"), error.getMessage());
        assertEquals(LeaseOptions.DEFAULT_TTL, LeaseOptions.fromProperties(new Properties()).ttl());
    }
}

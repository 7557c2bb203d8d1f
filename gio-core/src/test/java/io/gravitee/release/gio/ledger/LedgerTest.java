package io.gravitee.release.gio.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gravitee.release.gio.log.Console;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerTest {

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

    @Test
    void twoWritersRacingOnOneRemoteLoseNothing() throws Exception {
        int perWriter = 20;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> retries = new ArrayList<>();
        try (Ledger a = open("a"); Ledger b = open("b")) {
            for (Ledger ledger : List.of(a, b)) {
                String writer = ledger == a ? "a" : "b";
                retries.add(pool.submit(() -> {
                    start.await();
                    int extra = 0;
                    for (int i = 0; i < perWriter; i++) {
                        String component = writer + "-" + i;
                        UpdateResult result = ledger.update("Start " + component, draft -> {
                            draft.setState(draft.state().transition(component, ReleaseState.RELEASING, Instant.now()));
                            String log = draft.readString("writers.log").orElse("");
                            draft.writeString("writers.log", log + component + "\n");
                        });
                        extra += result.attempts() - 1;
                    }
                    return extra;
                }));
            }
            start.countDown();
            int totalRetries = 0;
            for (Future<Integer> f : retries) {
                totalRetries += f.get(50, TimeUnit.SECONDS);
            }
            pool.shutdown();

            a.fetch();
            LedgerState state = a.stateAt("origin/main");
            assertEquals(2 * perWriter, state.components().size(), "every update survived: " + state.components().keySet());
            String log = new String(a.readFile("origin/main", "writers.log").orElseThrow(), StandardCharsets.UTF_8);
            assertEquals(2 * perWriter, log.lines().distinct().count(), log);
            List<String> messages = remote.messages();
            assertEquals(2 * perWriter, messages.size(), "one commit per update, none duplicated");
            assertTrue(messages.stream().allMatch(m -> m.contains("Gio-Transition: ")), "every commit has its trailer");
            System.out.println("racing writers: " + totalRetries + " re-applications");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aChangeThatIsNowANoOpCommitsNothing() throws Exception {
        try (Ledger ledger = open("a"); Ledger other = open("b")) {
            ledger.update("Release c", d -> d.setState(d.state().transition("c", ReleaseState.RELEASING, Instant.now())));
            ObjectId head = remote.ref("refs/heads/main");
            // The other clone has not fetched: its change sees c already RELEASING after the re-read and skips.
            UpdateResult result = other.update("Release c again", d -> {
                if (d.state().stateOf("c") == ReleaseState.PENDING) {
                    d.setState(d.state().transition("c", ReleaseState.RELEASING, Instant.now()));
                }
            });
            assertFalse(result.changed());
            assertEquals(head, remote.ref("refs/heads/main"));
            assertEquals(1, remote.messages().size());
        }
    }

    @Test
    void anIllegalMoveWritesNothing() throws Exception {
        try (Ledger ledger = open("a")) {
            ledger.update("c released", d -> d.setState(d.state().transition("c", ReleaseState.RELEASED, Instant.now())));
            ObjectId head = remote.ref("refs/heads/main");
            assertThrows(IllegalTransitionException.class, () -> ledger.update("again",
                    d -> d.setState(d.state().transition("c", ReleaseState.RELEASING, Instant.now()))));
            // Bypassing LedgerState's checks by building the entry by hand is caught at commit time.
            IllegalTransitionException bypass = assertThrows(IllegalTransitionException.class, () -> ledger.update(
                    "forged", d -> d.setState(d.state().withEntry("c", new ComponentEntry("PENDING", 0, null, null,
                            null, null)))));
            assertTrue(bypass.getMessage().contains("RELEASED -> PENDING"), bypass.getMessage());
            assertEquals(head, remote.ref("refs/heads/main"));
            assertEquals(ReleaseState.RELEASED, ledger.state().stateOf("c"));
        }
    }

    @Test
    void readsTheStateAtATagAndKeepsTheWorkTreeCurrent() throws Exception {
        try (Ledger ledger = open("a")) {
            UpdateResult first = ledger.update("start", d -> {
                d.writeString("release.json", "{\"version\": \"1.0.0-SNAPSHOT\"}");
                d.setState(d.state().transition("c", ReleaseState.RELEASING, Instant.now()));
            });
            ledger.repository().tagAndPush("1.0.0_START", first.commit().orElseThrow(), "start",
                    new PersonIdent("gio", "gio@localhost"));
            ledger.update("done", d -> d.setState(d.state().transition("c", ReleaseState.RELEASED, Instant.now())));

            assertEquals(ReleaseState.RELEASING, ledger.stateAt("1.0.0_START").stateOf("c"));
            assertEquals(ReleaseState.RELEASED, ledger.state().stateOf("c"));
            assertEquals(List.of(new Transition("c", "RELEASING", "RELEASED")),
                    Transition.parseAll(remote.messages().get(0)));
            String onDisk = Files.readString(tmp.resolve("a").resolve("release-ledger.json"));
            assertTrue(onDisk.contains("\"RELEASED\""), onDisk);
            assertEquals("{\"version\": \"1.0.0-SNAPSHOT\"}", Files.readString(tmp.resolve("a/release.json")));
        }
        // A fresh clone elsewhere sees the same.
        try (Ledger fresh = open("fresh")) {
            assertEquals(ReleaseState.RELEASED, fresh.state().stateOf("c"));
            assertEquals(1, fresh.state().component("c").orElseThrow().attempts());
        }
    }

    @Test
    void aLedgerFileOfTheWrongLifecycleIsRefused() throws Exception {
        try (Ledger ledger = open("a")) {
            ledger.update("start", d -> d.setState(d.state().transition("c", ReleaseState.RELEASING, Instant.now())));
        }
        try (Ledger staging = Ledger.open(remote.location(Lifecycle.STAGING), tmp.resolve("s"), Console.silent())) {
            LedgerException error = assertThrows(LedgerException.class, staging::state);
            assertTrue(error.getMessage().contains("tracks the release process, not staging"), error.getMessage());
            assertThrows(LedgerException.class, () -> staging.update("x", d -> {}));
        }
        try (Ledger staging = Ledger.open(new LedgerLocation(remote.url, "main", null, "nexus-staging-ledger.json",
                Lifecycle.STAGING), tmp.resolve("s2"), Console.silent())) {
            assertThrows(IllegalArgumentException.class, () -> staging.update("x",
                    d -> d.setState(LedgerState.empty(Lifecycle.RELEASE))));
            staging.update("x", d -> d.setState(d.state().transition("c", StagingState.RESOLVED, Instant.now())));
            assertEquals(StagingState.RESOLVED, staging.state().stateOf("c"));
        }
    }
}

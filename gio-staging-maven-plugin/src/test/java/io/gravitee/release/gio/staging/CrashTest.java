package io.gravitee.release.gio.staging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gravitee.release.gio.ledger.StagingState;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.sandbox.http.FaultRule;
import io.gravitee.release.gio.sandbox.http.LoggedRequest;
import io.gravitee.release.gio.sandbox.nexus2.Nexus2Config;
import io.gravitee.release.gio.sandbox.nexus2.Nexus2Emulator;
import io.gravitee.release.gio.sandbox.nexus2.RepositorySnapshot;
import io.gravitee.release.gio.sandbox.nexus2.RepositoryState;
import io.gravitee.release.gio.transfer.Checksums;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The staging runs in a child JVM killed like {@code kill -9} at the worst moments; the next run (in-process)
 * must converge without uploading into a released repository or releasing twice.
 */
class CrashTest {
    @TempDir
    Path dir;
    TestComponent component;
    Nexus2Emulator nexus;
    final Console console = Console.silent();

    @BeforeEach
    void setUp() throws Exception {
        component = TestComponent.create(dir);
    }

    @AfterEach
    void tearDown() {
        if (nexus != null) {
            nexus.close();
        }
    }

    private Process child() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StageMain.class.getName(),
                component.checkout.toString(), component.sourceRepository(), dir.resolve("work").toString(),
                nexus.url(), nexus.username(), nexus.password());
        builder.redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile());
        return builder.start();
    }

    private void killWhen(Process process, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new AssertionError("the child ended before the crash point: "
                        + java.nio.file.Files.readString(dir.resolve("child.log")));
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new AssertionError("crash point not reached: " + java.nio.file.Files.readString(dir.resolve("child.log")));
            }
            Thread.sleep(20);
        }
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    private StageOutcome rerun() {
        var resolved = component.resolve(dir.resolve("rerun-files"));
        return Staging.service(Staging.options(nexus), dir.resolve("work/gio"), Staging.run(), console).stage(resolved);
    }

    private StagingState ledgerState() {
        try (StagingLedger ledger = StagingLedger.open(StagingLedger.local(dir.resolve("work/gio")),
                dir.resolve("work/gio/ledger-clone"), "demo", console)) {
            return ledger.state();
        }
    }

    /**
     * Exactly one repository was released, by at most one acknowledged promote; each of its files was stored
     * once (no upload reached it again), and nothing was ever written to the released repository directly.
     */
    private void assertPublishedOnce() throws Exception {
        List<RepositorySnapshot> released = nexus.repositories().stream()
                .filter(r -> r.state() == RepositoryState.RELEASED).toList();
        assertEquals(1, released.size(), nexus.repositories().toString());
        assertTrue(Staging.promotes(nexus) <= 1);
        String prefix = "/service/local/staging/deployByRepositoryId/" + released.get(0).id() + "/";
        List<String> stored = Staging.storedUploads(nexus).stream().map(LoggedRequest::path)
                .filter(p -> p.startsWith(prefix)).toList();
        assertEquals(stored.stream().distinct().count(), stored.size(), "a file was uploaded twice: " + stored);
        assertEquals(released.get(0).files().size(), stored.size());
        assertEquals(List.of(), nexus.requestLog().matching("PUT", "/content/repositories/releases/.*"));
        for (String path : component.releasedPaths) {
            assertEquals(Checksums.of(component.repository.resolve(path)),
                    Checksums.of(nexus.releasedFile(path).orElseThrow()), path);
        }
    }

    @Test
    void killedDuringUpload() throws Exception {
        nexus = new Nexus2Emulator(Nexus2Config.defaults().withTransitionDuration(Duration.ofMillis(100))).start(0);
        nexus.faults().add(FaultRule.on("PUT", ".*deployByRepositoryId/.*").nth(10).stall(Duration.ofSeconds(20)));
        Process process = child();
        killWhen(process, () -> Staging.storedUploads(nexus).size() >= 9);
        assertEquals(StagingState.STAGING, ledgerState(), "the repository id was recorded before the uploads");
        nexus.faults().clear();
        StageOutcome outcome = rerun();
        assertEquals(StageOutcome.Result.PUBLISHED, outcome.result());
        assertEquals(RepositoryState.DROPPED, nexus.repositories().get(0).state(), "the half-uploaded repository is dropped");
        assertPublishedOnce();
    }

    @Test
    void killedWhilePollingTheClose() throws Exception {
        nexus = new Nexus2Emulator(Nexus2Config.defaults().withTransitionDuration(Duration.ofMillis(1500))).start(0);
        Process process = child();
        killWhen(process, () -> !nexus.requestLog().matching("POST", ".*/bulk/close").isEmpty());
        int uploads = Staging.storedUploads(nexus).size();
        StageOutcome outcome = rerun();
        assertEquals(StageOutcome.Result.PUBLISHED, outcome.result());
        assertEquals(uploads, Staging.storedUploads(nexus).size(), "the closing repository was finished, not re-uploaded");
        assertEquals(1, nexus.repositories().size());
        assertPublishedOnce();
    }

    @Test
    void killedAfterTheReleaseBeforeTheLedgerCommit() throws Exception {
        nexus = new Nexus2Emulator(Nexus2Config.defaults().withTransitionDuration(Duration.ofMillis(100))).start(0);
        nexus.faults().add(FaultRule.on("POST", ".*/bulk/promote").always().afterHandling().stall(Duration.ofSeconds(20)));
        Process process = child();
        killWhen(process, () -> nexus.repositories().stream().anyMatch(r -> r.state() == RepositoryState.RELEASED));
        assertTrue(ledgerState() == StagingState.CLOSED, "the ledger did not learn of the release");
        nexus.faults().clear();
        int uploads = Staging.storedUploads(nexus).size();
        StageOutcome outcome = rerun();
        assertEquals(StageOutcome.Result.ALREADY_PUBLISHED, outcome.result());
        assertEquals(uploads, Staging.storedUploads(nexus).size());
        assertEquals(StagingState.PUBLISHED, ledgerState());
        assertPublishedOnce();
    }
}

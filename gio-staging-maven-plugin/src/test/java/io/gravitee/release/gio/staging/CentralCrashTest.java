package io.gravitee.release.gio.staging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gravitee.release.gio.ledger.StagingState;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.sandbox.central.CentralConfig;
import io.gravitee.release.gio.sandbox.central.CentralEmulator;
import io.gravitee.release.gio.sandbox.central.DeploymentState;
import io.gravitee.release.gio.sandbox.http.FaultRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The central staging runs in a child JVM killed like {@code kill -9} at the worst moments; the next run must
 * converge and the Portal must never publish the component twice.
 */
class CentralCrashTest {
    @TempDir
    Path dir;
    TestComponent component;
    CentralEmulator central;
    final Console console = Console.silent();

    @BeforeEach
    void setUp() throws Exception {
        component = TestComponent.create(dir);
    }

    @AfterEach
    void tearDown() {
        if (central != null) {
            central.close();
        }
    }

    private Process child() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), BackendStageMain.class.getName(), "central",
                component.checkout.toString(), component.sourceRepository(), dir.resolve("work").toString(),
                central.url(), "-", central.username(), central.password());
        builder.redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile());
        return builder.start();
    }

    private void killWhen(Process process, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new AssertionError("the child ended before the crash point: " + Files.readString(dir.resolve("child.log")));
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new AssertionError("crash point not reached: " + Files.readString(dir.resolve("child.log")));
            }
            Thread.sleep(20);
        }
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    private StageOutcome rerun() {
        var resolved = component.resolve(dir.resolve("rerun-files"));
        return BackendStaging.service(BackendStaging.central(central.url(), central.username(), central.password(), console),
                dir.resolve("work/gio"), BackendStaging.run(), console).stage(resolved);
    }

    private StagingState ledgerState() {
        try (StagingLedger ledger = StagingLedger.open(StagingLedger.local(dir.resolve("work/gio")),
                dir.resolve("work/gio/ledger-clone"), "demo", console)) {
            return ledger.state();
        }
    }

    /** One deployment published, by at most one acknowledged publish, its files intact. */
    private void assertPublishedOnce() throws Exception {
        assertEquals(1, CentralStagingTest.published(central).size(), central.deployments().toString());
        assertTrue(central.requestLog().matching("POST", "/api/v1/publisher/deployment/.*").stream()
                .filter(r -> r.status() >= 200 && r.status() < 300).count() <= 1);
        assertTrue(central.isPublished("io.gravitee.demo", "demo-core", "1.0.0"));
        CentralStagingTest.assertEveryFilePublishedIntact(central, component);
    }

    @Test
    void killedAfterTheUploadBeforeTheLedgerCommit() throws Exception {
        central = new CentralEmulator(CentralConfig.defaults().withDurations(Duration.ofMillis(100), Duration.ofMillis(100))).start(0);
        central.faults().add(FaultRule.on("POST", "/api/v1/publisher/upload").always().afterHandling().stall(Duration.ofSeconds(30)));
        Process process = child();
        killWhen(process, () -> !central.deployments().isEmpty());
        assertEquals(StagingState.STAGING, ledgerState(), "the attempt was recorded before the upload");
        central.faults().clear();
        assertTrue(central.awaitSettled(Duration.ofSeconds(10)));
        StageOutcome outcome = rerun();
        assertEquals(StageOutcome.Result.PUBLISHED, outcome.result());
        assertPublishedOnce();
        // The Portal cannot list deployments: the lost one was uploaded again, and the first one is never published.
        assertEquals(2, central.deployments().size());
        assertEquals(DeploymentState.VALIDATED, central.deployments().get(0).state());
    }

    @Test
    void killedWhilePollingTheValidation() throws Exception {
        central = new CentralEmulator(CentralConfig.defaults().withDurations(Duration.ofMillis(2500), Duration.ofMillis(100))).start(0);
        Process process = child();
        killWhen(process, () -> !central.requestLog().matching("POST", "/api/v1/publisher/status").isEmpty());
        assertEquals(StagingState.STAGING, ledgerState());
        StageOutcome outcome = rerun();
        assertEquals(StageOutcome.Result.PUBLISHED, outcome.result());
        assertEquals(1, CentralStagingTest.uploads(central).size(), "the recorded deployment was awaited, not re-uploaded");
        assertEquals(1, central.deployments().size());
        assertPublishedOnce();
    }

    @Test
    void killedAfterThePublishBeforeTheLedgerCommit() throws Exception {
        central = new CentralEmulator(CentralConfig.defaults().withDurations(Duration.ofMillis(100), Duration.ofMillis(100))).start(0);
        central.faults().add(FaultRule.on("POST", "/api/v1/publisher/deployment/.*").always().afterHandling()
                .stall(Duration.ofSeconds(30)));
        Process process = child();
        killWhen(process, () -> central.isPublished("io.gravitee.demo", "demo", "1.0.0"));
        assertEquals(StagingState.CLOSED, ledgerState(), "the ledger did not learn of the publication");
        central.faults().clear();
        StageOutcome outcome = rerun();
        assertEquals(StageOutcome.Result.ALREADY_PUBLISHED, outcome.result());
        assertEquals(1, CentralStagingTest.uploads(central).size());
        assertEquals(1, central.deployments().size());
        assertEquals(StagingState.PUBLISHED, ledgerState());
        assertPublishedOnce();
    }
}

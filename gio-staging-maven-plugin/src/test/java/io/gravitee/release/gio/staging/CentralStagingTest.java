package io.gravitee.release.gio.staging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gravitee.release.gio.ledger.StagingState;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.sandbox.central.CentralConfig;
import io.gravitee.release.gio.sandbox.central.CentralEmulator;
import io.gravitee.release.gio.sandbox.central.DeploymentSnapshot;
import io.gravitee.release.gio.sandbox.central.DeploymentState;
import io.gravitee.release.gio.sandbox.http.FaultRule;
import io.gravitee.release.gio.sandbox.http.LoggedRequest;
import io.gravitee.release.gio.sandbox.central.PublishingType;
import io.gravitee.release.gio.staging.backend.PollTimeoutException;
import io.gravitee.release.gio.staging.central.CentralBackend;
import io.gravitee.release.gio.staging.central.CentralOptions;
import io.gravitee.release.gio.staging.resolve.ResolvedComponent;
import io.gravitee.release.gio.transfer.Checksums;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Staging through the central backend against the in-process Central Portal emulator. */
class CentralStagingTest {
    static final List<String> PURLS = List.of("pkg:maven/io.gravitee.demo/demo@1.0.0",
            "pkg:maven/io.gravitee.demo/demo-core@1.0.0", "pkg:maven/io.gravitee.demo/demo-distribution@1.0.0");

    @TempDir
    Path dir;
    TestComponent component;
    ResolvedComponent resolved;
    CentralEmulator central;
    final Console console = Console.silent();

    @BeforeEach
    void setUp() throws Exception {
        component = TestComponent.create(dir);
        resolved = component.resolve(dir.resolve("files"));
        central = new CentralEmulator(CentralConfig.defaults().withDurations(Duration.ofMillis(100), Duration.ofMillis(100)))
                .start(0);
    }

    @AfterEach
    void tearDown() {
        central.close();
    }

    private CentralBackend backend() {
        return BackendStaging.central(central.url(), central.username(), central.password(), console);
    }

    private StagingService service(CentralBackend backend, StagingService.Options run) {
        return BackendStaging.service(backend, dir.resolve("gio"), run, console);
    }

    private StagingState ledgerState() {
        try (StagingLedger ledger = StagingLedger.open(StagingLedger.local(dir.resolve("gio")),
                dir.resolve("gio/ledger-clone"), "demo", console)) {
            return ledger.state();
        }
    }

    static List<LoggedRequest> uploads(CentralEmulator central) {
        return central.requestLog().matching("POST", "/api/v1/publisher/upload");
    }

    static List<DeploymentSnapshot> published(CentralEmulator central) {
        return central.deployments().stream().filter(d -> d.state() == DeploymentState.PUBLISHED).toList();
    }

    static void assertEveryFilePublishedIntact(CentralEmulator central, TestComponent component) throws Exception {
        for (String path : component.releasedPaths) {
            for (String file : List.of(path, path + ".asc")) {
                Path out = central.publishedFile(file).orElseThrow(() -> new AssertionError("not published: " + file));
                Checksums sums = Checksums.of(out);
                assertEquals(Checksums.of(component.repository.resolve(file)), sums, file);
                assertEquals(sums.sha1(), Files.readString(central.publishedFile(file + ".sha1").orElseThrow()), file);
                assertEquals(sums.md5(), Files.readString(central.publishedFile(file + ".md5").orElseThrow()), file);
            }
        }
    }

    @Test
    void uploadsOneUserManagedBundleValidatesAndPublishesThenAReRunUploadsNothing() throws Exception {
        StageOutcome outcome = service(backend(), BackendStaging.run()).stage(resolved);
        assertEquals(StageOutcome.Result.PUBLISHED, outcome.result());
        assertEquals(42, outcome.filesUploaded());
        assertEveryFilePublishedIntact(central, component);
        DeploymentSnapshot deployment = central.deployment(outcome.areaId()).orElseThrow();
        assertEquals(PublishingType.USER_MANAGED, deployment.publishingType());
        assertEquals("gio:io.gravitee.demo:demo:1.0.0", deployment.name());
        assertEquals(new java.util.TreeSet<>(PURLS), new java.util.TreeSet<>(deployment.purls()));
        assertTrue(deployment.files().stream().noneMatch(f -> f.contains("maven-metadata")), deployment.files().toString());
        assertEquals(StagingState.PUBLISHED, ledgerState());

        StageOutcome again = service(backend(), BackendStaging.run()).stage(resolved);
        assertEquals(StageOutcome.Result.ALREADY_PUBLISHED, again.result());
        assertEquals(1, uploads(central).size());
        assertEquals(1, central.requestLog().matching("POST", "/api/v1/publisher/deployment/.*").size());
    }

    @Test
    void aLostLedgerIsReconciledFromPublished() throws Exception {
        service(backend(), BackendStaging.run()).stage(resolved);
        NexusFiles.deleteTree(dir.resolve("gio"));
        StageOutcome again = service(backend(), BackendStaging.run()).stage(resolved);
        assertEquals(StageOutcome.Result.ALREADY_PUBLISHED, again.result());
        assertEquals(1, uploads(central).size(), "GET /published told it is out: nothing uploaded");
        assertEquals(StagingState.PUBLISHED, ledgerState());
    }

    @Test
    void everyValidationErrorIsReportedPerComponentAndTheDeploymentDropped() {
        central.reconfigure(central.config().withNamespaces(List.of("io.other")));
        StagingException e = assertThrows(StagingException.class,
                () -> service(backend(), BackendStaging.run()).stage(resolved));
        for (String purl : PURLS) {
            assertTrue(e.getMessage().contains(purl + ": Namespace 'io.gravitee.demo' is not allowed"), e.getMessage());
        }
        assertTrue(e.getMessage().contains("dropped"), e.getMessage());
        assertTrue(central.deployments().get(0).dropped());
        assertEquals(StagingState.DROPPED, ledgerState());
        assertTrue(published(central).isEmpty());
    }

    @Test
    void completesDespiteTenPercentOfRequestsFailing() throws Exception {
        central.faults().add(FaultRule.on("*", "/api/v1/publisher/(status|published|deployment/.*)").probability(0.1).respond(503));
        central.faults().add(FaultRule.on("POST", "/api/v1/publisher/status").probability(0.05).reset());
        central.faults().add(FaultRule.on("POST", "/api/v1/publisher/upload").nth(1).respond(502));
        StageOutcome outcome = service(backend(), BackendStaging.run()).stage(resolved);
        assertEquals(StageOutcome.Result.PUBLISHED, outcome.result());
        assertEveryFilePublishedIntact(central, component);
        assertEquals(1, published(central).size());
        assertTrue(central.requestLog().entries().stream().anyMatch(r -> r.fault() != null), "faults were injected");
    }

    @Test
    void aDryRunOnlyReads() {
        StageOutcome outcome = service(backend(), BackendStaging.dryRun()).stage(resolved);
        assertEquals(StageOutcome.Result.DRY_RUN, outcome.result());
        assertFalse(central.requestLog().entries().isEmpty());
        assertTrue(central.requestLog().entries().stream().allMatch(r -> r.method().equals("GET")),
                central.requestLog().entries().toString());
        assertFalse(Files.exists(dir.resolve("gio")), "no ledger in a dry run");
    }

    @Test
    void wrongCredentialsAreAClearErrorBeforeAnythingIsStaged() {
        CentralBackend wrong = BackendStaging.central(central.url(), central.username(), "wrong", console);
        StagingException e = assertThrows(StagingException.class,
                () -> service(wrong, BackendStaging.run()).stage(resolved));
        assertTrue(e.getMessage().contains("refused the user token of server 'gio-central'")
                && !e.getMessage().contains("wrong"), e.getMessage());
        assertTrue(uploads(central).isEmpty());
        assertTrue(central.deployments().isEmpty());
    }

    @Test
    void aTimedOutValidationIsReconciledByTheNextRunWithoutUploadingAgain() {
        central.reconfigure(central.config().withDurations(Duration.ofMillis(1500), Duration.ofMillis(100)));
        StagingService.Options impatient = new StagingService.Options(false, true, false, Duration.ofMillis(200),
                Duration.ofSeconds(20));
        assertThrows(PollTimeoutException.class, () -> service(backend(), impatient).stage(resolved));
        assertEquals(StagingState.STAGING, ledgerState(), "the deployment id is recorded");
        StageOutcome outcome = service(backend(), BackendStaging.run()).stage(resolved);
        assertEquals(StageOutcome.Result.PUBLISHED, outcome.result());
        assertEquals(1, uploads(central).size());
        assertEquals(1, published(central).size());
    }

    @Test
    void aBundleOverTheSizeLimitIsSplitPerComponent() throws Exception {
        CentralBackend small = new CentralBackend(CentralOptions.of(central.url(), new io.gravitee.release.gio.credentials
                .Credentials("gio-central", central.username(), central.password()))
                .withTimings(Duration.ofSeconds(5), Duration.ofMillis(50)).withMaxBundleBytes(16_000), console);
        StageOutcome outcome = service(small, BackendStaging.run()).stage(resolved);
        assertEquals(StageOutcome.Result.PUBLISHED, outcome.result());
        assertTrue(outcome.areaId().contains(","), outcome.areaId());
        assertTrue(uploads(central).size() > 1);
        assertEquals(uploads(central).size(), published(central).size());
        assertEveryFilePublishedIntact(central, component);
    }
}

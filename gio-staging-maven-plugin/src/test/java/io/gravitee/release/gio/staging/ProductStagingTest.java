package io.gravitee.release.gio.staging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gravitee.release.gio.ledger.LedgerState;
import io.gravitee.release.gio.ledger.StagingState;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.sandbox.http.FaultRule;
import io.gravitee.release.gio.sandbox.http.LoggedRequest;
import io.gravitee.release.gio.sandbox.nexus2.Nexus2Config;
import io.gravitee.release.gio.sandbox.nexus2.Nexus2Emulator;
import io.gravitee.release.gio.sandbox.nexus2.RepositorySnapshot;
import io.gravitee.release.gio.sandbox.nexus2.RepositoryState;
import io.gravitee.release.gio.staging.StageOutcome.Result;
import io.gravitee.release.gio.staging.product.ProductStaging;
import io.gravitee.release.gio.staging.product.StageAllReport;
import io.gravitee.release.gio.staging.product.StagingManifest;
import io.gravitee.release.gio.transfer.Checksums;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stage-all} over generated, released component remotes, staged to the Nexus 2 emulator. */
class ProductStagingTest {
    @TempDir
    Path dir;
    ProductStagingFixture fixture;
    Nexus2Emulator nexus;
    final Console console = Console.silent();

    @BeforeEach
    void setUp() throws Exception {
        fixture = ProductStagingFixture.create(dir, 3, 4096);
        nexus = new Nexus2Emulator(Nexus2Config.defaults().withTransitionDuration(Duration.ofMillis(100))).start(0);
    }

    @AfterEach
    void tearDown() {
        nexus.close();
    }

    StageAllReport run(boolean atomic, boolean dryRun) {
        return new ProductStaging(fixture.request(Staging.options(nexus), atomic, dryRun, console), console).run();
    }

    LedgerState ledger() throws Exception {
        String json = fixture.file("master", StagingManifest.LEDGER_FILE);
        return LedgerState.fromJson(json.getBytes(StandardCharsets.UTF_8), "test");
    }

    void assertEveryFilePublishedOnce() throws Exception {
        for (String path : fixture.releasedPaths) {
            assertEquals(Checksums.of(fixture.repository.resolve(path)),
                    Checksums.of(nexus.releasedFile(path).orElseThrow(() -> new AssertionError(path + " not released"))),
                    path);
        }
        List<String> stored = Staging.storedUploads(nexus).stream().map(LoggedRequest::path).toList();
        assertEquals(stored.stream().distinct().count(), stored.size(), "a file was uploaded twice");
        assertEquals(List.of(), nexus.requestLog().matching("PUT", "/content/repositories/releases/.*"));
    }

    @Test
    void stagesEveryComponentAndEndsWithTheReleasedManifest() throws Exception {
        StageAllReport report = run(false, false);
        assertFalse(report.failed(), report.rows().toString());
        assertEquals(List.of("comp-0", "comp-1", "comp-2"), report.rows().stream().map(StageOutcome::component).toList());
        assertTrue(report.rows().stream().allMatch(r -> r.result() == Result.PUBLISHED), report.rows().toString());
        assertEquals(3, nexus.repositories().stream().filter(r -> r.state() == RepositoryState.RELEASED).count());
        assertEveryFilePublishedOnce();
        // Finished: nexus-staging.json equals release.json at tag 2.1.3, byte for byte (docs/DESIGN.md §3).
        assertEquals(fixture.file("2.1.3", "release.json"), fixture.file("master", StagingManifest.FILE));
        assertEquals("2.1.4-SNAPSHOT", io.gravitee.release.gio.manifest.Manifest.parse(
                fixture.file("master", "release.json"), "r").version().toString(), "release.json is left alone");
        LedgerState ledger = ledger();
        for (String c : List.of("comp-0", "comp-1", "comp-2")) {
            assertEquals(StagingState.PUBLISHED, ledger.stateOf(c));
            assertNotNull(ledger.component(c).orElseThrow().ids().get(StagingLedger.AREA_ID));
        }
        assertTrue(fixture.log().contains("Stage 2.1.3: nexus-staging.json from 2.1.3_START"), fixture.log().toString());

        // A re-run finds everything published and does nothing.
        int uploads = Staging.storedUploads(nexus).size();
        var refs = fixture.allRefs();
        StageAllReport again = run(false, false);
        assertEquals(List.of(), again.rows());
        assertEquals(uploads, Staging.storedUploads(nexus).size());
        assertEquals(refs, fixture.allRefs());
    }

    @Test
    void theFirstCommitIsTheStartManifest() throws Exception {
        nexus.faults().add(FaultRule.on("POST", ".*/profiles/.*/start").always().respond(500));
        StageAllReport report = run(false, false);
        assertTrue(report.failed());
        // nexus-staging.json as first built: release.json at 2.1.3_START (nothing published yet).
        assertEquals(fixture.file("2.1.3_START", "release.json"), fixture.file("master", StagingManifest.FILE));
        assertTrue(report.rows().stream().allMatch(r -> r.result() == Result.FAILED));
        assertEquals(StagingState.FAILED, ledger().stateOf("comp-1"));
        // Fixed: the re-run stages all of them.
        nexus.faults().clear();
        StageAllReport second = run(false, false);
        assertFalse(second.failed(), second.rows().toString());
        assertEquals(fixture.file("2.1.3", "release.json"), fixture.file("master", StagingManifest.FILE));
    }

    @Test
    void atomicProductIsOneRepository() throws Exception {
        StageAllReport report = run(true, false);
        assertFalse(report.failed(), report.rows().toString());
        List<RepositorySnapshot> repos = nexus.repositories();
        assertEquals(1, repos.size(), repos.toString());
        assertEquals(RepositoryState.RELEASED, repos.get(0).state());
        assertTrue(report.rows().stream().allMatch(r -> repos.get(0).id().equals(r.areaId())));
        assertEveryFilePublishedOnce();
        assertEquals(fixture.file("2.1.3", "release.json"), fixture.file("master", StagingManifest.FILE));
        assertEquals(StagingState.PUBLISHED, ledger().stateOf("comp-2"));
        assertEquals(StagingState.PUBLISHED, ledger().stateOf(ProductStaging.PRODUCT_ENTRY));
    }

    @Test
    void atomicProductWithAnInvalidComponentOpensNothing() throws Exception {
        Files.delete(fixture.repository.resolve(ProductStagingFixture.path("comp-1", "1.1.1", "javadoc", "jar")));
        StageAllReport report = run(true, false);
        assertTrue(report.failed());
        assertTrue(report.rows().stream().allMatch(r -> r.result() == Result.FAILED));
        assertTrue(report.rows().get(1).notes().get(0).contains("javadoc"), report.rows().get(1).notes().toString());
        assertTrue(report.rows().get(0).notes().get(0).contains("all or nothing"));
        assertEquals(List.of(), nexus.repositories());
        assertEquals(List.of(), nexus.requestLog().matching(r -> !r.method().equals("GET") && !r.method().equals("HEAD")));
    }

    @Test
    void anInvalidComponentFailsAloneAfterItsEarlyReadsWithoutAnyWriteForIt() throws Exception {
        // Component by component, the profile and the public repository are read while each component resolves and
        // validates: an invalid one still writes nothing on the server, and the others are staged.
        Files.delete(fixture.repository.resolve(ProductStagingFixture.path("comp-1", "1.1.1", "javadoc", "jar")));

        StageAllReport report = run(false, false);

        assertTrue(report.failed());
        assertEquals(List.of(Result.PUBLISHED, Result.FAILED, Result.PUBLISHED),
                report.rows().stream().map(StageOutcome::result).toList(), report.rows().toString());
        assertTrue(report.rows().get(1).notes().get(0).contains("javadoc"), report.rows().get(1).notes().toString());
        assertEquals(2, nexus.repositories().size(), nexus.repositories().toString());
        assertTrue(nexus.requestLog().matching(r -> !r.method().equals("GET") && !r.method().equals("HEAD")).stream()
                .noneMatch(r -> r.path().contains("comp-1")), "nothing of comp-1 was written");
        assertTrue(nexus.requestLog().matching(r -> r.path().contains("profile_evaluate")).size() >= 3,
                "each component's profile was read, the invalid one's too (while it was prepared)");
    }

    @Test
    void refusedCredentialsFailEveryComponentBeforeAnyWrite() throws Exception {
        var refused = Staging.options(nexus.url(), nexus.username(), "not-the-password", null);
        StageAllReport report = new ProductStaging(fixture.request(refused, false, false, console), console).run();

        assertTrue(report.failed());
        assertTrue(report.rows().stream().allMatch(r -> r.result() == Result.FAILED), report.rows().toString());
        for (StageOutcome row : report.rows()) {
            String text = String.join("\n", row.notes());
            assertTrue(text.contains("401") || text.toLowerCase(java.util.Locale.ROOT).contains("credential"), text);
            assertFalse(text.contains("not-the-password"), text);
        }
        assertEquals(List.of(), nexus.repositories());
        assertEquals(List.of(), nexus.requestLog().matching(r -> !r.method().equals("GET") && !r.method().equals("HEAD")));
    }

    @Test
    void atomicProductFailingDuringUploadPublishesNothing() throws Exception {
        nexus.faults().add(FaultRule.on("PUT", ".*/comp-2-1\\.2\\.1\\.jar$").always().respond(500));
        StageAllReport report = run(true, false);
        assertTrue(report.failed());
        assertTrue(report.rows().stream().allMatch(r -> r.result() == Result.FAILED), report.rows().toString());
        assertEquals(0, Staging.promotes(nexus));
        assertTrue(nexus.repositories().stream().allMatch(r -> r.state() == RepositoryState.DROPPED),
                nexus.repositories().toString());
        for (String path : fixture.releasedPaths) {
            assertTrue(nexus.releasedFile(path).isEmpty(), path + " was published");
        }
        assertEquals(fixture.file("2.1.3_START", "release.json"), fixture.file("master", StagingManifest.FILE));
        // Fixed: the next run publishes the whole product at once.
        nexus.faults().clear();
        StageAllReport second = run(true, false);
        assertFalse(second.failed(), second.rows().toString());
        assertEquals(1, Staging.promotes(nexus));
        assertEquals(fixture.file("2.1.3", "release.json"), fixture.file("master", StagingManifest.FILE));
    }

    @Test
    void dryRunOnlyReads() throws Exception {
        var refs = fixture.allRefs();
        StageAllReport report = run(false, true);
        assertFalse(report.failed(), report.rows().toString());
        assertTrue(report.rows().stream().allMatch(r -> r.result() == Result.DRY_RUN));
        assertTrue(report.notes().get(0).contains("would commit nexus-staging.json"), report.notes().toString());
        assertEquals(refs, fixture.allRefs());
        assertEquals(List.of(), nexus.requestLog().matching(r -> !r.method().equals("GET") && !r.method().equals("HEAD")));
        assertTrue(nexus.requestLog().entries().size() > 0);
    }
}

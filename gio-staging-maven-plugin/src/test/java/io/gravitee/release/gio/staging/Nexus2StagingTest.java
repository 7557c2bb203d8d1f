package io.gravitee.release.gio.staging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gravitee.release.gio.ledger.StagingState;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.sandbox.http.FaultRule;
import io.gravitee.release.gio.sandbox.http.LoggedRequest;
import io.gravitee.release.gio.sandbox.nexus2.Nexus2Config;
import io.gravitee.release.gio.sandbox.nexus2.Nexus2Emulator;
import io.gravitee.release.gio.sandbox.nexus2.RepositorySnapshot;
import io.gravitee.release.gio.sandbox.nexus2.RepositoryState;
import io.gravitee.release.gio.staging.backend.PollTimeoutException;
import io.gravitee.release.gio.staging.backend.StagedFile;
import io.gravitee.release.gio.staging.backend.StagingArea;
import io.gravitee.release.gio.staging.backend.StagingTarget;
import io.gravitee.release.gio.staging.nexus2.Nexus2Backend;
import io.gravitee.release.gio.staging.nexus2.Nexus2Options;
import io.gravitee.release.gio.staging.resolve.ResolvedComponent;
import io.gravitee.release.gio.transfer.Checksums;
import io.gravitee.release.gio.transfer.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Staging through the nexus2 backend against the in-process Nexus 2 emulator. */
class Nexus2StagingTest {
    @TempDir
    Path dir;
    TestComponent component;
    ResolvedComponent resolved;
    Nexus2Emulator nexus;
    final Console console = Console.silent();

    @BeforeEach
    void setUp() throws Exception {
        component = TestComponent.create(dir);
        resolved = component.resolve(dir.resolve("files"));
        nexus = new Nexus2Emulator(Nexus2Config.defaults().withTransitionDuration(Duration.ofMillis(100))).start(0);
    }

    @AfterEach
    void tearDown() {
        nexus.close();
    }

    private StagingService service(StagingService.Options run) {
        return Staging.service(Staging.options(nexus), dir.resolve("gio"), run, console);
    }

    private StagingState ledgerState() {
        try (StagingLedger ledger = StagingLedger.open(StagingLedger.local(dir.resolve("gio")),
                dir.resolve("gio/ledger-clone"), "demo", console)) {
            return ledger.state();
        }
    }

    private void assertEveryFileReleasedIntact() throws Exception {
        for (String path : component.releasedPaths) {
            for (String file : List.of(path, path + ".asc")) {
                Path released = nexus.releasedFile(file).orElseThrow(() -> new AssertionError("not released: " + file));
                Checksums sums = Checksums.of(released);
                assertEquals(Checksums.of(component.repository.resolve(file)), sums, file);
                assertEquals(sums.sha1(), Files.readString(nexus.releasedFile(file + ".sha1").orElseThrow()), file);
                assertEquals(sums.md5(), Files.readString(nexus.releasedFile(file + ".md5").orElseThrow()), file);
            }
        }
    }

    @Test
    void stagesClosesAndReleasesEveryFileThenAReRunUploadsNothing() throws Exception {
        StageOutcome outcome = service(Staging.run()).stage(resolved);
        assertEquals(StageOutcome.Result.PUBLISHED, outcome.result());
        assertEquals(42, outcome.filesUploaded()); // 7 files and their .asc, each with .sha1 and .md5
        assertEveryFileReleasedIntact();
        RepositorySnapshot repo = nexus.repository(outcome.areaId()).orElseThrow();
        assertEquals(RepositoryState.RELEASED, repo.state());
        assertEquals("gio:io.gravitee.demo:demo:1.0.0", repo.description());
        assertEquals(StagingState.PUBLISHED, ledgerState());
        int uploads = Staging.storedUploads(nexus).size();

        StageOutcome again = service(Staging.run()).stage(resolved);
        assertEquals(StageOutcome.Result.ALREADY_PUBLISHED, again.result());
        assertEquals(uploads, Staging.storedUploads(nexus).size());
        assertEquals(1, Staging.promotes(nexus));
    }

    @Test
    void aLostLedgerIsReconciledFromThePublicRepository() throws Exception {
        service(Staging.run()).stage(resolved);
        int uploads = Staging.storedUploads(nexus).size();
        deleteTree(dir.resolve("gio")); // mvn clean
        StageOutcome again = service(Staging.run()).stage(resolved);
        assertEquals(StageOutcome.Result.ALREADY_PUBLISHED, again.result());
        assertEquals(uploads, Staging.storedUploads(nexus).size());
        assertEquals(StagingState.PUBLISHED, ledgerState());
    }

    @Test
    void theFirstPublicCheckAsksOnlyForEachModulesPom() throws Exception {
        service(Staging.run()).stage(resolved);

        // Three modules, none public: one HEAD of each POM says so; no other file, no content, no .sha1 is asked for.
        List<LoggedRequest> checks = nexus.requestLog().matching(r -> r.path().contains("/content/repositories/releases/"));
        assertEquals(3, checks.size(), checks.toString());
        assertTrue(checks.stream().allMatch(r -> r.method().equals("HEAD") && r.path().endsWith(".pom")), checks.toString());
    }

    @Test
    void aPartialPublicationIsStillFoundThroughItsPublicPom() throws Exception {
        service(Staging.run()).stage(resolved);
        String jar = component.releasedPaths.stream().filter(p -> p.endsWith(".jar")).findFirst().orElseThrow();
        for (String file : List.of(jar, jar + ".sha1", jar + ".md5")) { // cleaned up by hand: no longer whole
            Files.delete(nexus.releasedFile(file).orElseThrow());
        }
        deleteTree(dir.resolve("gio"));

        StagingException e = assertThrows(StagingException.class, () -> service(Staging.run()).stage(resolved));

        assertTrue(e.getMessage().contains("are already public but not all"), e.getMessage());
    }

    @Test
    void worksWithTheOssrhStagingApiSubset() throws Exception {
        nexus.setOssrhMode(true);
        StageOutcome outcome = service(Staging.run()).stage(resolved);
        assertEquals(StageOutcome.Result.PUBLISHED, outcome.result());
        assertEveryFileReleasedIntact();
        assertTrue(nexus.requestLog().matching("*", ".*(profile_repositories|activity|drop).*").stream()
                .allMatch(r -> r.status() == 401), "only refused calls to what OSSRH lacks");
    }

    @Test
    void onTheOssrhServiceWithoutContentARunPublishesAndReRunsPublishNothingThroughThePublicUrl() throws Exception {
        nexus.setOssrhMode(true);
        StageOutcome outcome = service(Staging.run()).stage(resolved);
        assertEquals(StageOutcome.Result.PUBLISHED, outcome.result());
        assertEveryFileReleasedIntact();
        List<LoggedRequest> firstChecks = nexus.requestLog().matching("HEAD", "/maven2/.*");
        assertEquals(3, firstChecks.size(), firstChecks.toString()); // each module's POM, where Central serves it
        assertTrue(firstChecks.stream().allMatch(r -> r.status() == 404), firstChecks.toString());
        int uploads = Staging.storedUploads(nexus).size();

        assertEquals(StageOutcome.Result.ALREADY_PUBLISHED, service(Staging.run()).stage(resolved).result());
        deleteTree(dir.resolve("gio")); // a lost ledger: only the public repository can tell
        StageOutcome again = service(Staging.run()).stage(resolved);

        assertEquals(StageOutcome.Result.ALREADY_PUBLISHED, again.result());
        assertEquals(uploads, Staging.storedUploads(nexus).size());
        assertEquals(1, Staging.promotes(nexus));
        assertTrue(nexus.requestLog().matching(r -> r.path().startsWith("/maven2/") && r.status() == 200).size() > 3);
        assertEquals(List.of(), nexus.requestLog().matching(r -> r.path().startsWith("/content/")),
                "the service has no content/: nothing is asked of it there");
    }

    @Test
    void theOssrhServiceIsRecognisedByItsUnchallengedRefusalAndReadsMavenCentral() {
        Nexus2Options defaults = Staging.options(nexus.url(), nexus.username(), nexus.password(), null);
        try (Nexus2Backend full = new Nexus2Backend(defaults, console)) {
            assertEquals(nexus.url() + "/content/repositories/releases", full.publicUrl());
        }
        nexus.setOssrhMode(true);
        try (Nexus2Backend ossrh = new Nexus2Backend(defaults, console)) {
            assertEquals("https://repo.maven.apache.org/maven2", ossrh.publicUrl());
            assertEquals("https://repo.maven.apache.org/maven2", ossrh.publicUrl()); // probed once
        }
        List<LoggedRequest> probes = nexus.requestLog().matching("GET", ".*/profile_repositories");
        assertEquals(List.of(200, 401), probes.stream().map(LoggedRequest::status).toList());
        try (Nexus2Backend given = new Nexus2Backend(defaults.withPublicUrl("http://127.0.0.1:1/central/"), console)) {
            assertEquals("http://127.0.0.1:1/central", given.publicUrl());
        }
        assertEquals(2, nexus.requestLog().matching("GET", ".*/profile_repositories").size(),
                "a given publicUrl is not probed");
    }

    @Test
    void onTheOssrhServiceAChallengedRefusalIsACredentialsError() {
        nexus.setOssrhMode(true);
        StagingService service = Staging.service(Staging.options(nexus.url(), nexus.username(), "s3cret-typo", null)
                .withPublicUrl(nexus.centralUrl()), dir.resolve("gio"), Staging.run(), console);
        StagingException e = assertThrows(StagingException.class, () -> service.stage(resolved));
        assertTrue(e.getMessage().contains("refused the credentials of server 'gio-nexus2'"), e.getMessage());
        assertTrue(e.getMessage().contains("-Dgio.staging.serverId"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret-typo"), e.getMessage());
        assertEquals(List.of(), nexus.repositories());
    }

    @Test
    void aChecksumFileThatCannotBeWrittenStopsTheStagingBeforeAnythingIsWritten() throws Exception {
        // A directory where a checksum file goes: no write can replace it, not even root's.
        Path jar = resolved.files().stream().map(f -> f.file()).filter(f -> f.toString().endsWith(".jar")).findFirst()
                .orElseThrow();
        Files.createDirectories(jar.resolveSibling(jar.getFileName() + ".md5"));

        StagingException e = assertThrows(StagingException.class, () -> service(Staging.run()).stage(resolved));

        assertTrue(e.getMessage().contains("Cannot write the checksum files to stage"), e.getMessage());
        assertEquals(List.of(), nexus.requestLog().matching(r -> !r.method().equals("GET") && !r.method().equals("HEAD")));
        assertEquals(List.of(), nexus.repositories());
    }

    /** The files to stage of {@code resolved}, their checksum files written. */
    private List<StagedFile> writtenFiles() {
        StagedFiles.Prepared prepared = StagedFiles.prepare(resolved);
        prepared.write();
        return prepared.files();
    }

    @Test
    void aCloseRuleFailureIsReportedPerRuleAndTheRepositoryDropped() throws Exception {
        Nexus2Backend backend = new Nexus2Backend(Staging.options(nexus), console);
        StagingTarget target = new StagingTarget("io.gravitee.demo", "demo", "1.0.0");
        backend.preflight(target);
        StagingArea area = backend.open(target);
        // Upload the files without their signatures: Nexus's own rules must catch it.
        List<StagedFile> files = writtenFiles().stream()
                .filter(f -> !f.path().contains(".asc") && !f.path().endsWith("-javadoc.jar")).toList();
        backend.upload(area, files, Progress.of("test", files.size(), 0, console));
        StagingArea closed = backend.verify(area, Duration.ofSeconds(10));
        assertEquals(StagingArea.Status.FAILED, closed.status());
        assertEquals(2, closed.problems().size(), closed.problems().toString());
        assertTrue(closed.problems().get(0).startsWith("Javadoc Validation: Missing"), closed.problems().toString());
        assertTrue(closed.problems().get(1).startsWith("Signature Validation: Missing Signature"), closed.problems().toString());
        assertEquals(java.util.Optional.empty(), backend.drop(closed));
        assertEquals(RepositoryState.DROPPED, nexus.repository(area.id()).orElseThrow().state());
    }

    @Test
    void aCloseRuleFailureInOssrhModeReportsTheNotifications() throws Exception {
        nexus.setOssrhMode(true);
        Nexus2Backend backend = new Nexus2Backend(Staging.options(nexus), console);
        StagingTarget target = new StagingTarget("io.gravitee.demo", "demo", "1.0.0");
        StagingArea area = backend.open(target);
        List<StagedFile> files = writtenFiles().stream().filter(f -> !f.path().contains(".asc")).toList();
        backend.upload(area, files, Progress.of("test", files.size(), 0, console));
        StagingArea closed = backend.verify(area, Duration.ofSeconds(10));
        assertEquals(StagingArea.Status.FAILED, closed.status());
        assertTrue(closed.problems().get(0).contains("notification(s)"), closed.problems().toString());
        // The service has no bulk/drop, but drops through its manual endpoint.
        assertEquals(java.util.Optional.empty(), backend.drop(closed));
        assertEquals(RepositoryState.DROPPED, nexus.repository(area.id()).orElseThrow().state());
        assertEquals(List.of(204), nexus.requestLog().matching("DELETE", "/manual/drop/repository/" + area.id())
                .stream().map(LoggedRequest::status).toList());
    }

    @Test
    void tenPercentOfRequestsFailingStillPublishesEveryFileIntact() throws Exception {
        nexus.faults().seed(42)
                .add(FaultRule.on("*", "/service/local/staging/.*").probability(0.04).respond(503))
                .add(FaultRule.on("*", "/service/local/staging/.*").probability(0.03).reset())
                .add(FaultRule.on("*", "/service/local/staging/.*").probability(0.03).stall(Duration.ofMillis(1500)));
        StagingService faulty = Staging.service(Staging.options(nexus).withTimings(Duration.ofSeconds(1),
                Duration.ofMillis(50)), dir.resolve("gio"), Staging.run(), console);
        StageOutcome outcome = faulty.stage(resolved);
        assertEquals(StageOutcome.Result.PUBLISHED, outcome.result());
        long faults = nexus.requestLog().entries().stream().filter(r -> r.fault() != null).count();
        assertTrue(faults >= 3, "faults injected: " + faults);
        assertEveryFileReleasedIntact();
        assertEquals(1, Staging.promotes(nexus));
    }

    @Test
    void aDryRunOnlyReads() {
        StageOutcome outcome = service(new StagingService.Options(true, true, false, Duration.ofSeconds(5),
                Duration.ofSeconds(5))).stage(resolved);
        assertEquals(StageOutcome.Result.DRY_RUN, outcome.result());
        List<LoggedRequest> writes = nexus.requestLog().matching(r -> !r.method().equals("GET") && !r.method().equals("HEAD"));
        assertEquals(List.of(), writes);
        assertFalse(nexus.requestLog().entries().isEmpty());
        assertFalse(Files.exists(dir.resolve("gio")), "no ledger in a dry run");
    }

    @Test
    void wrongCredentialsFailBeforeAnythingIsStaged() {
        StagingService service = Staging.service(Staging.options(nexus.url(), nexus.username(), "wrong", null),
                dir.resolve("gio"), Staging.run(), console);
        StagingException e = assertThrows(StagingException.class, () -> service.stage(resolved));
        assertTrue(e.getMessage().contains("refused the credentials of server 'gio-nexus2'"), e.getMessage());
        assertFalse(e.getMessage().contains("wrong"));
        assertNothingWritten();
    }

    @Test
    void anUnknownProfileFailsBeforeAnythingIsStaged() {
        StagingService service = Staging.service(Staging.options(nexus.url(), nexus.username(), nexus.password(),
                "nope"), dir.resolve("gio"), Staging.run(), console);
        StagingException e = assertThrows(StagingException.class, () -> service.stage(resolved));
        assertTrue(e.getMessage().contains("no staging profile 'nope'"), e.getMessage());
        assertNothingWritten();
    }

    @Test
    void aGroupWithoutProfileFailsBeforeAnythingIsStaged() throws Exception {
        nexus.close();
        nexus = new Nexus2Emulator(Nexus2Config.defaults().withProfiles(List.of(
                new io.gravitee.release.gio.sandbox.nexus2.StagingProfile("abc", "org.other", "org.other")))).start(0);
        StagingException e = assertThrows(StagingException.class, () -> service(Staging.run()).stage(resolved));
        assertTrue(e.getMessage().contains("No staging profile") && e.getMessage().contains("io.gravitee.demo"),
                e.getMessage());
        assertNothingWritten();
    }

    @Test
    void aMissingArtifactInTheSourceRepositoryFailsBeforeAnythingIsStaged() throws Exception {
        component.delete(TestComponent.path("demo-core", "", "jar"));
        StagingException e = assertThrows(StagingException.class, () -> component.resolve(dir.resolve("other")));
        assertTrue(e.getMessage().contains("lacks 1 released file") && e.getMessage().contains("demo-core-1.0.0.jar"),
                e.getMessage());
    }

    @Test
    void anUnreachableSourceRepositoryFailsClearly() throws Exception {
        var source = io.gravitee.release.gio.staging.resolve.SourceRepository.parse("private::http://127.0.0.1:9/repo");
        var fetcher = new io.gravitee.release.gio.staging.resolve.HttpArtifactFetcher(source, null, console);
        var resolver = new io.gravitee.release.gio.staging.resolve.ArtifactResolver(fetcher,
                new io.gravitee.release.gio.staging.resolve.AttachedFileDiscovery(source, fetcher, List.of()), console, 2);
        StagingException e = assertThrows(StagingException.class, () -> resolver.resolveAtTag(component.checkout,
                "1.0.0", dir.resolve("x")));
        assertTrue(e.getMessage().contains("Cannot resolve from the source repository private::http://127.0.0.1:9/repo"),
                e.getMessage());
    }

    @Test
    void aPollThatTimesOutIsReconciledOnTheNextRun() throws Exception {
        nexus.close();
        nexus = new Nexus2Emulator(Nexus2Config.defaults().withTransitionDuration(Duration.ofMillis(1500))).start(0);
        StagingService impatient = service(new StagingService.Options(false, true, false, Duration.ofMillis(200),
                Duration.ofMillis(200)));
        assertThrows(PollTimeoutException.class, () -> impatient.stage(resolved));
        assertEquals(StagingState.STAGING, ledgerState());
        assertTrue(nexus.awaitSettled(Duration.ofSeconds(10)));
        int uploads = Staging.storedUploads(nexus).size();
        StageOutcome outcome = service(Staging.run()).stage(resolved);
        assertEquals(StageOutcome.Result.PUBLISHED, outcome.result());
        assertEquals(uploads, Staging.storedUploads(nexus).size(), "the closed repository was finished, not re-uploaded");
        assertEquals(1, nexus.repositories().size());
        assertEquals(1, Staging.promotes(nexus));
        assertEveryFileReleasedIntact();
    }

    @Test
    void aFailedAttemptLeftOpenIsDroppedAndStagedAgain() throws Exception {
        nexus.faults().add(FaultRule.on("PUT", ".*-sources\\.jar").always().respond(400));
        assertThrows(StagingException.class, () -> service(Staging.run()).stage(resolved));
        assertEquals(StagingState.DROPPED, ledgerState());
        nexus.faults().clear();
        StageOutcome outcome = service(Staging.run()).stage(resolved);
        assertEquals(StageOutcome.Result.PUBLISHED, outcome.result());
        assertEquals(2, nexus.repositories().size());
        assertEquals(RepositoryState.DROPPED, nexus.repositories().get(0).state());
        assertEveryFileReleasedIntact();
    }

    private void assertNothingWritten() {
        assertEquals(List.of(), nexus.requestLog().matching(r -> r.method().equals("PUT") || r.method().equals("POST")));
        assertEquals(List.of(), nexus.repositories());
    }

    static void deleteTree(Path root) throws java.io.IOException {
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

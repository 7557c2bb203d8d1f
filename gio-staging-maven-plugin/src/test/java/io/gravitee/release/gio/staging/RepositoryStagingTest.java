package io.gravitee.release.gio.staging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gravitee.release.gio.ledger.StagingState;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.sandbox.maven.Nexus3Peer;
import io.gravitee.release.gio.staging.FaultProxy.Action;
import io.gravitee.release.gio.staging.repository.RepositoryBackend;
import io.gravitee.release.gio.staging.resolve.ResolvedComponent;
import io.gravitee.release.gio.transfer.Checksums;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two-phase staging through the repository backend against a REAL Nexus Repository OSS 3 (shared by the test JVM),
 * seen through a fault-injecting proxy that also logs every request: maven-releases refuses a second deploy with
 * 400, which must never be provoked.
 */
class RepositoryStagingTest {
    static Nexus3Peer nexus;
    static FaultProxy proxy;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;
    TestComponent component;
    ResolvedComponent resolved;
    String group;
    final Console console = Console.silent();

    @BeforeAll
    static void startNexus() throws Exception {
        nexus = Nexus3Peer.shared();
        proxy = new FaultProxy(nexus.baseUrl());
    }

    @AfterAll
    static void stopProxy() {
        proxy.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        proxy.clearRules();
        group = "io.gravitee.t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        component = TestComponent.create(dir, 2048, group);
        resolved = component.resolve(dir.resolve("files"));
    }

    static String releaseUrl() {
        return proxy.url() + "repository/" + Nexus3Peer.RELEASES;
    }

    static String stagingUrl() {
        return proxy.url() + "repository/" + Nexus3Peer.STAGING;
    }

    RepositoryBackend backend(String password) {
        return BackendStaging.repository(releaseUrl(), stagingUrl(), nexus.credentials().username(), password, console);
    }

    RepositoryBackend backend() {
        return backend(nexus.credentials().password());
    }

    StagingService service(RepositoryBackend backend, StagingService.Options run) {
        return BackendStaging.service(backend, dir.resolve("work/gio"), run, console);
    }

    StagingState ledgerState() {
        try (StagingLedger ledger = StagingLedger.open(StagingLedger.local(dir.resolve("work/gio")),
                dir.resolve("work/gio/ledger-clone"), "demo", console)) {
            return ledger.state();
        }
    }

    static String basic() throws Exception {
        Nexus3Peer peer = Nexus3Peer.shared();
        return "Basic " + Base64.getEncoder().encodeToString((peer.credentials().username() + ":"
                + peer.credentials().password()).getBytes(StandardCharsets.UTF_8));
    }

    static HttpResponse<byte[]> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", basic()).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A PUT straight to Nexus (not through the proxy). */
    static int put(String url, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", basic()).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Every file in the release repository with its checksums; nothing left in the staging repository. */
    void assertReleasedIntactAndStagingClean() throws Exception {
        for (String path : component.releasedPaths) {
            for (String file : List.of(path, path + ".asc")) {
                HttpResponse<byte[]> released = get(nexus.url() + file);
                assertEquals(200, released.statusCode(), file);
                assertEquals(Checksums.of(component.repository.resolve(file)), Checksums.of(released.body()), file);
                assertEquals(Checksums.of(released.body()).sha1(), new String(get(nexus.url() + file + ".sha1").body()).strip());
                assertEquals(404, get(nexus.stagingUrl() + file).statusCode(), "staged copy deleted: " + file);
            }
        }
        String manifest = group.replace('.', '/') + "/demo/1.0.0/demo-1.0.0-gio-staging.txt";
        assertEquals(404, get(nexus.stagingUrl() + manifest).statusCode());
        assertEquals(404, get(nexus.url() + manifest).statusCode(), "the manifest is never promoted");
    }

    /** No 400 from the release repository, and no file of this component PUT twice there. */
    void assertNoReleasedFileWrittenTwice() {
        String prefix = "/repository/" + Nexus3Peer.RELEASES + "/" + group.replace('.', '/') + "/";
        List<FaultProxy.Logged> puts = proxy.matching("PUT", "\\Q" + prefix + "\\E.*");
        assertTrue(puts.stream().noneMatch(p -> p.status() == 400), "a 400 'cannot be updated': " + puts);
        List<String> landed = puts.stream().filter(p -> p.status() >= 200 && p.status() < 300).map(FaultProxy.Logged::path).toList();
        assertEquals(landed.stream().distinct().count(), landed.size(), "a file written twice: " + landed);
    }

    @Test
    void stagesVerifiesPromotesAndCleansThenAReRunUploadsNothing() throws Exception {
        StageOutcome outcome = service(backend(), BackendStaging.run()).stage(resolved);
        assertEquals(StageOutcome.Result.PUBLISHED, outcome.result());
        assertEquals(Nexus3Peer.STAGING + ":" + group + ":demo:1.0.0", outcome.areaId());
        assertReleasedIntactAndStagingClean();
        assertEquals(StagingState.PUBLISHED, ledgerState());
        int puts = proxy.matching("PUT", ".*").size();

        NexusFiles.deleteTree(dir.resolve("work/gio")); // a lost ledger too
        StageOutcome again = service(backend(), BackendStaging.run()).stage(resolved);
        assertEquals(StageOutcome.Result.ALREADY_PUBLISHED, again.result());
        assertEquals(puts, proxy.matching("PUT", ".*").size(), "nothing uploaded again");
        assertNoReleasedFileWrittenTwice();
    }

    @Test
    void aStagedFileWithAnotherChecksumFailsVerificationPerFileAndIsDropped() throws Exception {
        String jar = TestComponent.path(group, "demo-core", "", "jar");
        proxy.add("GET", "\\Q/repository/" + Nexus3Peer.STAGING + "/" + jar + ".sha1\\E", 1, 0, Action.RESPOND, 200,
                true, Duration.ZERO, "0000000000000000000000000000000000000000");
        StagingException e = assertThrows(StagingException.class,
                () -> service(backend(), BackendStaging.run()).stage(resolved));
        assertTrue(e.getMessage().contains(jar + ": staged SHA-1 0000000000000000000000000000000000000000"), e.getMessage());
        assertTrue(e.getMessage().contains("dropped"), e.getMessage());
        proxy.clearRules();
        assertEquals(404, get(nexus.stagingUrl() + jar).statusCode(), "the failed staged copy is deleted");
        assertEquals(404, get(nexus.url() + jar).statusCode(), "nothing promoted");
        assertEquals(StagingState.DROPPED, ledgerState());
    }

    @Test
    void aReleasedFileWithAnotherChecksumIsAHardErrorBeforeAnythingIsStaged() throws Exception {
        String jar = TestComponent.path(group, "demo-core", "", "jar");
        assertEquals(201, put(nexus.url() + jar, "other bytes".getBytes(StandardCharsets.UTF_8)));
        StagingException e = assertThrows(StagingException.class,
                () -> service(backend(), BackendStaging.run()).stage(resolved));
        assertTrue(e.getMessage().contains("already holds different content") && e.getMessage().contains(jar), e.getMessage());
        assertTrue(proxy.matching("PUT", ".*" + group.replace('.', '/') + ".*").isEmpty());
    }

    @Test
    void completesDespiteTenPercentOfRequestsFailing() throws Exception {
        proxy.add("*", "/repository/.*", 0.1, 0, Action.RESPOND, 503, false, Duration.ZERO, null);
        // The dangerous one: the release repository stored the file, the answer is lost.
        proxy.add("PUT", "/repository/" + Nexus3Peer.RELEASES + "/.*", 0.15, 0, Action.RESPOND, 502, true, Duration.ZERO, null);
        proxy.add("GET", "/repository/.*", 0.05, 0, Action.RESET, 0, false, Duration.ZERO, null);
        StageOutcome outcome = service(backend(), BackendStaging.run()).stage(resolved);
        proxy.clearRules();
        assertEquals(StageOutcome.Result.PUBLISHED, outcome.result());
        assertTrue(proxy.log().stream().anyMatch(l -> l.fault() != null), "faults were injected");
        assertReleasedIntactAndStagingClean();
        assertNoReleasedFileWrittenTwice();
    }

    @Test
    void aDryRunOnlyReads() {
        int before = proxy.log().size();
        StageOutcome outcome = service(backend(), BackendStaging.dryRun()).stage(resolved);
        assertEquals(StageOutcome.Result.DRY_RUN, outcome.result());
        List<FaultProxy.Logged> requests = proxy.log().subList(before, proxy.log().size());
        assertFalse(requests.isEmpty());
        assertTrue(requests.stream().allMatch(r -> r.method().equals("GET") || r.method().equals("HEAD")), requests.toString());
    }

    @Test
    void wrongCredentialsAreAClearErrorBeforeAnythingIsStaged() {
        StagingException e = assertThrows(StagingException.class,
                () -> service(backend("wrong-password"), BackendStaging.run()).stage(resolved));
        assertTrue(e.getMessage().contains("refused the credentials of server 'gio-maven'")
                && !e.getMessage().contains("wrong-password"), e.getMessage());
        assertTrue(proxy.matching("PUT", ".*" + group.replace('.', '/') + ".*").isEmpty());
    }

    @Test
    void aCrashBetweenPromotionAndDeletionIsReconciled() throws Exception {
        // The first search is the preflight's; the second starts the deletion of the staged copy: stall it and kill.
        proxy.add("GET", "/service/rest/v1/search", 0, 2, Action.STALL, 0, false, Duration.ofSeconds(30), null);
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), BackendStageMain.class.getName(), "repository",
                component.checkout.toString(), component.sourceRepository(), dir.resolve("work").toString(),
                releaseUrl(), stagingUrl(), nexus.credentials().username(), nexus.credentials().password());
        builder.redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile());
        Process process = builder.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (proxy.log().stream().noneMatch(l -> l.fault() != null && l.path().startsWith("/service/rest/v1/search"))) {
            assertTrue(process.isAlive(), () -> "the child ended before the crash point: " + read(dir.resolve("child.log")));
            assertTrue(System.nanoTime() < deadline, () -> "crash point not reached: " + read(dir.resolve("child.log")));
            Thread.sleep(20);
        }
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        proxy.clearRules();
        assertEquals(StagingState.CLOSED, ledgerState(), "the ledger did not learn of the promotion");
        String jar = TestComponent.path(group, "demo-core", "", "jar");
        assertEquals(200, get(nexus.stagingUrl() + jar).statusCode(), "the staged copy is still there");

        StageOutcome outcome = service(backend(), BackendStaging.run()).stage(component.resolve(dir.resolve("rerun")));
        assertEquals(StageOutcome.Result.ALREADY_PUBLISHED, outcome.result());
        assertEquals(StagingState.PUBLISHED, ledgerState());
        assertTrue(outcome.notes().stream().anyMatch(n -> n.contains("dropped")), outcome.notes().toString());
        assertReleasedIntactAndStagingClean();
        assertNoReleasedFileWrittenTwice();
    }

    private static String read(Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}

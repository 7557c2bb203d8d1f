package io.gravitee.release.gio.staging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.sandbox.http.FaultRule;
import io.gravitee.release.gio.sandbox.http.LoggedRequest;
import io.gravitee.release.gio.sandbox.nexus2.Nexus2Config;
import io.gravitee.release.gio.sandbox.nexus2.Nexus2Emulator;
import io.gravitee.release.gio.sandbox.nexus2.RepositorySnapshot;
import io.gravitee.release.gio.sandbox.nexus2.RepositoryState;
import io.gravitee.release.gio.staging.product.ProductStaging;
import io.gravitee.release.gio.staging.product.StageAllReport;
import io.gravitee.release.gio.staging.product.StagingManifest;
import io.gravitee.release.gio.transfer.Checksums;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stage-all} killed like {@code kill -9} mid-product; the re-run converges and publishes nothing twice. */
class ProductCrashTest {
    @TempDir
    Path dir;
    Nexus2Emulator nexus;
    final Console console = Console.silent();

    @AfterEach
    void tearDown() {
        if (nexus != null) {
            nexus.close();
        }
    }

    private Process child(boolean atomic) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StageAllMain.class.getName(), dir.toString(), nexus.url(),
                nexus.username(), nexus.password(), Boolean.toString(atomic));
        builder.redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile());
        return builder.start();
    }

    private void killWhen(Process process, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new AssertionError("crash point not reached: " + Files.readString(dir.resolve("child.log")));
            }
            Thread.sleep(20);
        }
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    private long released() {
        return nexus.repositories().stream().filter(r -> r.state() == RepositoryState.RELEASED).count();
    }

    private StageAllReport rerun(ProductStagingFixture fixture, boolean atomic) throws Exception {
        Thread.sleep(1200); // the killed run's lease (1 s) expires: the re-run takes it over
        return new ProductStaging(fixture.request(Staging.options(nexus), atomic, false, Duration.ofSeconds(1), console),
                console).run();
    }

    /** Every released file once, from exactly one released repository per file; no direct write to releases. */
    private void assertConverged(ProductStagingFixture fixture, int expectedReleased) throws Exception {
        List<RepositorySnapshot> released = nexus.repositories().stream()
                .filter(r -> r.state() == RepositoryState.RELEASED).toList();
        assertEquals(expectedReleased, released.size(), nexus.repositories().toString());
        assertTrue(Staging.promotes(nexus) <= expectedReleased, "a repository was promoted twice");
        for (RepositorySnapshot repo : released) {
            String prefix = "/service/local/staging/deployByRepositoryId/" + repo.id() + "/";
            List<String> stored = Staging.storedUploads(nexus).stream().map(LoggedRequest::path)
                    .filter(p -> p.startsWith(prefix)).toList();
            assertEquals(stored.stream().distinct().count(), stored.size(), "a file was uploaded twice: " + stored);
        }
        assertEquals(List.of(), nexus.requestLog().matching("PUT", "/content/repositories/releases/.*"));
        for (String path : fixture.releasedPaths) {
            assertEquals(Checksums.of(fixture.repository.resolve(path)),
                    Checksums.of(nexus.releasedFile(path).orElseThrow(() -> new AssertionError(path))), path);
        }
        assertEquals(fixture.file("2.1.3", "release.json"), fixture.file("master", StagingManifest.FILE));
    }

    @Test
    void killedMidProductThenRerunConverges() throws Exception {
        ProductStagingFixture fixture = ProductStagingFixture.create(dir, 3, 4096);
        nexus = new Nexus2Emulator(Nexus2Config.defaults().withTransitionDuration(Duration.ofMillis(100))).start(0);
        // comp-2's main jar hangs: the other two are published while it is mid-upload.
        nexus.faults().add(FaultRule.on("PUT", ".*/comp-2-1\\.2\\.1\\.jar$").always().stall(Duration.ofSeconds(8)));
        Process process = child(false);
        killWhen(process, () -> released() >= 2
                && !nexus.requestLog().matching("PUT", ".*/comp-2-1\\.2\\.1\\.jar$").isEmpty());
        nexus.faults().clear();
        StageAllReport report = rerun(fixture, false);
        assertFalse(report.failed(), report.rows() + "\n" + Files.readString(dir.resolve("child.log")));
        assertEquals(List.of("comp-2"), report.rows().stream().filter(r -> r.filesUploaded() > 0)
                .map(StageOutcome::component).toList(), "only the component in flight is uploaded again");
        assertConverged(fixture, 3);
    }

    @Test
    void killedWhileTheAtomicProductIsReleasingThenRerunConverges() throws Exception {
        ProductStagingFixture fixture = ProductStagingFixture.create(dir, 3, 4096);
        nexus = new Nexus2Emulator(Nexus2Config.defaults().withTransitionDuration(Duration.ofMillis(100))).start(0);
        nexus.faults().add(FaultRule.on("POST", ".*/bulk/promote").always().afterHandling().stall(Duration.ofSeconds(30)));
        Process process = child(true);
        killWhen(process, () -> released() == 1);
        nexus.faults().clear();
        int uploads = Staging.storedUploads(nexus).size();
        StageAllReport report = rerun(fixture, true);
        assertFalse(report.failed(), report.rows().toString());
        assertEquals(uploads, Staging.storedUploads(nexus).size(), "nothing uploaded again");
        assertTrue(report.rows().stream().allMatch(r -> r.result() == StageOutcome.Result.ALREADY_PUBLISHED),
                report.rows().toString());
        assertConverged(fixture, 1);
    }
}

package io.gravitee.release.gio.staging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.sandbox.central.CentralConfig;
import io.gravitee.release.gio.sandbox.central.CentralEmulator;
import io.gravitee.release.gio.sandbox.central.DeploymentSnapshot;
import io.gravitee.release.gio.sandbox.central.DeploymentState;
import io.gravitee.release.gio.sandbox.http.FaultRule;
import io.gravitee.release.gio.staging.StageOutcome.Result;
import io.gravitee.release.gio.staging.product.ProductStaging;
import io.gravitee.release.gio.staging.product.StageAllReport;
import io.gravitee.release.gio.staging.product.StageAllRequest;
import io.gravitee.release.gio.staging.product.StagingManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stage-all -Dgio.staging.atomic=product} with the {@code central} backend: one deployment, all or nothing. */
class ProductCentralStagingTest {
    @TempDir
    Path dir;
    ProductStagingFixture fixture;
    CentralEmulator central;
    final Console console = Console.silent();

    @BeforeEach
    void setUp() throws Exception {
        fixture = ProductStagingFixture.create(dir, 3, 4096);
        central = new CentralEmulator(CentralConfig.defaults().withDurations(Duration.ofMillis(100), Duration.ofMillis(100)))
                .start(0);
    }

    @AfterEach
    void tearDown() {
        central.close();
    }

    private StageAllReport runAtomically() {
        // The Nexus 2 options are unused: the backend is central.
        StageAllRequest base = fixture.request(Staging.options("http://127.0.0.1:9", "unused", "unused", null), true,
                false, console);
        StageAllRequest request = new StageAllRequest(base.checkout(), base.manifest(), base.release(),
                base.urlTemplate(), base.gitCredentials(), base.threads(), true, base.staging(),
                () -> BackendStaging.central(central.url(), central.username(), central.password(), console),
                base.resolver(), base.validator(), base.lease(), base.workDirectory());
        return new ProductStaging(request, console).run();
    }

    @Test
    void theWholeProductIsOneDeploymentPublishedOnce() throws Exception {
        StageAllReport report = runAtomically();

        assertFalse(report.failed(), report.rows().toString());
        List<DeploymentSnapshot> deployments = central.deployments();
        assertEquals(1, deployments.size(), deployments.toString());
        assertEquals(DeploymentState.PUBLISHED, deployments.get(0).state());
        assertTrue(report.rows().stream().allMatch(r -> deployments.get(0).id().equals(r.areaId())), report.rows().toString());
        for (String path : fixture.releasedPaths) {
            assertTrue(central.publishedFile(path).isPresent(), path + " was not published");
        }
        assertEquals(fixture.file("2.1.3", "release.json"), fixture.file("master", StagingManifest.FILE));

        StageAllReport again = runAtomically();
        assertFalse(again.failed(), again.rows().toString());
        assertEquals(1, central.deployments().size(), "nothing was uploaded again");
    }

    @Test
    void aComponentThatDoesNotValidateKeepsTheWholeProductUnpublished() throws Exception {
        Files.delete(fixture.repository.resolve(ProductStagingFixture.path("comp-1", "1.1.1", "javadoc", "jar")));

        StageAllReport report = runAtomically();

        assertTrue(report.failed());
        assertTrue(report.rows().stream().allMatch(r -> r.result() == Result.FAILED), report.rows().toString());
        assertEquals(List.of(), central.deployments());
        assertEquals(List.of(), central.publishedFiles());
    }

    @Test
    void anUploadRefusedByThePortalPublishesNothingAndTheNextRunPublishesEverythingOnce() throws Exception {
        central.faults().add(FaultRule.on("POST", ".*upload.*").always().respond(500));

        StageAllReport report = runAtomically();

        assertTrue(report.failed());
        assertEquals(List.of(), central.publishedFiles());
        assertEquals(fixture.file("2.1.3_START", "release.json"), fixture.file("master", StagingManifest.FILE));

        central.faults().clear();
        StageAllReport second = runAtomically();
        assertFalse(second.failed(), second.rows().toString());
        assertEquals(1, central.deployments().stream().filter(d -> d.state() == DeploymentState.PUBLISHED).count(),
                central.deployments().toString());
        for (String path : fixture.releasedPaths) {
            assertTrue(central.publishedFile(path).isPresent(), path + " was not published");
        }
    }
}

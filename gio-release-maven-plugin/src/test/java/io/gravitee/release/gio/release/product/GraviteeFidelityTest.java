package io.gravitee.release.gio.release.product;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.release.component.ComponentOutcome;
import io.gravitee.release.gio.sandbox.fixture.FixtureOptions;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gravitee's real 3.8.7 release, replayed over generated component remotes (10 pending
 * components in 12 waves, real builds): the manifest at tag 3.8.7 is byte for byte the one
 * Gravitee's own tooling produced.
 */
class GraviteeFidelityTest {

    @Test
    void releasing387ProducesGraviteesManifestByteForByte(@TempDir Path dir) throws Exception {
        ProductFixture product = ProductFixture.create(dir, fixture("release-3.8.7_START.json"), FixtureOptions.defaults()
                .withDependency("gravitee-gateway", "gravitee-common", FixtureOptions.VersionStyle.PROPERTY)
                .withDependency("gravitee-gateway", "gravitee-definition", FixtureOptions.VersionStyle.INLINE)
                .withDependency("gravitee-management-rest-api", "gravitee-gateway", FixtureOptions.VersionStyle.PROPERTY));

        ReleaseReport report = new ProductRelease(product.request(false, 2), Console.silent()).run();

        assertFalse(report.failed(), report.rows().toString());
        assertEquals(10, report.rows().stream().filter(r -> r.outcome().status() == ComponentOutcome.Status.RELEASED).count());
        assertEquals(fixture("release-3.8.7.json"), product.file("release", "refs/tags/3.8.7", "release.json"));
    }

    private static String fixture(String name) throws Exception {
        try (InputStream in = GraviteeFidelityTest.class.getResourceAsStream("/fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

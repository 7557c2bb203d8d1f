package io.gravitee.release.gio.release.product;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.release.component.ComponentOutcome.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build gio stops awaiting (its timeout) is cancelled on Buildbot; the next run sees the recorded build ended
 * cancelled and dispatches a new attempt under a new key, and the release completes as a local one does.
 */
class BuildbotCancelTest {
    @TempDir
    Path dir;

    @Test
    void aBuildPastItsTimeoutIsCancelledAndTheNextRunDispatchesANewAttempt() throws Exception {
        ProductFixture product = ProductFixture.create(Files.createDirectories(dir.resolve("buildbot")),
                ProductReleaseTest.MANIFEST, ProductReleaseTest.options());
        try (BuildbotProduct buildbot = BuildbotProduct.start(product)) {
            ReleaseReport first = new ProductRelease(BuildbotProduct.request(product, 30,
                    BuildbotProduct.executor(buildbot.peer.url(), Duration.ofSeconds(2))), Console.of(System.out)).run();

            assertTrue(first.failed());
            first.rows().stream().filter(r -> r.wave() == 1).forEach(r -> {
                assertEquals(Status.FAILED, r.outcome().status(), r.toString());
                assertTrue(r.outcome().detail().contains("cancelled by gio"), r.outcome().detail());
            });
            List<JsonNode> builds = buildbot.builds();
            assertEquals(2, builds.size());
            builds.forEach(b -> assertEquals(6, b.path("results").asInt(), "CANCELLED: " + b));

            ReleaseReport second = buildbot.release(product);

            assertFalse(second.failed(), second.rows().toString());
            Set<String> reasons = buildbot.buildsets().stream().map(s -> s.path("reason").asText())
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(Set.of("gio:Sample-2.1.3:sample-api:1.4.0:1", "gio:Sample-2.1.3:sample-api:1.4.0:2",
                    "gio:Sample-2.1.3:sample-common:1.20.2:1", "gio:Sample-2.1.3:sample-common:1.20.2:2",
                    "gio:Sample-2.1.3:sample-gateway:2.1.3:1"), reasons);
        }
        ProductFixture local = ProductFixture.create(Files.createDirectories(dir.resolve("local")),
                ProductReleaseTest.MANIFEST, ProductReleaseTest.options());
        assertFalse(local.release(false).failed());
        BuildbotReleaseTest.assertSameFinalState(local, product);
    }
}

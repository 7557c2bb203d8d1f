package io.gravitee.release.gio.release.product;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gravitee.release.gio.ledger.LedgerState;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.release.component.ComponentOutcome.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gio killed with SIGKILL while its builds run on Buildbot's workers, then run again: every build in flight is
 * followed, none is dispatched again, and the release ends as a local one does, each component tagged and deployed
 * once.
 */
class BuildbotCrashTest {
    private static final int LEASE_SECONDS = 3;

    @TempDir
    Path dir;

    @Test
    void killedWhileTwoBuildsRunOnTheWorkersTheReRunFollowsThemAndDispatchesNothingTwice() throws Exception {
        ProductFixture product = ProductFixture.create(Files.createDirectories(dir.resolve("buildbot")), ProductReleaseTest.MANIFEST,
                ProductReleaseTest.options());
        try (BuildbotProduct buildbot = BuildbotProduct.start(product)) {
            Process child = BuildbotReleaseChild.start(product.root, LEASE_SECONDS, buildbot.peer.url());
            Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
            while (running(buildbot) < 2) {
                assertTrue(child.isAlive(), "the release ended before its builds ran: "
                        + Files.readString(product.root.resolve("child.log")));
                assertTrue(Instant.now().isBefore(deadline), "two builds never ran at once");
                Thread.sleep(200);
            }
            child.destroyForcibly().waitFor();
            assertEquals(2, buildbot.buildRequests().size());
            LedgerState midway = BuildbotReleaseTest.ledger(product);
            for (String component : List.of("sample-common", "sample-api")) {
                assertTrue(midway.component(component).orElseThrow().ids().get("dispatch.handle") != null,
                        component + ": the handle was recorded right after the dispatch");
            }
            assertTrue(running(buildbot) >= 1, "builds go on without gio");
            Thread.sleep(Duration.ofSeconds(LEASE_SECONDS + 1).toMillis());

            ReleaseReport rerun = new ProductRelease(BuildbotProduct.request(product, buildbot.peer.url(), LEASE_SECONDS),
                    Console.of(System.out)).run();

            assertFalse(rerun.failed(), rerun.rows().toString());
            Map<String, Status> states = rerun.rows().stream().collect(Collectors.toMap(r -> r.outcome().component(),
                    r -> r.outcome().status()));
            assertEquals(Status.RELEASED, states.get("sample-gateway"));
            List<JsonNode> requests = buildbot.buildRequests();
            assertEquals(3, requests.size(), "the re-run dispatched only the component nobody had: " + requests);
            List<JsonNode> builds = buildbot.builds();
            assertEquals(3, builds.size(), "one build per component, each run once: " + builds);
            builds.forEach(b -> assertEquals(0, b.path("results").asInt(), b.toString()));
        }
        // 0 duplicate tags: each component has its one release tag; 0 duplicate deploys: each job deployed once.
        assertEquals(List.of("sample-api.git refs/tags/1.4.0", "sample-common.git refs/tags/1.20.2",
                "sample-gateway.git refs/tags/2.1.3"), product.allRefs().keySet().stream()
                .filter(r -> r.contains("refs/tags/") && !r.startsWith("release.git")).sorted().toList());
        for (String component : BuildbotReleaseTest.COMPONENTS) {
            String log = Files.readString(product.root.resolve("work/" + component + "-build.log"));
            assertEquals(1, log.split("\\[gio\\] deploy\\.files ", -1).length - 1, component + ": deployed once");
        }
        ProductFixture local = ProductFixture.create(Files.createDirectories(dir.resolve("local")), ProductReleaseTest.MANIFEST,
                ProductReleaseTest.options());
        assertFalse(local.release(false).failed());
        BuildbotReleaseTest.assertSameFinalState(local, product);
    }

    private static long running(BuildbotProduct buildbot) throws Exception {
        return buildbot.builds().stream().filter(b -> !b.path("complete").asBoolean()).count();
    }
}

package io.gravitee.release.gio.release.product;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gravitee.release.gio.credentials.Credentials;
import io.gravitee.release.gio.ledger.Ledger;
import io.gravitee.release.gio.ledger.LedgerLocation;
import io.gravitee.release.gio.ledger.Lifecycle;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.manifest.Component;
import io.gravitee.release.gio.manifest.Version;
import io.gravitee.release.gio.release.build.DeployRecord;
import io.gravitee.release.gio.release.executor.BuildbotEngine;
import io.gravitee.release.gio.release.executor.CiEngine;
import io.gravitee.release.gio.release.executor.RemoteExecutor;
import io.gravitee.release.gio.sandbox.buildbot.BuildbotPeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The other ways a Buildbot release resumes: a dispatch whose answer was lost is found by its key, one that never
 * reached Buildbot is dispatched; a build Buildbot re-runs after a worker crash (RETRY) completes the release; a job
 * run again once its tag exists ends in success having written nothing.
 */
class BuildbotResumeTest {
    private static final String RELEASE = "Sample-2.1.3";

    @TempDir
    Path dir;

    @Test
    void lostDispatchAnswersAndAWorkerCrashAndAJobRunAgainAfterItsTag() throws Exception {
        ProductFixture product = ProductFixture.create(Files.createDirectories(dir.resolve("buildbot")),
                ProductReleaseTest.MANIFEST, ProductReleaseTest.options());
        try (BuildbotProduct buildbot = BuildbotProduct.start(product)) {
            CiEngine engine = new BuildbotEngine(buildbot.peer.url(), Optional.of(new Credentials("gio-buildbot",
                    BuildbotProduct.LOGIN.username(), BuildbotProduct.LOGIN.password())), BuildbotPeer.BUILDER,
                    BuildbotPeer.SCHEDULER);
            Component common = new Component("sample-common", Version.parse("1.20.2-SNAPSHOT"), true, Optional.empty());
            String commonKey = RemoteExecutor.key(RELEASE, "sample-common", "1.20.2", 1);
            String apiKey = RemoteExecutor.key(RELEASE, "sample-api", "1.4.0", 1);
            // As a run killed between recording the intent and Buildbot's answer leaves things: sample-common's
            // dispatch reached Buildbot, sample-api's did not.
            try (Ledger ledger = Ledger.open(new LedgerLocation(product.git.resolve("release.git").toUri().toString(),
                    "master", null, ReleaseRequest.LEDGER_FILE, Lifecycle.RELEASE), dir.resolve("ledger"),
                    Console.silent())) {
                new LedgerDispatchJournal(ledger, "sample-common", "1.20.2").intend(commonKey, 1);
                new LedgerDispatchJournal(ledger, "sample-api", "1.4.0").intend(apiKey, 1);
            }
            String commonRequest = engine.dispatch(commonKey, RemoteExecutor.jobOptions(product.settings(false),
                    common, Map.of(), DeployRecord.empty(), commonKey));
            // sample-common's worker crashes while it builds: Buildbot re-runs the build on its own.
            awaitRunning(buildbot, Duration.ofSeconds(60));
            Thread.sleep(2000);
            int workerId = buildbot.builds().get(0).path("workerid").asInt();
            String name = buildbot.workers().stream().filter(w -> w.path("workerid").asInt() == workerId)
                    .findFirst().orElseThrow().path("name").asText();
            int worker = Integer.parseInt(name.substring("worker-".length()));
            buildbot.peer.killWorker(worker);
            buildbot.peer.startWorker(worker);

            ReleaseReport report = buildbot.release(product);

            assertFalse(report.failed(), report.rows().toString());
            List<JsonNode> requests = buildbot.buildRequests();
            assertEquals(3, requests.size(), "nothing dispatched twice: " + requests);
            assertEquals(List.of(commonKey), reasons(buildbot, "sample-common"));
            assertEquals(List.of(apiKey), reasons(buildbot, "sample-api"), "the lost intent was dispatched once");
            List<JsonNode> commonBuilds = buildbot.builds().stream()
                    .filter(b -> b.path("buildrequestid").asText().equals(commonRequest)).toList();
            assertEquals(5, commonBuilds.get(0).path("results").asInt(), "the crashed build is RETRY: " + commonBuilds);
            assertEquals(0, commonBuilds.get(commonBuilds.size() - 1).path("results").asInt(), commonBuilds.toString());
            assertTrue(Files.readString(product.root.resolve("work/sample-common-build.log"))
                    .split("=== buildbot build ").length - 1 >= 2, "the log holds every run of the build");

            // A job Buildbot runs once more after the release (a retry after the fact) writes nothing.
            Map<String, ObjectId> refs = product.allRefs();
            Map<String, Long> deployed = BuildbotReleaseTest.deployedPaths(product);
            String again = engine.dispatch("again", RemoteExecutor.jobOptions(product.settings(false), common, Map.of(),
                    DeployRecord.empty(), "again"));
            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            while (!engine.poll(again).finished() && Instant.now().isBefore(deadline)) {
                Thread.sleep(500);
            }
            assertEquals(CiEngine.State.SUCCEEDED, engine.poll(again).state(), engine.log(again));
            assertTrue(engine.log(again).contains("ALREADY_RELEASED"), engine.log(again));
            assertEquals(refs, product.allRefs());
            assertEquals(deployed, BuildbotReleaseTest.deployedPaths(product));
        }
    }

    private static List<String> reasons(BuildbotProduct buildbot, String component) throws Exception {
        return buildbot.buildsets().stream().map(s -> s.path("reason").asText())
                .filter(r -> r.contains(":" + component + ":")).toList();
    }

    private static void awaitRunning(BuildbotProduct buildbot, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (buildbot.builds().stream().noneMatch(b -> !b.path("complete").asBoolean())) {
            assertTrue(Instant.now().isBefore(deadline), "no build started");
            Thread.sleep(200);
        }
    }
}

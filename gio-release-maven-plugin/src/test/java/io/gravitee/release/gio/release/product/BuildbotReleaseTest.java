package io.gravitee.release.gio.release.product;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gravitee.release.gio.ledger.LedgerState;
import io.gravitee.release.gio.release.build.DeployRecord;
import io.gravitee.release.gio.release.component.ComponentOutcome.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample product released through a real Buildbot with two workers, against the same release run locally. */
class BuildbotReleaseTest {
    static final List<String> COMPONENTS = List.of("sample-common", "sample-api", "sample-gateway");

    @TempDir
    Path dir;

    @Test
    void releasingThroughBuildbotReachesTheStateOfALocalRelease() throws Exception {
        ProductFixture local = ProductFixture.create(Files.createDirectories(dir.resolve("local")), ProductReleaseTest.MANIFEST,
                ProductReleaseTest.options());
        ProductFixture remote = ProductFixture.create(Files.createDirectories(dir.resolve("buildbot")), ProductReleaseTest.MANIFEST,
                ProductReleaseTest.options());
        assertFalse(local.release(false).failed());

        try (BuildbotProduct buildbot = BuildbotProduct.start(remote)) {
            ReleaseReport report = buildbot.release(remote);

            assertFalse(report.failed(), report.rows().toString());
            assertEquals(List.of(Status.RELEASED, Status.RELEASED, Status.RELEASED),
                    report.rows().stream().map(r -> r.outcome().status()).toList());
            report.rows().forEach(r -> assertTrue(r.outcome().detail().contains("built on buildbot"), r.toString()));
            assertEquals(3, buildbot.buildRequests().size(), "one dispatch per component");
            List<JsonNode> builds = buildbot.builds();
            assertEquals(3, builds.size());
            builds.forEach(b -> assertEquals(0, b.path("results").asInt(), b.toString()));
            assertEquals(2, builds.stream().map(b -> b.path("workerid").asInt()).distinct().count(),
                    "the first wave's two components built on the two workers at once");
            Set<String> reasons = buildbot.buildsets().stream().map(s -> s.path("reason").asText())
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(Set.of("gio:Sample-2.1.3:sample-api:1.4.0:1", "gio:Sample-2.1.3:sample-common:1.20.2:1",
                    "gio:Sample-2.1.3:sample-gateway:2.1.3:1"), reasons);
        }
        for (String component : COMPONENTS) {
            String log = Files.readString(remote.root.resolve("work/" + component + "-build.log"));
            assertTrue(log.contains("gio-release-maven-plugin:0.1.0-SNAPSHOT:component"), component + ": " + log);
            assertTrue(log.contains("[gio] deploy.files "), component + ": the job's log is copied: " + log);
        }
        assertSameFinalState(local, remote);
    }

    /** Tags, deployed files, the ledger's records and release.json: what a release leaves behind. */
    static void assertSameFinalState(ProductFixture expected, ProductFixture actual) throws Exception {
        assertEquals(refNames(expected), refNames(actual));
        assertEquals(deployedPaths(expected), deployedPaths(actual));
        assertEquals(expected.file("release", "master", "release.json"), actual.file("release", "master", "release.json"));
        assertEquals(expected.file("release", "refs/tags/2.1.3", "release.json"),
                actual.file("release", "refs/tags/2.1.3", "release.json"));
        LedgerState want = ledger(expected);
        LedgerState got = ledger(actual);
        for (String component : COMPONENTS) {
            assertEquals(want.stateOf(component), got.stateOf(component), component);
            Map<String, String> w = want.component(component).orElseThrow().ids();
            Map<String, String> g = got.component(component).orElseThrow().ids();
            assertEquals(w.get("artifacts"), g.get("artifacts"), component);
            assertEquals(DeployRecord.parse(w.get("deploy.files")).files().keySet(),
                    DeployRecord.parse(g.get("deploy.files")).files().keySet(), component + ": the deployed set");
        }
    }

    static LedgerState ledger(ProductFixture product) throws Exception {
        return LedgerState.fromJson(product.file("release", "master", ReleaseRequest.LEDGER_FILE)
                .getBytes(StandardCharsets.UTF_8), "ledger");
    }

    static Set<String> refNames(ProductFixture product) throws Exception {
        return new TreeSet<>(product.allRefs().keySet().stream().filter(r -> !r.contains("refs/gio/")).toList());
    }

    static Map<String, Long> deployedPaths(ProductFixture product) throws Exception {
        Map<String, Long> paths = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(product.deploy)) {
            walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("maven-metadata"))
                    .forEach(p -> paths.put(product.deploy.relativize(p).toString(), 1L));
        }
        return paths;
    }
}

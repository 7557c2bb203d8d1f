package io.gravitee.release.gio.release.product;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gravitee.release.gio.ledger.LeaseHeldException;
import io.gravitee.release.gio.ledger.LeaseOptions;
import io.gravitee.release.gio.ledger.Ledger;
import io.gravitee.release.gio.ledger.LedgerLocation;
import io.gravitee.release.gio.ledger.Lifecycle;
import io.gravitee.release.gio.ledger.ReleaseState;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.manifest.Manifest;
import io.gravitee.release.gio.release.component.ComponentOutcome.Status;
import io.gravitee.release.gio.release.component.ReleaseException;
import io.gravitee.release.gio.sandbox.fixture.FixtureOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The orchestrated release over real remotes and real Maven builds. */
class ProductReleaseTest {
    static final String MANIFEST = """
            {
                "name": "Sample",
                "version": "2.1.3-SNAPSHOT",
                "buildTimestamp": "2021-02-17T20:55:06+0000",
                "scmHttpUrl": "https://example.com/",
                "components": [
                    {"name": "sample-common", "version": "1.20.2-SNAPSHOT", "since": "2.1.0"},
                    {"name": "sample-api", "version": "1.4.0-SNAPSHOT"},
                    {"name": "sample-gateway", "version": "2.1.3-SNAPSHOT", "since": "2.1.2"},
                    {"name": "sample-untouched", "version": "1.0.0"}
                ],
                "buildDependencies": [["sample-common", "sample-api"], ["sample-untouched"], ["sample-gateway"]]
            }""";

    static FixtureOptions options() {
        return FixtureOptions.defaults()
                .withDependency("sample-gateway", "sample-common", FixtureOptions.VersionStyle.PROPERTY)
                .withDependency("sample-gateway", "sample-api", FixtureOptions.VersionStyle.INLINE);
    }

    @TempDir
    Path dir;

    @Test
    void releasesEveryWaveRecordsEachComponentTagsAndPreparesTheNextVersion() throws Exception {
        ProductFixture product = ProductFixture.create(dir, MANIFEST, options());

        ReleaseReport report = product.release(false);

        assertFalse(report.failed());
        assertEquals(List.of(Status.RELEASED, Status.RELEASED, Status.RELEASED),
                report.rows().stream().map(r -> r.outcome().status()).toList());
        Manifest atTag = Manifest.parse(product.file("release", "refs/tags/2.1.3", "release.json"), "tag");
        assertEquals("2.1.3", atTag.version().toString());
        assertEquals("1.20.2", atTag.component("sample-common").orElseThrow().version().toString());
        assertEquals("2.1.3", atTag.component("sample-common").orElseThrow().since().orElseThrow());
        assertEquals("1.0.0", atTag.component("sample-untouched").orElseThrow().version().toString());
        assertEquals("2.1.4-SNAPSHOT", Manifest.parse(product.file("release", "master", "release.json"), "head")
                .version().toString());
        List<String> history = product.log("release", "master");
        assertEquals("chore(): Prepare next version", history.get(0));
        assertEquals("Release 2.1.3", history.get(1));
        List<String> components = history.subList(2, history.size()).stream()
                .filter(m -> m.startsWith("Release ") && !m.equals("Release manifest")).toList();
        assertEquals(3, components.size(), history.toString());
        assertTrue(components.containsAll(List.of("Release sample-common 1.20.2", "Release sample-api 1.4.0",
                "Release sample-gateway 2.1.3")), history.toString());
        for (String c : List.of("sample-common 1.20.2", "sample-api 1.4.0", "sample-gateway 2.1.3")) {
            // Newest first: the record, then the deployed set, then the intent written before the first upload.
            int intent = history.indexOf("Deploy " + c);
            int deployed = history.indexOf("Deployed " + c);
            int released = history.indexOf("Release " + c);
            assertTrue(released >= 0 && released < deployed && deployed < intent, history.toString());
            assertEquals(intent, history.lastIndexOf("Deploy " + c), "one deploy intent for " + c);
        }
        assertTrue(product.allRefs().containsKey("release.git refs/tags/2.1.3_START"));
        String gatewayPom = product.file("sample-gateway", "refs/tags/2.1.3", "pom.xml");
        assertTrue(gatewayPom.contains(">1.20.2<") && gatewayPom.contains(">1.4.0<") && !gatewayPom.contains("SNAPSHOT"),
                gatewayPom);
        report.write(dir.resolve("reports"));
        assertTrue(Files.readString(dir.resolve("reports/release-report.md")).contains("| 3 | sample-gateway | 2.1.3 | RELEASED |"));
        try (Ledger ledger = Ledger.open(new LedgerLocation(product.git.resolve("release.git").toUri().toString(),
                "master", null, ReleaseRequest.LEDGER_FILE, Lifecycle.RELEASE), dir.resolve("ledger"), Console.silent())) {
            assertEquals(ReleaseState.RELEASED, ledger.state().stateOf("sample-gateway"));
            assertEquals("io.gravitee.sample:sample-common", ledger.state().component("sample-common").orElseThrow()
                    .ids().get("artifacts"));
        }
    }

    @Test
    void aFinishedReleaseRunAgainChangesNothingAnywhere() throws Exception {
        ProductFixture product = ProductFixture.create(dir, MANIFEST, options());
        product.release(false);
        Map<String, ObjectId> before = product.allRefs();

        ReleaseReport again = product.release(false);

        assertEquals(List.of(), again.rows());
        assertTrue(again.notes().get(0).contains("Nothing to release"), again.notes().toString());
        assertEquals(before, product.allRefs());
    }

    @Test
    void aFailedBuildStopsAfterItsWaveAndTheNextRunReleasesOnlyWhatIsLeft() throws Exception {
        ProductFixture product = ProductFixture.create(dir, MANIFEST, options());
        product.commitTo("sample-api", "master", "src/main/java/Broken.java", "class Broken { not java }");

        ReleaseReport first = product.release(false);

        assertTrue(first.failed());
        Map<String, Status> states = Map.of(
                "sample-common", Status.RELEASED, "sample-api", Status.FAILED, "sample-gateway", Status.NOT_STARTED);
        first.rows().forEach(r -> assertEquals(states.get(r.outcome().component()), r.outcome().status(),
                r.outcome().component() + ": " + r.outcome().detail()));
        assertTrue(first.rows().get(1).outcome().detail().contains("the build failed"));
        ObjectId commonTag = product.allRefs().get("sample-common.git refs/tags/1.20.2");
        Manifest midway = Manifest.parse(product.file("release", "master", "release.json"), "midway");
        assertFalse(midway.component("sample-common").orElseThrow().pending());
        assertTrue(midway.component("sample-api").orElseThrow().pending());

        product.commitTo("sample-api", "master", "src/main/java/Broken.java", "class Broken {}");
        ReleaseReport second = product.release(false);

        assertFalse(second.failed(), second.rows().toString());
        assertEquals(List.of("sample-api", "sample-gateway"),
                second.rows().stream().map(r -> r.outcome().component()).toList());
        assertEquals(commonTag, product.allRefs().get("sample-common.git refs/tags/1.20.2"), "sample-common not re-tagged");
        String gatewayPom = product.file("sample-gateway", "refs/tags/2.1.3", "pom.xml");
        assertTrue(gatewayPom.contains(">1.20.2<"), "alignment uses what the first run released: " + gatewayPom);
        assertEquals("2.1.3", Manifest.parse(product.file("release", "refs/tags/2.1.3", "release.json"), "t")
                .version().toString());
    }

    @Test
    void aSecondReleaseWhileOneRunsIsRefusedNamingTheFirst() throws Exception {
        ProductFixture product = ProductFixture.create(dir, MANIFEST, options());
        try (Ledger first = Ledger.open(new LedgerLocation(product.git.resolve("release.git").toUri().toString(), "master",
                null, ReleaseRequest.LEDGER_FILE, Lifecycle.RELEASE), dir.resolve("other"), Console.silent())) {
            first.acquireLease("release-2.1.3", new LeaseOptions(Duration.ofSeconds(60), false, "the nightly job"));
            Map<String, ObjectId> before = product.allRefs();

            LeaseHeldException refused = assertThrows(LeaseHeldException.class, () -> product.release(false));

            assertTrue(refused.getMessage().contains("the nightly job"), refused.getMessage());
            assertTrue(refused.getMessage().contains("gio.lock.force"), refused.getMessage());
            assertEquals(before, product.allRefs());
        }
    }

    @Test
    void uncommittedChangesInTheReleaseCheckoutAreRefusedBeforeAnything() throws Exception {
        ProductFixture product = ProductFixture.create(dir, MANIFEST, options());
        Files.writeString(product.checkout.resolve("release.json"), MANIFEST.replace("Sample", "Edited"));
        Map<String, ObjectId> before = product.allRefs();

        ReleaseException e = assertThrows(ReleaseException.class, () -> product.release(false));

        assertTrue(e.getMessage().contains("uncommitted changes"), e.getMessage());
        assertEquals(before, product.allRefs());
    }

    @Test
    void aDryRunBuildsEverythingAndWritesNoRemote() throws Exception {
        ProductFixture product = ProductFixture.create(dir, MANIFEST, options());
        Map<String, ObjectId> before = product.allRefs();

        ReleaseReport report = product.release(true);

        assertFalse(report.failed(), report.rows().toString());
        assertEquals(List.of(Status.DRY_RUN, Status.DRY_RUN, Status.DRY_RUN),
                report.rows().stream().map(r -> r.outcome().status()).toList());
        assertEquals(before, product.allRefs());
        try (var deployed = Files.list(product.deploy)) {
            assertEquals(0, deployed.count());
        }
        assertTrue(Files.isRegularFile(dir.resolve(
                "dry-run-repo/io/gravitee/sample/sample-gateway/2.1.3/sample-gateway-2.1.3.jar")));
    }

    @Test
    void aManifestWithNothingPendingDoesNothingAndSaysSo() throws Exception {
        ProductFixture product = ProductFixture.create(dir, MANIFEST.replace("-SNAPSHOT\", \"since", "\", \"since")
                .replace("1.4.0-SNAPSHOT", "1.4.0"), FixtureOptions.defaults());
        Map<String, ObjectId> before = product.allRefs();

        ReleaseReport report = product.release(false);

        assertEquals(List.of(), report.rows());
        assertEquals(before, product.allRefs());
    }
}

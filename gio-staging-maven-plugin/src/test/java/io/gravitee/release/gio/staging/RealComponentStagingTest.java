package io.gravitee.release.gio.staging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.sandbox.maven.Nexus3Peer;
import io.gravitee.release.gio.sandbox.nexus2.Nexus2Config;
import io.gravitee.release.gio.sandbox.nexus2.Nexus2Emulator;
import io.gravitee.release.gio.staging.resolve.AttachedFileDiscovery;
import io.gravitee.release.gio.staging.resolve.ResolvedComponent;
import io.gravitee.release.gio.staging.resolve.ResolvedFile;
import io.gravitee.release.gio.staging.validate.Validator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Staging what Gravitee really published: {@code gravitee-policy-apikey} at its release tags (the real repository,
 * from {@code shared/fixtures/real}), resolved from Maven Central, where Central accepted it (so it satisfies
 * Central's rules through what its parent {@code gravitee-parent} gives it), staged through the nexus2 backend and
 * the repository backend.
 */
class RealComponentStagingTest {
    static final String APIKEY = "gravitee-policy-apikey";
    static final String DIR_250 = "io/gravitee/policy/gravitee-policy-apikey/2.5.0/";
    /** Every file Central holds for 2.5.0 besides the checksum files. */
    static final List<String> FILES_250 = Stream.of(".pom", ".jar", "-sources.jar", "-javadoc.jar", ".zip")
            .flatMap(suffix -> Stream.of(suffix, suffix + ".asc"))
            .map(suffix -> DIR_250 + APIKEY + "-2.5.0" + suffix).toList();

    @TempDir
    Path dir;
    final Console console = Console.silent();

    ResolvedComponent resolve250() throws Exception {
        Path checkout = RealComponents.checkout(APIKEY, "2.5.0", dir.resolve("apikey"));
        return RealComponents.resolve(checkout, "2.5.0", dir.resolve("files"), console);
    }

    static List<String> paths(ResolvedComponent component) {
        List<String> paths = new ArrayList<>();
        for (ResolvedFile file : component.files()) {
            paths.add(file.path());
            if (file.signature() != null) {
                paths.add(file.path() + ".asc");
            }
        }
        return paths.stream().sorted().toList();
    }

    @Test
    void theReleaseAtTag250PassesCentralsRulesWithItsZipFromTheEffectiveModel() throws Exception {
        ResolvedComponent resolved = resolve250();

        assertEquals(List.of(), Validator.central(null).validate(resolved));
        assertEquals(FILES_250.stream().sorted().toList(), paths(resolved));
        assertEquals(AttachedFileDiscovery.Method.EXPECTED,
                resolved.discovery().get("io.gravitee.policy:gravitee-policy-apikey:2.5.0"));
        var pom = resolved.models().get(DIR_250 + APIKEY + "-2.5.0.pom");
        assertEquals(List.of("io.gravitee:gravitee-parent:20.3"), pom.parents());
        assertTrue(pom.model().getLicenses().size() > 0 && pom.model().getScm() != null, "inherited from gravitee-parent");
        for (ResolvedFile file : resolved.files()) {
            assertArrayEquals(RealComponents.centralFile(file.path()), Files.readAllBytes(file.file()), file.path());
        }
    }

    @Test
    void theReleaseAtTag230IsRefusedBecauseCentralHoldsNoPomForIt() throws Exception {
        // Central holds only the zip of 2.3.0 (its POM, jars and signatures answer 404): the work tree has the POM,
        // but what was deployed is what is published, so the POM is missing, not taken from the checkout.
        Path checkout = RealComponents.checkout(APIKEY, "2.3.0", dir.resolve("apikey"));
        assertTrue(Files.isRegularFile(checkout.resolve("pom.xml")));

        StagingException e = assertThrows(StagingException.class,
                () -> RealComponents.resolve(checkout, "2.3.0", dir.resolve("files"), console));

        assertTrue(e.getMessage().contains("lacks 1 released POM(s)"), e.getMessage());
        assertTrue(e.getMessage().contains("gravitee-policy-apikey-2.3.0.pom"), e.getMessage());
        assertTrue(e.getMessage().contains("never the work tree's"), e.getMessage());
    }

    @ParameterizedTest(name = "OSSRH Staging API service: {0}")
    @ValueSource(booleans = {false, true})
    void stagedThroughNexus2EveryFileIsPublishedByteIdenticalAndARerunPublishesNothing(boolean ossrh) throws Exception {
        ResolvedComponent resolved = resolve250();
        // In OSSRH mode the emulator has no /content: what is published is read where it stands for Central.
        try (Nexus2Emulator nexus = new Nexus2Emulator(Nexus2Config.defaults().withTransitionDuration(Duration.ofMillis(50))
                .withOssrhMode(ossrh)).start(0)) {
            // Central serves gravitee-parent; its close rules read the POM's values from it, as Central's do.
            String parent = "io/gravitee/gravitee-parent/20.3/gravitee-parent-20.3.pom";
            nexus.seedReleased(parent, RealComponents.centralFile(parent));

            StageOutcome outcome = Staging.service(Staging.options(nexus), dir.resolve("gio"), Staging.run(), console)
                    .stage(resolved);

            assertEquals(StageOutcome.Result.PUBLISHED, outcome.result(), outcome.toString());
            for (String path : FILES_250) {
                Path released = nexus.releasedFile(path).orElseThrow(() -> new AssertionError("not released: " + path));
                assertArrayEquals(RealComponents.centralFile(path), Files.readAllBytes(released), path);
            }
            int uploads = Staging.storedUploads(nexus).size();
            StageOutcome again = Staging.service(Staging.options(nexus), dir.resolve("gio"), Staging.run(), console)
                    .stage(resolved);
            assertEquals(StageOutcome.Result.ALREADY_PUBLISHED, again.result());
            assertEquals(uploads, Staging.storedUploads(nexus).size());
            if (ossrh) {
                assertTrue(nexus.requestLog().matching(r -> r.path().contains("/content/")).isEmpty());
            }
        }
    }

    @Test
    void stagedThroughTheRepositoryBackendIntoNexus3EveryFileIsPublishedAndARerunPublishesNothing() throws Exception {
        ResolvedComponent resolved = resolve250();
        Nexus3Peer nexus = Nexus3Peer.shared();
        URI releases = nexus.createReleaseRepository("real-apikey");
        var backend = BackendStaging.repository(releases.toString(), nexus.stagingUrl().toString(),
                nexus.credentials().username(), nexus.credentials().password(), console);

        StageOutcome outcome = BackendStaging.service(backend, dir.resolve("gio"), BackendStaging.run(), console)
                .stage(resolved);

        assertEquals(StageOutcome.Result.PUBLISHED, outcome.result(), outcome.toString());
        HttpClient http = HttpClient.newHttpClient();
        String auth = "Basic " + Base64.getEncoder().encodeToString((nexus.credentials().username() + ":"
                + nexus.credentials().password()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (String path : FILES_250) {
            HttpResponse<byte[]> got = http.send(HttpRequest.newBuilder(releases.resolve(path))
                    .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, got.statusCode(), path);
            assertArrayEquals(RealComponents.centralFile(path), got.body(), path);
        }
        int before = nexus.assetPaths("real-apikey").size();
        StageOutcome again = BackendStaging.service(backend, dir.resolve("gio"), BackendStaging.run(), console)
                .stage(resolved);
        assertEquals(StageOutcome.Result.ALREADY_PUBLISHED, again.result());
        assertEquals(before, nexus.assetPaths("real-apikey").size());
        assertEquals(0, again.filesUploaded());
    }
}

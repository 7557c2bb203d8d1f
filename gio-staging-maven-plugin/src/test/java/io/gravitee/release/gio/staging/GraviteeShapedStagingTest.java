package io.gravitee.release.gio.staging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.sandbox.nexus2.Nexus2Config;
import io.gravitee.release.gio.sandbox.nexus2.Nexus2Emulator;
import io.gravitee.release.gio.staging.resolve.AttachedFileDiscovery;
import io.gravitee.release.gio.staging.resolve.ResolvedComponent;
import io.gravitee.release.gio.staging.validate.Problem;
import io.gravitee.release.gio.staging.validate.Validator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A multi-module component shaped like Gravitee's ({@link TestComponent#gravitee}): its deployed set, no less, no more. */
class GraviteeShapedStagingTest {
    static final String COMPANY = "io/gravitee/demo/demo-company-parent/7/demo-company-parent-7.pom";
    @TempDir
    Path dir;
    TestComponent component;
    final Console console = Console.silent();

    @BeforeEach
    void create() throws Exception {
        component = TestComponent.gravitee(dir);
    }

    static List<String> paths(ResolvedComponent resolved) {
        List<String> paths = new ArrayList<>();
        resolved.files().forEach(f -> paths.add(f.path()));
        return paths.stream().sorted().toList();
    }

    @Test
    void everyDeployedFileAndNoOtherIsResolvedAndPassesCentralsRulesThroughTheCompanyParent() throws Exception {
        ResolvedComponent resolved = component.resolve(dir.resolve("out"));

        assertEquals(List.of(), Validator.central(TestSigner.MAIN.keyRing()).validate(resolved));
        assertEquals(component.releasedPaths.stream().sorted().toList(), paths(resolved));
        assertTrue(resolved.modules().stream().noneMatch(m -> m.artifactId().equals("demo-policy-tests")));
        assertTrue(resolved.models().get(TestComponent.path("demo-policy-b", "", "pom")).parents()
                .equals(List.of("io.gravitee.demo:demo-policy:1.0.0", "io.gravitee.demo:demo-company-parent:7")));
    }

    /** What gio-release records as deployed: every file with its signature and checksums. */
    Set<String> recorded() {
        Set<String> paths = new TreeSet<>();
        for (String path : component.releasedPaths) {
            for (String suffix : List.of("", ".sha1", ".md5", ".asc", ".asc.sha1", ".asc.md5")) {
                paths.add(path + suffix);
            }
        }
        return paths;
    }

    @Test
    void gioReleasesRecordOfTheDeployIsTheFirstSourceOfTheStagedSet() throws Exception {
        ResolvedComponent resolved = component.resolve(dir.resolve("out"), recorded());

        assertEquals(component.releasedPaths.stream().sorted().toList(), paths(resolved));
        assertEquals(AttachedFileDiscovery.Method.LEDGER, resolved.discovery().get("io.gravitee.demo:demo-policy-a:1.0.0"));
        assertEquals(List.of(), Validator.central(TestSigner.MAIN.keyRing()).validate(resolved));
    }

    @Test
    void aRecordedFileTheRepositoryNoLongerHasStopsTheStaging() throws Exception {
        Set<String> recorded = recorded();
        recorded.add("io/gravitee/demo/demo-policy-a/1.0.0/demo-policy-a-1.0.0-tests.jar");

        StagingException e = assertThrows(StagingException.class, () -> component.resolve(dir.resolve("out"), recorded));

        // Recorded as deployed, so it must be published: its absence is reported like any released file's.
        assertTrue(e.getMessage().contains("demo-policy-a-1.0.0-tests.jar"), e.getMessage());
    }

    private ResolvedComponent resolveFrom(String url, Path into) {
        var console = io.gravitee.release.gio.log.Console.silent();
        var source = new io.gravitee.release.gio.staging.resolve.SourceRepository("artifactory", url);
        try (var http = new io.gravitee.release.gio.staging.resolve.HttpArtifactFetcher(source, null, console)) {
            return new io.gravitee.release.gio.staging.resolve.ArtifactResolver(http,
                    new AttachedFileDiscovery(source, http, List.of()), console, 4)
                    .resolveAtTag(component.checkout, io.gravitee.release.gio.staging.resolve.ReleaseTag.LAST_TAG, into);
        }
    }

    @Test
    void anArtifactoryProListsTheDeployedFilesThroughItsStorageApi() throws Exception {
        try (ArtifactoryServer artifactory = new ArtifactoryServer(component.repository, "libs-release-local", true)) {
            ResolvedComponent resolved = resolveFrom(artifactory.url(), dir.resolve("out"));

            assertEquals(AttachedFileDiscovery.Method.ARTIFACTORY_STORAGE,
                    resolved.discovery().get("io.gravitee.demo:demo-policy-b:1.0.0"));
            assertEquals(component.releasedPaths.stream().sorted().toList(), paths(resolved));
        }
    }

    @Test
    void anArtifactoryWithoutTheStorageApiStillYieldsTheZipsFromTheEffectiveModel() throws Exception {
        // Artifactory OSS has no File List API and this one serves no HTML index: the model says what was built.
        try (ArtifactoryServer artifactory = new ArtifactoryServer(component.repository, "libs-release-local", false)) {
            ResolvedComponent resolved = resolveFrom(artifactory.url(), dir.resolve("out"));

            assertEquals(AttachedFileDiscovery.Method.EXPECTED,
                    resolved.discovery().get("io.gravitee.demo:demo-policy-b:1.0.0"));
            assertEquals(component.releasedPaths.stream().sorted().toList(), paths(resolved));
        }
    }

    @Test
    void aZipTheBuildAttachesButTheRepositoryLacksStopsTheStaging() throws Exception {
        component.delete(TestComponent.path("demo-policy-b", "plugin", "zip"));

        StagingException e = assertThrows(StagingException.class, () -> component.resolve(dir.resolve("out")));

        assertTrue(e.getMessage().contains("lacks 1 released file(s)"), e.getMessage());
        assertTrue(e.getMessage().contains("demo-policy-b-1.0.0-plugin.zip"), e.getMessage());
    }

    @Test
    void aDeployedFileThatWouldBeLeftOutStopsTheStaging() throws Exception {
        String stray = "io/gravitee/demo/demo-policy-a/1.0.0/policy-a-1.0.0.zip";
        component.write(stray, "a zip deployed under a name that is no file of the module".getBytes(StandardCharsets.UTF_8));

        StagingException e = assertThrows(StagingException.class, () -> component.resolve(dir.resolve("out")));

        assertTrue(e.getMessage().contains("1 file(s) of this release that would not be published"), e.getMessage());
        assertTrue(e.getMessage().contains(stray), e.getMessage());
    }

    @Test
    void anEffectiveModelWithoutLicensesIsRefusedNamingTheParentsRead() throws Exception {
        String company = Files.readString(component.repository.resolve(COMPANY));
        component.write(COMPANY, company.replaceAll("<licenses>.*</licenses>", "").getBytes(StandardCharsets.UTF_8));

        List<Problem> problems = Validator.central(TestSigner.MAIN.keyRing()).validate(component.resolve(dir.resolve("out")));

        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.stream().allMatch(p -> p.rule().equals("pom-licenses")), problems.toString());
        assertTrue(problems.get(1).message().contains(
                "parents read: io.gravitee.demo:demo-policy:1.0.0, io.gravitee.demo:demo-company-parent:7"), problems.toString());
    }

    @Test
    void stagedThroughNexus2EveryDeployedFileIsPublishedIntactAndARerunPublishesNothing() throws Exception {
        ResolvedComponent resolved = component.resolve(dir.resolve("out"));
        try (Nexus2Emulator nexus = new Nexus2Emulator(Nexus2Config.defaults()
                .withTransitionDuration(Duration.ofMillis(50))).start(0)) {
            nexus.seedReleased(COMPANY, Files.readAllBytes(component.repository.resolve(COMPANY)));

            StageOutcome outcome = Staging.service(Staging.options(nexus), dir.resolve("gio"), Staging.run(), console)
                    .stage(resolved);

            assertEquals(StageOutcome.Result.PUBLISHED, outcome.result(), outcome.toString());
            for (String path : component.releasedPaths) {
                for (String file : List.of(path, path + ".asc")) {
                    Path released = nexus.releasedFile(file).orElseThrow(() -> new AssertionError("not released: " + file));
                    assertArrayEquals(Files.readAllBytes(component.repository.resolve(file)), Files.readAllBytes(released));
                }
            }
            assertTrue(nexus.releasedFile("io/gravitee/demo/demo-policy-tests/1.0.0/demo-policy-tests-1.0.0.pom").isEmpty());
            int uploads = Staging.storedUploads(nexus).size();
            StageOutcome again = Staging.service(Staging.options(nexus), dir.resolve("gio"), Staging.run(), console)
                    .stage(resolved);
            assertEquals(StageOutcome.Result.ALREADY_PUBLISHED, again.result());
            assertEquals(uploads, Staging.storedUploads(nexus).size());
        }
    }
}

package io.gravitee.release.gio.release.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.manifest.Manifest;
import io.gravitee.release.gio.release.build.DeployRepository;
import io.gravitee.release.gio.release.build.MavenBuild;
import io.gravitee.release.gio.sandbox.fixture.FixtureGenerator;
import io.gravitee.release.gio.sandbox.fixture.FixtureOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots of components this run did not release, against real bare remotes and real builds: released by an
 * earlier release (in the deploy repository) they are aligned; released nowhere they stop the component.
 */
class ComponentAlignmentTest {
    private static final String MANIFEST = """
            {"name": "Sample", "version": "2.1.3-SNAPSHOT", "components": [
              {"name": "sample-common", "version": "1.20.2-SNAPSHOT"},
              {"name": "sample-gateway", "version": "2.1.3-SNAPSHOT"}],
             "buildDependencies": [["sample-common"], ["sample-gateway"]]}""";

    @TempDir
    Path dir;
    Path git;
    Path deployRepo;
    Manifest manifest;

    @BeforeEach
    void generateRemotes() throws Exception {
        Path file = dir.resolve("release.json");
        Files.writeString(file, MANIFEST);
        git = dir.resolve("git");
        FixtureGenerator.generate(file, git, FixtureOptions.defaults()
                .withDependency("sample-gateway", "sample-common", FixtureOptions.VersionStyle.PROPERTY));
        deployRepo = Files.createDirectories(dir.resolve("deploy"));
        manifest = Manifest.read(file);
    }

    private ComponentReleaser releaser() {
        return new ComponentReleaser(new ReleaseSettings(git.toUri() + "{name}.git", Optional.empty(), Optional.empty(),
                DeployRepository.parse("private::" + deployRepo.toUri(), Optional.empty()), "gio-release",
                MavenBuild.ofRunningMaven(), Optional.empty(), Optional.empty(), Optional.empty(),
                dir.resolve("work"), Duration.ofMinutes(5), new PersonIdent("gio test", "gio@example.com"),
                false, dir.resolve("dry-run-repo")), Console.silent());
    }

    @Test
    void aSnapshotReleasedByAnEarlierReleaseIsAlignedFromTheDeployRepository() throws Exception {
        // sample-common 1.20.2 deployed by an earlier release: this run's released map does not know it.
        ComponentOutcome common = releaser().release(manifest.component("sample-common").orElseThrow(), Map.of());
        assertEquals(ComponentOutcome.Status.RELEASED, common.status(), common.detail());

        ComponentOutcome gateway = releaser().release(manifest.component("sample-gateway").orElseThrow(), Map.of());

        assertEquals(ComponentOutcome.Status.RELEASED, gateway.status(), gateway.detail());
        String pom = fileAtTag("sample-gateway", "2.1.3", "pom.xml");
        assertTrue(pom.contains(">1.20.2<") && !pom.contains("1.20.2-SNAPSHOT"), pom);
    }

    @Test
    void aSnapshotNobodyReleasedStopsTheComponentNamingThePomLineBeforeAnyBuild() throws Exception {
        Map<String, ObjectId> before = refs("sample-gateway");

        ComponentOutcome gateway = releaser().release(manifest.component("sample-gateway").orElseThrow(), Map.of());

        assertEquals(ComponentOutcome.Status.FAILED, gateway.status());
        assertTrue(gateway.detail().matches("(?s)sample-gateway still depends on snapshots after alignment: "
                + "io\\.gravitee\\.sample:sample-common:1\\.20\\.2-SNAPSHOT \\(pom\\.xml line \\d+, property [^)]+\\): 1\\.20\\.2"
                + " is not released \\(looked in: this release, private \\(file:.*\\)\\)\\. Nothing was built or pushed\\..*"),
                gateway.detail());
        assertEquals(before, refs("sample-gateway"));
        assertFalse(Files.exists(dir.resolve("work/sample-gateway-build.log")), "nothing was built");
        assertFalse(Files.exists(deployRepo.resolve("io")), "nothing was deployed");
    }

    private Map<String, ObjectId> refs(String component) throws Exception {
        try (Repository remote = Git.open(git.resolve(component + ".git").toFile()).getRepository()) {
            Map<String, ObjectId> refs = new java.util.TreeMap<>();
            remote.getRefDatabase().getRefs().forEach(r -> refs.put(r.getName(), r.getObjectId()));
            return refs;
        }
    }

    private String fileAtTag(String component, String tag, String path) throws Exception {
        try (Repository remote = Git.open(git.resolve(component + ".git").toFile()).getRepository();
             RevWalk walk = new RevWalk(remote)) {
            var commit = walk.parseCommit(remote.resolve("refs/tags/" + tag + "^{commit}"));
            try (TreeWalk tree = TreeWalk.forPath(remote, path, commit.getTree())) {
                return new String(remote.open(tree.getObjectId(0)).getBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
    }
}

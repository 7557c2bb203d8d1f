package io.gravitee.release.gio.release.pom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gravitee.release.gio.release.build.DeployRepository;
import io.gravitee.release.gio.release.build.RepositoryReleases;
import io.gravitee.release.gio.sandbox.fixture.RealRepositories;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real gravitee-policy-apikey at {@code a3716aa}, aligned against a repository holding what Central held when
 * Gravitee released it as 2.3.0 (product release 3.12.0): with the opt-in, gio writes Gravitee's tag's POM byte for
 * byte; without it, only the snapshot's release.
 */
class RealApikeyAlignmentTest {
    /** Central's io.gravitee releases of the POM's properties, up to those of September 2021 (later ones left out). */
    private static final Map<String, List<String>> CENTRAL_THEN = Map.of(
            "io.gravitee.gateway:gravitee-gateway-api", List.of("1.20.0", "1.21.0", "1.22.0", "1.23.0", "1.24.0", "1.25.0",
                    "1.26.0", "1.27.0", "1.27.1", "1.27.2", "1.28.0"),
            "io.gravitee.policy:gravitee-policy-api", List.of("1.8.0", "1.9.0", "1.10.0", "1.11.0"),
            "io.gravitee.apim.repository:gravitee-apim-repository-api", List.of("3.11.0", "3.11.1", "3.12.0"));

    @TempDir
    Path dir;
    Path clone;
    ReleaseLookup central;

    @BeforeEach
    void setUp() throws Exception {
        clone = RealRepositories.checkout(Files.createDirectories(dir.resolve("apikey")), "gravitee-policy-apikey", "2.3.0");
        try (Git git = Git.open(clone.toFile())) {
            git.reset().setMode(ResetCommand.ResetType.HARD).setRef("2.3.0~1").call();
        }
        Path repository = Files.createDirectories(dir.resolve("central"));
        for (Map.Entry<String, List<String>> artifact : CENTRAL_THEN.entrySet()) {
            String[] key = artifact.getKey().split(":");
            Path base = Files.createDirectories(repository.resolve(key[0].replace('.', '/') + "/" + key[1]));
            StringBuilder metadata = new StringBuilder("<metadata><versioning><versions>");
            for (String version : artifact.getValue()) {
                Files.createDirectories(base.resolve(version));
                Files.writeString(base.resolve(version + "/" + key[1] + "-" + version + ".pom"), "<project/>");
                metadata.append("<version>").append(version).append("</version>");
            }
            Files.writeString(base.resolve("maven-metadata.xml"), metadata.append("</versions></versioning></metadata>"));
        }
        central = new RepositoryReleases(List.of(DeployRepository.parse("central::" + repository.toUri(), Optional.empty())));
    }

    @Test
    void withTheOptInTheReleasedPomIsGraviteesTag() throws Exception {
        Reactor aligned = new DependencyAligner(central, PropertyUpdates.parse("io.gravitee.*"))
                .align(Reactor.load(clone), Map.of()).reactor();
        aligned.setVersion("2.3.0-SNAPSHOT", "2.3.0");

        assertEquals(atGraviteesTag("pom.xml"), Files.readString(clone.resolve("pom.xml")));
    }

    @Test
    void withoutItOnlyTheSnapshotBecomesItsRelease() throws Exception {
        String before = Files.readString(clone.resolve("pom.xml"));

        Reactor.AlignmentResult result = new DependencyAligner(central, Optional.empty()).align(Reactor.load(clone), Map.of());

        assertEquals(List.of("pom.xml: gravitee-repository-api.version 3.12.0-SNAPSHOT -> 3.12.0 (released)"),
                result.changes());
        assertEquals(before.replace("3.12.0-SNAPSHOT", "3.12.0"), Files.readString(clone.resolve("pom.xml")));
    }

    @Test
    void releasedNowhereItStopsAtTheRealLine() throws IOException {
        AlignmentException e = org.junit.jupiter.api.Assertions.assertThrows(AlignmentException.class,
                () -> new DependencyAligner(ReleaseLookup.none(), Optional.empty()).align(Reactor.load(clone), Map.of()));

        assertEquals(List.of("io.gravitee.apim.repository:gravitee-apim-repository-api:3.12.0-SNAPSHOT (pom.xml line 39,"
                + " property gravitee-repository-api.version): 3.12.0 is not released (looked in: this release, nothing"
                + " else)"), e.problems());
    }

    private String atGraviteesTag(String path) throws IOException {
        try (Repository repo = Git.open(clone.toFile()).getRepository(); RevWalk walk = new RevWalk(repo)) {
            var tagged = walk.parseCommit(repo.resolve("refs/tags/2.3.0^{commit}"));
            try (TreeWalk tree = TreeWalk.forPath(repo, path, tagged.getTree())) {
                return new String(repo.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
            }
        }
    }
}

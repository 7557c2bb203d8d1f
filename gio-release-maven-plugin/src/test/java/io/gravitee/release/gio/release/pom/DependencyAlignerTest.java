package io.gravitee.release.gio.release.pom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gravitee.release.gio.release.build.DeployRepository;
import io.gravitee.release.gio.release.build.RepositoryReleases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alignment against a real {@code file:} Maven repository (POMs and maven-metadata.xml as a deploy writes them). */
class DependencyAlignerTest {
    private static final String ROOT = """
            <project>
                <modelVersion>4.0.0</modelVersion>
                <parent>
                    <groupId>io.gravitee</groupId>
                    <artifactId>gravitee-parent</artifactId>
                    <version>21.0-SNAPSHOT</version>
                </parent>
                <groupId>io.gravitee.policy</groupId>
                <artifactId>gravitee-policy-sample</artifactId>
                <version>2.3.0-SNAPSHOT</version>
                <packaging>pom</packaging>
                <properties>
                    <gravitee-gateway-api.version>1.23.0</gravitee-gateway-api.version>
                    <gravitee-repository-api.version>3.12.0-SNAPSHOT</gravitee-repository-api.version>
                    <gravitee-common.version>1.20.2-SNAPSHOT</gravitee-common.version>
                    <junit.version>5.8.0</junit.version>
                </properties>
                <modules>
                    <module>core</module>
                </modules>
                <dependencyManagement>
                    <dependencies>
                        <dependency>
                            <groupId>io.gravitee.node</groupId>
                            <artifactId>gravitee-node-api</artifactId>
                            <version>1.5.0-SNAPSHOT</version>
                        </dependency>
                        <dependency>
                            <groupId>io.gravitee.policy</groupId>
                            <artifactId>gravitee-policy-sample-core</artifactId>
                            <version>${project.version}</version>
                        </dependency>
                    </dependencies>
                </dependencyManagement>
            </project>
            """;
    private static final String MODULE = """
            <project>
              <modelVersion>4.0.0</modelVersion>
              <parent>
                <groupId>io.gravitee.policy</groupId>
                <artifactId>gravitee-policy-sample</artifactId>
                <version>2.3.0-SNAPSHOT</version>
              </parent>
              <artifactId>gravitee-policy-sample-core</artifactId>
              <dependencies>
                <dependency>
                  <groupId>io.gravitee.gateway</groupId>
                  <artifactId>gravitee-gateway-api</artifactId>
                  <version>${gravitee-gateway-api.version}</version>
                </dependency>
                <dependency>
                  <groupId>io.gravitee.apim.repository</groupId>
                  <artifactId>gravitee-apim-repository-api</artifactId>
                  <version>${gravitee-repository-api.version}</version>
                </dependency>
                <dependency>
                  <groupId>io.gravitee.common</groupId>
                  <artifactId>gravitee-common</artifactId>
                  <version>${gravitee-common.version}</version>
                </dependency>
                <dependency>
                  <groupId>io.gravitee.node</groupId>
                  <artifactId>gravitee-node-api</artifactId>
                </dependency>
              </dependencies>
            </project>
            """;
    private static final Map<String, String> RELEASED = Map.of("io.gravitee.common:gravitee-common", "1.20.2");

    @TempDir
    Path dir;
    private Path repository;
    private ReleaseLookup lookup;

    @BeforeEach
    void setUp() throws IOException {
        Files.writeString(dir.resolve("pom.xml"), ROOT);
        Files.createDirectories(dir.resolve("core"));
        Files.writeString(dir.resolve("core/pom.xml"), MODULE);
        repository = Files.createDirectories(dir.resolve("repository"));
        release("io.gravitee", "gravitee-parent", "21.0");
        release("io.gravitee.apim.repository", "gravitee-apim-repository-api", "3.12.0", "3.12.0", "3.20.32");
        release("io.gravitee.node", "gravitee-node-api", "1.5.0");
        release("io.gravitee.gateway", "gravitee-gateway-api", "1.23.0", "1.28.0", "1.29.0-rc1", "2.0.0", "1.9.0");
        release("io.gravitee.common", "gravitee-common", "1.20.2", "1.21.0");
        lookup = new RepositoryReleases(List.of(DeployRepository.parse("private::" + repository.toUri(), Optional.empty())));
    }

    @Test
    void snapshotsBecomeTheirReleasesInAPropertyDependencyManagementAndTheParent() throws Exception {
        Reactor.AlignmentResult result = new DependencyAligner(lookup, Optional.empty()).align(Reactor.load(dir), RELEASED);

        assertEquals(List.of(
                "pom.xml: gravitee-common.version 1.20.2-SNAPSHOT -> 1.20.2",
                "pom.xml: io.gravitee:gravitee-parent 21.0-SNAPSHOT -> 21.0 (released)",
                "pom.xml: io.gravitee.node:gravitee-node-api 1.5.0-SNAPSHOT -> 1.5.0 (released)",
                "pom.xml: gravitee-repository-api.version 3.12.0-SNAPSHOT -> 3.12.0 (released)"), result.changes());
        String expected = ROOT.replace("21.0-SNAPSHOT", "21.0").replace("3.12.0-SNAPSHOT", "3.12.0")
                .replace("1.20.2-SNAPSHOT", "1.20.2").replace("1.5.0-SNAPSHOT", "1.5.0");
        assertEquals(expected, Files.readString(dir.resolve("pom.xml")), "only those versions changed, in place");
        assertEquals(MODULE, Files.readString(dir.resolve("core/pom.xml")), "the reactor's own version is the release's job");
        assertEquals(List.of(), new DependencyAligner(lookup, Optional.empty()).align(Reactor.load(dir), RELEASED).changes(),
                "aligning twice changes nothing");
    }

    @Test
    void aSnapshotNobodyReleasedStopsTheComponentNamingThePomLineAndWritesNothing() throws Exception {
        Files.delete(repository.resolve("io/gravitee/apim/repository/gravitee-apim-repository-api/3.12.0/"
                + "gravitee-apim-repository-api-3.12.0.pom"));

        AlignmentException e = assertThrows(AlignmentException.class,
                () -> new DependencyAligner(lookup, Optional.empty()).align(Reactor.load(dir), Map.of()));

        assertEquals(List.of("io.gravitee.apim.repository:gravitee-apim-repository-api:3.12.0-SNAPSHOT (pom.xml line 14,"
                + " property gravitee-repository-api.version): 3.12.0 is not released (looked in: this release, private ("
                + repository.toUri() + "))"), e.problems());
        assertEquals(ROOT, Files.readString(dir.resolve("pom.xml")));
    }

    @Test
    void aSnapshotOutsideIoGraviteeStopsTheComponent() throws Exception {
        Files.writeString(dir.resolve("pom.xml"), ROOT.replace("<junit.version>5.8.0", "<junit.version>5.9.0-SNAPSHOT")
                .replace("<dependencies>\n", "<dependencies>\n<dependency><groupId>org.junit</groupId>"
                        + "<artifactId>junit-bom</artifactId><version>${junit.version}</version></dependency>\n"));

        AlignmentException e = assertThrows(AlignmentException.class,
                () -> new DependencyAligner(lookup, Optional.empty()).align(Reactor.load(dir), RELEASED));

        assertEquals(List.of("org.junit:junit-bom:5.9.0-SNAPSHOT (pom.xml line 16, property junit.version) is not an"
                + " io.gravitee artifact: gio does not align it; use a release"), e.problems());
    }

    @Test
    void theOptInMovesPropertiesToTheNewestReleaseOfTheSameMajorButNotTheProductsVersions() throws Exception {
        Optional<PropertyUpdates> updates = PropertyUpdates.parse("true");

        Reactor.AlignmentResult result = new DependencyAligner(lookup, updates).align(Reactor.load(dir), RELEASED);

        assertTrue(result.changes().contains("pom.xml: gravitee-gateway-api.version 1.23.0 -> 1.28.0 (newest release of"
                + " the same major)"), result.changes().toString());
        String root = Files.readString(dir.resolve("pom.xml"));
        assertTrue(root.contains("<gravitee-gateway-api.version>1.28.0<"), "not 2.0.0 (another major), not 1.29.0-rc1");
        assertTrue(root.contains("<gravitee-repository-api.version>3.12.0<"), "a snapshot's release, not 3.20.32");
        assertTrue(root.contains("<gravitee-common.version>1.20.2<"), "released by this release, not 1.21.0");
        assertTrue(root.contains("<junit.version>5.8.0<"), "not io.gravitee");
    }

    @Test
    void updatePatternsSelectArtifacts() {
        assertTrue(PropertyUpdates.parse("true").orElseThrow().matches("io.gravitee.gateway", "gravitee-gateway-api"));
        assertFalse(PropertyUpdates.parse("true").orElseThrow().matches("org.junit", "junit-bom"));
        PropertyUpdates policies = PropertyUpdates.parse("io.gravitee.policy:*-api, io.gravitee.node").orElseThrow();
        assertTrue(policies.matches("io.gravitee.policy", "gravitee-policy-api"));
        assertFalse(policies.matches("io.gravitee.policy", "gravitee-policy-apikey"));
        assertTrue(policies.matches("io.gravitee.node", "gravitee-node-api"));
        assertFalse(PropertyUpdates.parse("false").isPresent());
        assertFalse(PropertyUpdates.parse(" ").isPresent());
        assertEquals(Optional.of("1.10.2"), PropertyUpdates.newestOfSameMajor("1.9.0",
                List.of(List.of("1.9.0", "1.10.2", "1.10.10-SNAPSHOT", "2.0.0"), List.of("1.10.2", "1.10.3"))));
        assertEquals(Optional.empty(), PropertyUpdates.newestOfSameMajor("1.10.2", List.of(List.of("1.9.0", "1.10.2"))));
    }

    private void release(String groupId, String artifactId, String version, String... listed) throws IOException {
        Path dir = Files.createDirectories(repository.resolve(groupId.replace('.', '/') + "/" + artifactId));
        Files.createDirectories(dir.resolve(version));
        Files.writeString(dir.resolve(version + "/" + artifactId + "-" + version + ".pom"), "<project/>");
        StringBuilder metadata = new StringBuilder("<metadata><groupId>" + groupId + "</groupId><versioning><versions>");
        for (String v : listed.length == 0 ? new String[] {version} : listed) {
            metadata.append("<version>").append(v).append("</version>");
        }
        Files.writeString(dir.resolve("maven-metadata.xml"), metadata.append("</versions></versioning></metadata>"));
    }
}

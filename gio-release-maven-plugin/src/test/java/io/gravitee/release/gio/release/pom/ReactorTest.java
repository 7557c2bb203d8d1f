package io.gravitee.release.gio.release.pom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReactorTest {
    private static final String ROOT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- a comment with <version>9.9.9</version> inside, which must stay as it is -->
            <project xmlns="http://maven.apache.org/POM/4.0.0">
                <modelVersion>4.0.0</modelVersion>
                <parent>
                    <groupId>io.gravitee</groupId>
                    <artifactId>gravitee-parent</artifactId>
                    <version>19.2</version>
                </parent>
                <groupId>io.gravitee.gateway</groupId>
                <artifactId>gravitee-gateway</artifactId>
                <version>3.8.7-SNAPSHOT</version>
                <packaging>pom</packaging>
                <properties>
                    <gravitee-common.version>1.20.2-SNAPSHOT</gravitee-common.version>
                    <other.version>2.0.0</other.version>
                </properties>
                <modules>
                    <module>gateway-core</module>
                </modules>
                <dependencyManagement>
                    <dependencies>
                        <dependency>
                            <groupId>io.gravitee.common</groupId>
                            <artifactId>gravitee-common</artifactId>
                            <version>${gravitee-common.version}</version>
                        </dependency>
                        <dependency>
                            <groupId>io.gravitee.definition</groupId>
                            <artifactId>gravitee-definition-jackson</artifactId>
                            <version>1.27.2-SNAPSHOT</version>
                        </dependency>
                    </dependencies>
                </dependencyManagement>
            </project>
            """;
    private static final String MODULE = """
            <project>
              <modelVersion>4.0.0</modelVersion>
              <parent>
                <groupId>io.gravitee.gateway</groupId>
                <artifactId>gravitee-gateway</artifactId>
                <version>3.8.7-SNAPSHOT</version>
              </parent>
              <artifactId>gateway-core</artifactId>
              <dependencies>
                <dependency>
                  <groupId>io.gravitee.gateway</groupId>
                  <artifactId>gravitee-gateway</artifactId>
                  <version>3.8.7-SNAPSHOT</version>
                  <type>pom</type>
                </dependency>
              </dependencies>
              <profiles>
                <profile>
                  <id>extra</id>
                  <dependencies>
                    <dependency>
                      <groupId>io.gravitee.policy</groupId>
                      <artifactId>gravitee-policy-ratelimit</artifactId>
                      <version>${ratelimit.version}</version>
                    </dependency>
                  </dependencies>
                </profile>
              </profiles>
            </project>
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void writeReactor() throws IOException {
        Files.writeString(dir.resolve("pom.xml"), ROOT);
        Files.createDirectories(dir.resolve("gateway-core"));
        Files.writeString(dir.resolve("gateway-core/pom.xml"), MODULE);
    }

    @Test
    void readsTheReactorAndItsVersion() throws IOException {
        Reactor reactor = Reactor.load(dir);

        assertEquals("3.8.7-SNAPSHOT", reactor.version());
        assertEquals(List.of("io.gravitee.gateway:gravitee-gateway", "io.gravitee.gateway:gateway-core"), reactor.artifacts());
    }

    @Test
    void setVersionChangesOnlyVersionTextAcrossTheReactor() throws IOException {
        Reactor.load(dir).setVersion("3.8.7-SNAPSHOT", "3.8.7");

        assertEquals(ROOT.replace("<version>3.8.7-SNAPSHOT</version>", "<version>3.8.7</version>"),
                Files.readString(dir.resolve("pom.xml")));
        assertEquals(MODULE.replace("3.8.7-SNAPSHOT", "3.8.7"), Files.readString(dir.resolve("gateway-core/pom.xml")));
        assertEquals("3.8.7", Reactor.load(dir).version());
    }

    @Test
    void alignmentRewritesPropertiesAndDirectVersionsAndAddsMissingProperties() throws IOException {
        Map<String, String> released = Map.of(
                "io.gravitee.common:gravitee-common", "1.20.2",
                "io.gravitee.definition:gravitee-definition-jackson", "1.27.2",
                "io.gravitee.policy:gravitee-policy-ratelimit", "1.12.1");

        Reactor.AlignmentResult result = Reactor.load(dir).align(released);

        assertEquals(List.of(
                "pom.xml: gravitee-common.version 1.20.2-SNAPSHOT -> 1.20.2",
                "pom.xml: io.gravitee.definition:gravitee-definition-jackson 1.27.2-SNAPSHOT -> 1.27.2",
                "gateway-core/pom.xml: ratelimit.version ${ratelimit.version} -> 1.12.1"), result.changes());
        assertEquals(List.of(), result.remainingSnapshots());
        String root = Files.readString(dir.resolve("pom.xml"));
        assertTrue(root.contains("<gravitee-common.version>1.20.2</gravitee-common.version>"));
        assertTrue(root.contains("<!-- a comment with <version>9.9.9</version> inside"));
        String module = Files.readString(dir.resolve("gateway-core/pom.xml"));
        assertTrue(module.contains("  <properties>\n    <ratelimit.version>1.12.1</ratelimit.version>\n  </properties>\n</project>"),
                module);
        assertEquals(List.of(), Reactor.load(dir).align(released).changes(), "aligning twice changes nothing");
    }

    @Test
    void aPropertyAddedToAnExistingBlockKeepsItsIndentation() throws IOException {
        PomFile pom = PomFile.read(dir.resolve("pom.xml"));
        pom.setProperty("added.version", "1.0.0");
        pom.save();

        assertTrue(Files.readString(dir.resolve("pom.xml")).contains(
                "        <other.version>2.0.0</other.version>\n        <added.version>1.0.0</added.version>\n    </properties>"));
    }

    @Test
    void snapshotsOfReleasedArtifactsThatRemainAreListed() throws IOException {
        List<String> left = Reactor.load(dir).snapshotsOf(Map.of("io.gravitee.common:gravitee-common", "1.20.2"));

        assertEquals(List.of("pom.xml (dependencyManagement/dependencies/dependency): "
                + "io.gravitee.common:gravitee-common:1.20.2-SNAPSHOT"), left);
    }

    @Test
    void aRevisionPropertyIsWhereTheVersionChanges() throws IOException {
        Files.writeString(dir.resolve("pom.xml"), ROOT.replace("<version>3.8.7-SNAPSHOT</version>", "<version>${revision}</version>")
                .replace("<other.version>", "<revision>3.8.7-SNAPSHOT</revision>\n        <other.version>"));
        Files.writeString(dir.resolve("gateway-core/pom.xml"), MODULE.replace("3.8.7-SNAPSHOT", "${revision}"));

        Reactor reactor = Reactor.load(dir);
        assertEquals("3.8.7-SNAPSHOT", reactor.version());
        assertEquals("3.8.7", reactor.setVersion("3.8.7-SNAPSHOT", "3.8.7").version());
    }

    @Test
    void brokenPomsAndMissingModulesAreClearErrors() throws IOException {
        Files.writeString(dir.resolve("gateway-core/pom.xml"), "<project><artifactId>x</project>");
        IOException broken = assertThrows(IOException.class, () -> Reactor.load(dir));
        assertTrue(broken.getMessage().contains("gateway-core/pom.xml is not well-formed XML"), broken.getMessage());

        Files.delete(dir.resolve("gateway-core/pom.xml"));
        IOException missing = assertThrows(IOException.class, () -> Reactor.load(dir));
        assertTrue(missing.getMessage().contains("Module 'gateway-core'"), missing.getMessage());
    }
}

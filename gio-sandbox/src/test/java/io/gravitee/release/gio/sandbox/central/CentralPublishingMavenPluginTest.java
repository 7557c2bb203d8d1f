package io.gravitee.release.gio.sandbox.central;

import io.gravitee.release.gio.sandbox.http.FaultRule;
import io.gravitee.release.gio.sandbox.signing.SigningKey;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the emulator with Sonatype's own client: {@code central-publishing-maven-plugin:0.12.0} run by real Maven
 * (this build's {@code maven.home}, the wrapper's 3.9) on a generated project that signs with maven-gpg-plugin's
 * BouncyCastle signer and a key generated here: no gpg binary involved.
 */
class CentralPublishingMavenPluginTest {
    private static final String GROUP_PATH = "io/gravitee/it";
    private static SigningKey key;

    @TempDir
    Path dir;

    private CentralEmulator central;

    private record Run(int exitCode, String output) {}

    @BeforeAll
    static void generateKey() throws Exception {
        key = SigningKey.generate("gio-test-passphrase");
    }

    @BeforeEach
    void start() {
        central = new CentralEmulator(CentralConfig.defaults()
                .withDurations(Duration.ofMillis(200), Duration.ofMillis(200))).start(0);
    }

    @AfterEach
    void stop() {
        central.close();
    }

    @Test
    void the_real_client_publishes_and_the_emulator_then_reports_the_component_published() throws Exception {
        Path project = project("demo", true);
        Run run = mvn(project);
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("was successfully published"), run.output());

        DeploymentSnapshot deployment = central.deployments().get(0);
        assertEquals(DeploymentState.PUBLISHED, deployment.state());
        assertEquals(PublishingType.AUTOMATIC, deployment.publishingType());
        assertEquals(List.of("pkg:maven/io.gravitee.it/demo@1.0.0"), deployment.purls());
        assertTrue(central.isPublished("io.gravitee.it", "demo", "1.0.0"));
        PortalClient portal = new PortalClient(central);
        assertEquals("{\"published\":true}", portal.published("demo", "1.0.0").body());

        // Files are served back as the build made them, with valid signatures by the generated key.
        String base = GROUP_PATH + "/demo/1.0.0/demo-1.0.0";
        for (String suffix : List.of(".jar", ".pom", "-sources.jar", "-javadoc.jar")) {
            byte[] served = download(central.repoUrl() + base + suffix);
            byte[] signature = download(central.repoUrl() + base + suffix + ".asc");
            assertTrue(key.verifies(served, signature), "signature of " + base + suffix);
        }
        assertArrayEquals(Files.readAllBytes(project.resolve("target/demo-1.0.0.jar")), download(central.repoUrl() + base + ".jar"));
        assertTrue(central.requestLog().matching("POST", "/api/v1/publisher/status").size() >= 1);
    }

    @Test
    void a_validation_failure_reaches_the_client_with_the_errors_of_each_component() throws Exception {
        Run run = mvn(project("nojavadoc", false));
        assertNotEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("pkg:maven/io.gravitee.it/nojavadoc@1.0.0"), run.output());
        assertTrue(run.output().contains("Javadocs must be provided but not found in entries"), run.output());
        DeploymentSnapshot deployment = central.deployments().get(0);
        assertEquals(DeploymentState.FAILED, deployment.state());
        assertEquals(List.of("Javadocs must be provided but not found in entries"),
                deployment.errors().get("pkg:maven/io.gravitee.it/nojavadoc@1.0.0"));
        assertFalse(central.isPublished("io.gravitee.it", "nojavadoc", "1.0.0"));
        assertTrue(central.publishedFiles().isEmpty());
    }

    @Test
    void an_injected_503_on_upload_reaches_the_client() throws Exception {
        central.faults().add(FaultRule.on("POST", "/api/v1/publisher/upload").always().respond(503));
        Run run = mvn(project("faulty", true));
        assertNotEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("503"), run.output());
        assertTrue(central.deployments().isEmpty());
        assertEquals(503, central.requestLog().matching("POST", "/api/v1/publisher/upload").get(0).status());
    }

    private Path project(String artifactId, boolean javadoc) throws IOException {
        Path project = Files.createDirectories(dir.resolve(artifactId));
        Path sources = Files.createDirectories(project.resolve("src/main/java/io/gravitee/it"));
        Files.writeString(sources.resolve("Demo.java"), """
                package io.gravitee.it;

                /** A class to publish. */
                public final class Demo {
                    private Demo() {}
                }
                """);
        String javadocJar = !javadoc ? "" : """
                  <plugin>
                    <artifactId>maven-jar-plugin</artifactId>
                    <version>3.4.2</version>
                    <executions>
                      <execution><id>javadoc-jar</id><goals><goal>jar</goal></goals>
                        <configuration><classifier>javadoc</classifier></configuration></execution>
                    </executions>
                  </plugin>
                """;
        Files.writeString(project.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>io.gravitee.it</groupId>
                  <artifactId>%1$s</artifactId>
                  <version>1.0.0</version>
                  <name>%1$s</name>
                  <description>A component published to the Central Portal emulator by the gio tests</description>
                  <url>https://gravitee.io</url>
                  <licenses><license><name>Apache-2.0</name></license></licenses>
                  <developers><developer><id>gio</id></developer></developers>
                  <scm><url>https://github.com/gravitee-io/%1$s</url></scm>
                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <build>
                    <plugins>
                      <plugin>
                        <artifactId>maven-source-plugin</artifactId>
                        <version>3.3.1</version>
                        <executions><execution><id>sources</id><goals><goal>jar-no-fork</goal></goals></execution></executions>
                      </plugin>
                %2$s
                      <plugin>
                        <artifactId>maven-gpg-plugin</artifactId>
                        <version>3.2.8</version>
                        <executions><execution><id>sign</id><goals><goal>sign</goal></goals>
                          <configuration><signer>bc</signer></configuration></execution></executions>
                      </plugin>
                      <plugin>
                        <groupId>org.sonatype.central</groupId>
                        <artifactId>central-publishing-maven-plugin</artifactId>
                        <version>0.12.0</version>
                        <extensions>true</extensions>
                        <configuration>
                          <publishingServerId>gio-central</publishingServerId>
                          <centralBaseUrl>%3$s</centralBaseUrl>
                          <autoPublish>true</autoPublish>
                          <waitUntil>published</waitUntil>
                        </configuration>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(artifactId, javadocJar, central.url()));
        return project;
    }

    private Run mvn(Path project) throws IOException, InterruptedException {
        Path settings = dir.resolve("settings.xml");
        Files.writeString(settings, """
                <settings><servers><server><id>gio-central</id><username>%s</username><password>%s</password></server></servers></settings>
                """.formatted(central.username(), central.password()));
        String mavenHome = System.getProperty("maven.home");
        assertTrue(mavenHome != null && Files.isRegularFile(Path.of(mavenHome, "bin", "mvn")),
                "system property maven.home must name a Maven installation: " + mavenHome);
        List<String> command = List.of(Path.of(mavenHome, "bin", "mvn").toString(), "-B", "-s", settings.toString(),
                "deploy");
        Path log = dir.resolve("mvn-" + System.nanoTime() + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("MAVEN_GPG_KEY", key.armoredSecretKey());
        builder.environment().put("MAVEN_GPG_PASSPHRASE", key.passphrase());
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("mvn deploy did not finish in 5 minutes:\n" + Files.readString(log));
        }
        return new Run(process.exitValue(), Files.readString(log));
    }

    private static byte[] download(String url) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode(), url);
        return response.body();
    }
}

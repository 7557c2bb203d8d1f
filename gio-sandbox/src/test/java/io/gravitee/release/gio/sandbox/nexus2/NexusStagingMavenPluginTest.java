package io.gravitee.release.gio.sandbox.nexus2;

import io.gravitee.release.gio.sandbox.http.FaultRule;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the emulator with Sonatype's own client: {@code nexus-staging-maven-plugin:1.7.0} run by real Maven
 * (the {@code maven.home} of this build) against it.
 */
class NexusStagingMavenPluginTest {
    private static final String PLUGIN = "org.sonatype.plugins:nexus-staging-maven-plugin:1.7.0:";
    private static final String MAVEN_OPTS = "--add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/java.util=ALL-UNNAMED"
            + " --add-opens java.base/java.text=ALL-UNNAMED --add-opens java.desktop/java.awt.font=ALL-UNNAMED";

    @TempDir
    Path dir;

    private Nexus2Emulator nexus;
    private String profileId;

    private record Run(int exitCode, String output) {}

    @BeforeEach
    void start() {
        nexus = new Nexus2Emulator(Nexus2Config.defaults().withTransitionDuration(Duration.ofMillis(200))).start(0);
        profileId = nexus.config().profiles().get(0).id();
    }

    @AfterEach
    void stop() {
        nexus.close();
    }

    @Test
    void open_deploy_close_list_release_and_drop_with_the_real_client() throws Exception {
        Run profiles = mvn("rc-list-profiles");
        assertEquals(0, profiles.exitCode(), profiles.output());
        assertTrue(profiles.output().contains(profileId), profiles.output());

        String repoId = open("gio it");
        assertEquals(RepositoryState.OPEN, nexus.repository(repoId).orElseThrow().state());

        Path image = dir.resolve("image");
        List<String> files = StagedComponent.write(image, "demo", "1.0.0", true);
        Run deploy = mvn("deploy-staged-repository", "-DrepositoryDirectory=" + image, "-DstagingProfileId=" + profileId,
                "-DstagingRepositoryId=" + repoId, "-DskipStagingRepositoryClose=true");
        assertEquals(0, deploy.exitCode(), deploy.output());
        assertTrue(nexus.repository(repoId).orElseThrow().files().containsAll(files),
                () -> "staged: " + nexus.repository(repoId).orElseThrow().files());

        Run close = mvn("rc-close", "-DstagingRepositoryId=" + repoId);
        assertEquals(0, close.exitCode(), close.output());
        assertEquals(RepositoryState.CLOSED, nexus.repository(repoId).orElseThrow().state());

        Run list = mvn("rc-list");
        assertEquals(0, list.exitCode(), list.output());
        assertTrue(list.output().contains(repoId), list.output());

        Run release = mvn("rc-release", "-DstagingRepositoryId=" + repoId);
        assertEquals(0, release.exitCode(), release.output());
        assertTrue(nexus.awaitSettled(Duration.ofSeconds(10)));
        String jar = StagedComponent.GROUP_PATH + "/demo/1.0.0/demo-1.0.0.jar";
        assertArrayEquals(Files.readAllBytes(image.resolve(jar)), Files.readAllBytes(nexus.releasedFile(jar).orElseThrow()));
        assertEquals(200, HttpProbe.get(nexus.releasesUrl() + jar).status());
        // nexus-staging-maven-plugin asks for autoDropAfterRelease by default: the staging copy is gone.
        assertEquals(RepositoryState.DROPPED, nexus.repository(repoId).orElseThrow().state());

        String second = open("to be dropped");
        Run drop = mvn("rc-drop", "-DstagingRepositoryId=" + second);
        assertEquals(0, drop.exitCode(), drop.output());
        assertEquals(RepositoryState.DROPPED, nexus.repository(second).orElseThrow().state());
        assertEquals(404, HttpProbe.get(nexus.url() + "/service/local/staging/repository/" + second,
                nexus.username(), nexus.password()).status());
        assertTrue(nexus.requestLog().matching("PUT", ".*/deployByRepositoryId/.*").stream()
                .noneMatch(r -> r.path().contains(second)));
    }

    @Test
    void a_close_rule_failure_fails_the_client_and_keeps_the_repository_open_with_notifications() throws Exception {
        Path image = dir.resolve("image");
        StagedComponent.write(image, "nojavadoc", "1.0.0", false);
        Run deploy = mvn("deploy-staged-repository", "-DrepositoryDirectory=" + image, "-DstagingProfileId=" + profileId,
                "-DkeepStagingRepositoryOnCloseRuleFailure=true");
        assertNotEquals(0, deploy.exitCode(), deploy.output());
        assertTrue(deploy.output().contains("no javadoc jar found"), deploy.output());
        RepositorySnapshot repo = nexus.repositories().get(0);
        assertEquals(RepositoryState.OPEN, repo.state());
        assertEquals(1, repo.notifications());
        assertEquals("javadoc-staging", repo.failedRules().get(0).typeId());
        assertTrue(nexus.releasedFile(StagedComponent.GROUP_PATH + "/nojavadoc/1.0.0/nojavadoc-1.0.0.pom").isEmpty());
    }

    @Test
    void ossrh_mode_serves_the_client_flow_it_supports_and_refuses_the_rest() throws Exception {
        nexus.setOssrhMode(true);
        Path image = dir.resolve("image");
        StagedComponent.write(image, "ossrh", "2.0.0", true);
        // How Gravitee staged: deploy-staged-repository opens, uploads and closes; rc-release publishes.
        Run deploy = mvn("deploy-staged-repository", "-DrepositoryDirectory=" + image, "-DstagingProfileId=" + profileId);
        assertEquals(0, deploy.exitCode(), deploy.output());
        RepositorySnapshot staged = nexus.repositories().get(0);
        assertEquals(RepositoryState.CLOSED, staged.state());
        Run release = mvn("rc-release", "-DstagingRepositoryId=" + staged.id());
        assertEquals(0, release.exitCode(), release.output());
        assertTrue(nexus.awaitSettled(Duration.ofSeconds(10)));
        assertTrue(nexus.releasedFile(StagedComponent.GROUP_PATH + "/ossrh/2.0.0/ossrh-2.0.0.jar").isPresent());

        Run list = mvn("rc-list");
        assertNotEquals(0, list.exitCode(), list.output());
        assertFalse(nexus.requestLog().matching("GET", "/service/local/staging/profile_repositories").isEmpty());
        assertTrue(nexus.requestLog().matching("GET", "/service/local/staging/profile_repositories").stream()
                .allMatch(r -> r.status() == 401));
    }

    @Test
    void an_injected_503_reaches_the_client() throws Exception {
        nexus.faults().add(FaultRule.on("POST", "/service/local/staging/profiles/[^/]+/start").nth(1).respond(503));
        Run open = mvn("rc-open", "-DstagingProfileId=" + profileId, "-DstagingDescription=faulty");
        assertNotEquals(0, open.exitCode(), open.output());
        assertTrue(open.output().contains("503"), open.output());
        assertTrue(nexus.repositories().isEmpty());
        assertEquals(503, nexus.requestLog().matching("POST", ".*/start").get(0).status());
    }

    private String open(String description) throws Exception {
        Run open = mvn("rc-open", "-DstagingProfileId=" + profileId, "-DstagingDescription=" + description,
                "-DopenedRepositoryMessageFormat=GIO-OPENED:%s:");
        assertEquals(0, open.exitCode(), open.output());
        Matcher m = Pattern.compile("GIO-OPENED:([^:\\s]+):").matcher(open.output());
        assertTrue(m.find(), open.output());
        return m.group(1);
    }

    private Run mvn(String goal, String... args) throws IOException, InterruptedException {
        Path settings = dir.resolve("settings.xml");
        Files.writeString(settings, """
                <settings><servers><server><id>gio-nexus2</id><username>%s</username><password>%s</password></server></servers></settings>
                """.formatted(nexus.username(), nexus.password()));
        String mavenHome = System.getProperty("maven.home");
        assertTrue(mavenHome != null && Files.isRegularFile(Path.of(mavenHome, "bin", "mvn")),
                "system property maven.home must name a Maven installation: " + mavenHome);
        List<String> command = new ArrayList<>(List.of(Path.of(mavenHome, "bin", "mvn").toString(), "-B", "-s",
                settings.toString(), PLUGIN + goal, "-DnexusUrl=" + nexus.url(), "-DserverId=gio-nexus2",
                "-DstagingProgressPauseDurationSeconds=1", "-DstagingProgressTimeoutMinutes=1"));
        command.addAll(List.of(args));
        Path log = dir.resolve("mvn-" + System.nanoTime() + ".log");
        Path work = Files.createDirectories(dir.resolve("work"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("MAVEN_OPTS", MAVEN_OPTS);
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("mvn " + goal + " did not finish in 5 minutes:\n" + Files.readString(log));
        }
        return new Run(process.exitValue(), Files.readString(log));
    }
}

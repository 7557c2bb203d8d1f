package io.gravitee.release.gio.sandbox.nexus2;

import io.gravitee.release.gio.sandbox.http.FaultRule;
import io.gravitee.release.gio.sandbox.http.LoggedRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The emulator's API over plain HTTP: states, errors, immutability, OSSRH subset, faults and the request log. */
class Nexus2EmulatorTest {
    private static final String S = "/service/local/staging/";

    @TempDir
    Path dir;

    private Nexus2Emulator nexus;
    private String profile;

    @BeforeEach
    void start() {
        nexus = new Nexus2Emulator(Nexus2Config.defaults().withTransitionDuration(Duration.ofMillis(50))).start(0);
        profile = nexus.config().profiles().get(0).id();
    }

    @AfterEach
    void stop() {
        nexus.close();
    }

    @Test
    void wrong_or_missing_credentials_are_refused_with_401() throws Exception {
        assertEquals(401, HttpProbe.get(nexus.url() + S + "profiles", "deployment", "wrong").status());
        assertEquals(401, HttpProbe.get(nexus.url() + S + "profiles").status());
        assertEquals(200, HttpProbe.get(nexus.url() + S + "profiles", nexus.username(), nexus.password()).status());
    }

    @Test
    void a_released_version_is_immutable_and_the_log_shows_no_upload_to_a_released_repository() throws Exception {
        String first = stageAndClose("lib", "1.0.0");
        post("bulk/promote", bulk(first, false));
        assertTrue(nexus.awaitSettled(Duration.ofSeconds(5)));
        assertEquals(RepositoryState.RELEASED, nexus.repository(first).orElseThrow().state());
        assertEquals(200, HttpProbe.get(nexus.releasesUrl() + "io/gravitee/it/lib/1.0.0/lib-1.0.0.pom").status());

        assertEquals(400, upload(first, "io/gravitee/it/lib/1.0.0/lib-1.0.0.jar").status());
        String second = stageAndClose("lib", "1.0.0");
        post("bulk/promote", bulk(second, false));
        assertTrue(nexus.awaitSettled(Duration.ofSeconds(5)));
        RepositorySnapshot refused = nexus.repository(second).orElseThrow();
        assertEquals(RepositoryState.CLOSED, refused.state());
        assertEquals("no-redeploy", refused.failedRules().get(0).typeId());
        assertTrue(nexus.requestLog().matching(r -> r.isStoredUpload() && r.path().contains("/" + first + "/")).stream()
                .allMatch(r -> r.time().isBefore(nexus.requestLog().matching("POST", ".*/bulk/promote").get(0).time())));
    }

    @Test
    void invalid_transitions_answer_the_nexus_error_strings() throws Exception {
        String repo = open();
        HttpProbe.Answer release = post("bulk/promote", bulk(repo, false));
        assertEquals(500, release.status());
        assertTrue(release.body().contains("Unhandled: Repository: " + repo + " has invalid state: open"), release.body());
        post("bulk/close", bulk(repo, false));
        HttpProbe.Answer again = post("bulk/close", bulk(repo, false));
        assertEquals(500, again.status());
        assertTrue(again.body().contains("already transitioning"), again.body());
        assertEquals(404, HttpProbe.get(nexus.url() + S + "repository/nope-1", nexus.username(), nexus.password()).status());
    }

    @Test
    void a_failed_close_leaves_the_repository_open_with_rule_failures_in_the_activity() throws Exception {
        String repo = open();
        upload(repo, "io/gravitee/it/x/1.0/x-1.0.jar");
        post("bulk/close", bulk(repo, false));
        assertTrue(nexus.awaitSettled(Duration.ofSeconds(5)));
        String xml = HttpProbe.get(nexus.url() + S + "repository/" + repo, nexus.username(), nexus.password()).body();
        assertTrue(xml.contains("<type>open</type>") && xml.contains("<transitioning>false</transitioning>"), xml);
        String activity = HttpProbe.get(nexus.url() + S + "repository/" + repo + "/activity", nexus.username(),
                nexus.password()).body();
        assertTrue(activity.contains("<name>ruleFailed</name>") && activity.contains("signature-staging"), activity);
    }

    @Test
    void implicit_deploys_share_one_repository_per_profile_and_user() throws Exception {
        for (String file : List.of("a.txt", "b.txt")) {
            assertEquals(201, HttpProbe.send("PUT", nexus.url() + S + "deploy/maven2/io/gravitee/it/y/1/" + file,
                    nexus.username(), nexus.password(), null, new byte[] {1}).status());
        }
        assertEquals(1, nexus.repositories().size());
        assertTrue(nexus.repositories().get(0).implicit());
        assertEquals(2, nexus.repositories().get(0).files().size());
    }

    @Test
    void ossrh_mode_refuses_the_methods_ossrh_lacks() throws Exception {
        String repo = open();
        nexus.setOssrhMode(true);
        for (String path : List.of("profile_repositories", "repository/" + repo + "/activity")) {
            HttpProbe.Answer a = HttpProbe.get(nexus.url() + S + path, nexus.username(), nexus.password());
            assertEquals(401, a.status());
            assertTrue(a.body().contains("New method identified"), a.body());
        }
        for (String path : List.of("bulk/drop", "profiles/" + profile + "/drop", "profiles/" + profile + "/promote")) {
            HttpProbe.Answer a = post(path, bulk(repo, false));
            assertEquals(401, a.status(), path);
            assertTrue(a.body().contains("New method identified"), a.body());
        }
        assertEquals(RepositoryState.OPEN, nexus.repository(repo).orElseThrow().state());
    }

    @Test
    void faults_reset_stall_and_fail_chosen_requests_reproducibly() throws Exception {
        // POST: the JDK client retries a reset GET by itself, never a POST.
        nexus.faults().add(FaultRule.on("POST", S + "profiles/[^/]+/start").nth(1).reset());
        nexus.faults().add(FaultRule.on("GET", S + "profiles").nth(1).stall(Duration.ofMillis(300)));
        nexus.faults().add(FaultRule.on("GET", S + "profiles").nth(2).respond(502));
        assertThrows(IOException.class, () -> post("profiles/" + profile + "/start", "<promoteRequest><data/></promoteRequest>"));
        assertTrue(nexus.repositories().isEmpty());
        long started = System.nanoTime();
        assertEquals(200, HttpProbe.get(nexus.url() + S + "profiles", nexus.username(), nexus.password()).status());
        assertTrue(System.nanoTime() - started >= Duration.ofMillis(300).toNanos());
        assertEquals(502, HttpProbe.get(nexus.url() + S + "profiles", nexus.username(), nexus.password()).status());
        assertEquals(200, HttpProbe.get(nexus.url() + S + "profiles", nexus.username(), nexus.password()).status());
        List<LoggedRequest> log = nexus.requestLog().matching("GET", S + "profiles");
        assertEquals(List.of(200, 502, 200), log.stream().map(LoggedRequest::status).toList());
        assertEquals(-1, nexus.requestLog().matching("POST", ".*/start").get(0).status());
    }

    @Test
    void json_is_served_on_request() throws Exception {
        HttpProbe.Answer a = HttpProbe.send("POST", nexus.url() + S + "profiles/" + profile + "/start", nexus.username(),
                nexus.password(), "application/json", "{\"data\":{\"description\":\"j\"}}".getBytes(StandardCharsets.UTF_8));
        assertEquals(201, a.status());
        assertTrue(nexus.repositories().get(0).description().equals("j"));
    }

    private String stageAndClose(String artifactId, String version) throws Exception {
        String repo = open();
        Path image = dir.resolve(artifactId + "-" + System.nanoTime());
        for (String file : StagedComponent.write(image, artifactId, version, true)) {
            assertEquals(201, HttpProbe.send("PUT", nexus.url() + S + "deployByRepositoryId/" + repo + "/" + file,
                    nexus.username(), nexus.password(), null, Files.readAllBytes(image.resolve(file))).status());
        }
        post("bulk/close", bulk(repo, false));
        assertTrue(nexus.awaitSettled(Duration.ofSeconds(5)));
        assertEquals(RepositoryState.CLOSED, nexus.repository(repo).orElseThrow().state(),
                () -> nexus.repository(repo).orElseThrow().failedRules().toString());
        return repo;
    }

    private String open() throws Exception {
        HttpProbe.Answer a = post("profiles/" + profile + "/start",
                "<promoteRequest><data><description>t</description></data></promoteRequest>");
        assertEquals(201, a.status(), a.body());
        Matcher m = Pattern.compile("<stagedRepositoryId>([^<]+)</stagedRepositoryId>").matcher(a.body());
        assertTrue(m.find(), a.body());
        return m.group(1);
    }

    private HttpProbe.Answer upload(String repo, String path) throws Exception {
        return HttpProbe.send("PUT", nexus.url() + S + "deployByRepositoryId/" + repo + "/" + path, nexus.username(),
                nexus.password(), null, new byte[] {42});
    }

    private HttpProbe.Answer post(String path, String xml) throws Exception {
        return HttpProbe.send("POST", nexus.url() + S + path, nexus.username(), nexus.password(), "application/xml",
                xml.getBytes(StandardCharsets.UTF_8));
    }

    private static String bulk(String repo, boolean autoDrop) {
        return "<stagingActionRequest><data><stagedRepositoryIds><string>" + repo + "</string></stagedRepositoryIds>"
                + "<stagedRepositoryId>" + repo + "</stagedRepositoryId><description>d</description>"
                + "<autoDropAfterRelease>" + autoDrop + "</autoDropAfterRelease></data></stagingActionRequest>";
    }
}

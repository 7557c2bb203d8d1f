package io.gravitee.release.gio.sandbox.nexus2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OSSRH mode answers as Sonatype's OSSRH Staging API service does (PEERS.md): only its routes, an unchallenged 401
 * "New method identified" for every other one, its {@code /manual/...} endpoints, released files only where Maven
 * Central would serve them.
 */
class OssrhConformanceTest {
    private static final String S = "/service/local/staging/";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Nexus2Emulator nexus;
    private String profile;

    @BeforeEach
    void start() {
        nexus = new Nexus2Emulator(Nexus2Config.defaults().withTransitionDuration(Duration.ofMillis(50))
                .withOssrhMode(true)).start(0);
        profile = nexus.config().profiles().get(0).id();
    }

    @AfterEach
    void stop() {
        nexus.close();
    }

    @Test
    void every_route_the_service_lacks_answers_401_new_method_identified_without_a_challenge() throws Exception {
        String repo = open("lacking");
        List<String[]> lacking = List.of(
                new String[] {"GET", "/nothing/here"},
                new String[] {"GET", "/content/repositories/releases/io/gravitee/x/1/x-1.pom"},
                new String[] {"HEAD", "/content/repositories/releases/"},
                new String[] {"GET", "/service/local/repositories/releases/content/io/gravitee/x/1/x-1.pom"},
                new String[] {"GET", S + "profile_repositories"},
                new String[] {"GET", S + "repository/" + repo + "/activity"},
                new String[] {"POST", S + "bulk/drop"},
                new String[] {"POST", S + "profiles/" + profile + "/drop"},
                new String[] {"DELETE", S + "repository/" + repo},
                new String[] {"GET", "/manual/drop/repository/" + repo});
        for (String[] route : lacking) {
            for (boolean authenticated : List.of(true, false)) {
                HttpProbe.Answer a = HttpProbe.send(route[0], nexus.url() + route[1],
                        authenticated ? nexus.username() : null, nexus.password(), null, new byte[0]);
                String what = route[0] + " " + route[1] + (authenticated ? "" : " (anonymous)");
                assertEquals(401, a.status(), what);
                assertEquals(Optional.empty(), a.headers().firstValue("WWW-Authenticate"), what);
                if (!route[0].equals("HEAD")) {
                    assertEquals("New method identified", a.body(), what);
                }
            }
        }
        assertEquals(RepositoryState.OPEN, nexus.repository(repo).orElseThrow().state());
    }

    @Test
    void a_route_it_has_refuses_bad_credentials_with_a_challenge() throws Exception {
        HttpProbe.Answer a = HttpProbe.get(nexus.url() + S + "profiles", nexus.username(), "wrong");
        assertEquals(401, a.status());
        assertTrue(a.headers().firstValue("WWW-Authenticate").orElse("").startsWith("BASIC realm="), a.headers().toString());
    }

    @Test
    void manual_search_lists_the_users_repositories_and_manual_drop_drops_one() throws Exception {
        String first = open("first");
        String second = open("second");

        JsonNode all = search("?ip=any");
        assertEquals(List.of(first, second), texts(all, "key"));
        assertEquals(List.of("open", "open"), texts(all, "state"));
        assertEquals(List.of("first", "second"), texts(all, "description"));
        assertEquals(List.of(first, second), texts(search(""), "key"), "the caller's own address opened them");
        assertEquals(List.of(), texts(search("?ip=192.0.2.1"), "key"));
        assertEquals(List.of(), texts(search("?ip=any&state=closed"), "key"));

        HttpProbe.Answer dropped = HttpProbe.send("DELETE", nexus.url() + "/manual/drop/repository/" + first,
                nexus.username(), nexus.password(), null, new byte[0]);
        assertEquals(204, dropped.status(), dropped.body());
        assertEquals(RepositoryState.DROPPED, nexus.repository(first).orElseThrow().state());
        assertEquals(List.of(second), texts(search("?ip=any"), "key"));

        HttpProbe.Answer unknown = HttpProbe.send("DELETE", nexus.url() + "/manual/drop/repository/" + first,
                nexus.username(), nexus.password(), null, new byte[0]);
        assertEquals(400, unknown.status());
        assertEquals("Failed to process request: No repository found for " + first,
                JSON.readTree(unknown.body()).path("error").asText());
        assertEquals(401, HttpProbe.get(nexus.url() + "/manual/search/repositories?ip=any", nexus.username(), "wrong")
                .status());
    }

    @Test
    void released_files_are_served_where_central_serves_them_and_nowhere_on_the_service() throws Exception {
        String repo = open("r");
        Path image = dir.resolve("image");
        for (String file : StagedComponent.write(image, "pub", "1.0.0", true)) {
            assertEquals(201, HttpProbe.send("PUT", nexus.url() + S + "deployByRepositoryId/" + repo + "/" + file,
                    nexus.username(), nexus.password(), null, Files.readAllBytes(image.resolve(file))).status());
        }
        post("bulk/close", repo);
        assertTrue(nexus.awaitSettled(Duration.ofSeconds(5)));
        post("bulk/promote", repo);
        assertTrue(nexus.awaitSettled(Duration.ofSeconds(5)));
        String pom = StagedComponent.GROUP_PATH + "/pub/1.0.0/pub-1.0.0.pom";

        assertEquals(nexus.centralUrl(), nexus.publicUrl());
        HttpProbe.Answer central = HttpProbe.get(nexus.centralUrl() + "/" + pom);
        assertEquals(200, central.status());
        assertEquals(Files.readString(image.resolve(pom)), central.body());
        assertEquals(404, HttpProbe.get(nexus.centralUrl() + "/" + pom + ".nope").status());
        assertEquals(401, HttpProbe.get(nexus.releasesUrl() + pom).status());
    }

    private JsonNode search(String query) throws Exception {
        HttpProbe.Answer a = HttpProbe.get(nexus.url() + "/manual/search/repositories" + query, nexus.username(),
                nexus.password());
        assertEquals(200, a.status(), a.body());
        return JSON.readTree(a.body()).path("repositories");
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }

    private String open(String description) throws Exception {
        HttpProbe.Answer a = HttpProbe.send("POST", nexus.url() + S + "profiles/" + profile + "/start", nexus.username(),
                nexus.password(), "application/xml", ("<promoteRequest><data><description>" + description
                        + "</description></data></promoteRequest>").getBytes(StandardCharsets.UTF_8));
        assertEquals(201, a.status(), a.body());
        Matcher m = Pattern.compile("<stagedRepositoryId>([^<]+)</stagedRepositoryId>").matcher(a.body());
        assertTrue(m.find(), a.body());
        return m.group(1);
    }

    private void post(String path, String repo) throws Exception {
        String xml = "<stagingActionRequest><data><stagedRepositoryIds><string>" + repo
                + "</string></stagedRepositoryIds><description>d</description></data></stagingActionRequest>";
        HttpProbe.Answer a = HttpProbe.send("POST", nexus.url() + S + path, nexus.username(), nexus.password(),
                "application/xml", xml.getBytes(StandardCharsets.UTF_8));
        assertEquals(201, a.status(), a.body());
    }
}

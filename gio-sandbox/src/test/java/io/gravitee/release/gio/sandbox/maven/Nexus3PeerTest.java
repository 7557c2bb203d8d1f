package io.gravitee.release.gio.sandbox.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gravitee.release.gio.sandbox.PeerCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Against the real Nexus 3 shared by this JVM's tests (started once, about 40 s). */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Nexus3PeerTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    @Order(1)
    void aReleaseDeploysOnceToMavenReleases() throws Exception {
        Nexus3Peer nexus = Nexus3Peer.shared();
        URI pom = nexus.url().resolve("io/gravitee/gio/once/1.0.0/once-1.0.0.pom");
        assertEquals(201, put(pom, "<project>first</project>", nexus.credentials()).statusCode());
        assertEquals("<project>first</project>", get(pom, nexus.credentials()).body());

        HttpResponse<String> again = put(pom, "<project>second</project>", nexus.credentials());
        // Nexus explains "Repository does not allow updating assets" in the reason phrase, which HttpClient hides.
        assertEquals(400, again.statusCode(), again.body());
        assertEquals("<project>first</project>", get(pom, nexus.credentials()).body(), "the first deploy stays");
    }

    @Test
    @Order(2)
    void gioStagingAcceptsARedeployOfTheSameRelease() throws Exception {
        Nexus3Peer nexus = Nexus3Peer.shared();
        assertEquals(nexus.baseUrl().resolve("repository/gio-staging/"), nexus.stagingUrl());
        URI jar = nexus.stagingUrl().resolve("io/gravitee/gio/staged/2.0.0/staged-2.0.0.jar");
        assertEquals(201, put(jar, "one", nexus.credentials()).statusCode());
        assertEquals(201, put(jar, "two", nexus.credentials()).statusCode());
        assertEquals("two", get(jar, nexus.credentials()).body());
    }

    @Test
    @Order(3)
    void deployingNeedsTheSandboxCredentials() throws Exception {
        Nexus3Peer nexus = Nexus3Peer.shared();
        URI pom = nexus.url().resolve("io/gravitee/gio/denied/1.0.0/denied-1.0.0.pom");
        assertEquals(401, put(pom, "x", new PeerCredentials(nexus.credentials().username(), "wrong"))
                .statusCode());
        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(pom)
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());
        assertEquals(404, get(pom, nexus.credentials()).statusCode(), "nothing was stored");
    }

    @Test
    @Order(4)
    void restartKeepsContentAndLeavesNoProcessBehind() throws Exception {
        Nexus3Peer nexus = Nexus3Peer.shared();
        URI pom = nexus.url().resolve("io/gravitee/gio/kept/1.0.0/kept-1.0.0.pom");
        assertEquals(201, put(pom, "<project>kept</project>", nexus.credentials()).statusCode());
        ProcessHandle before = nexus.process().orElseThrow();
        List<ProcessHandle> tree = new ArrayList<>(before.descendants().toList());
        tree.add(before);
        assertTrue(tree.stream().anyMatch(h -> h.info().command().orElse("").endsWith("java")),
                "Nexus runs in a Java process");

        long start = System.nanoTime();
        nexus.restart();
        System.out.println("Nexus 3 restart took " + Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s");
        for (ProcessHandle handle : tree) {
            assertFalse(handle.isAlive(), "still running after stop: " + handle.pid() + " " + handle.info());
        }
        assertTrue(nexus.process().orElseThrow().isAlive());
        URI keptAfter = nexus.url().resolve("io/gravitee/gio/kept/1.0.0/kept-1.0.0.pom");
        assertEquals("<project>kept</project>", get(keptAfter, nexus.credentials()).body());
        assertEquals(400, put(keptAfter, "<project>other</project>", nexus.credentials()).statusCode(),
                "maven-releases still refuses a redeploy after a restart");
    }

    static HttpResponse<String> put(URI uri, String body, PeerCredentials credentials) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).header("Authorization", basic(credentials))
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(URI uri, PeerCredentials credentials) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).header("Authorization", basic(credentials)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String basic(PeerCredentials c) {
        return "Basic " + Base64.getEncoder()
                .encodeToString((c.username() + ":" + c.password()).getBytes(StandardCharsets.UTF_8));
    }
}

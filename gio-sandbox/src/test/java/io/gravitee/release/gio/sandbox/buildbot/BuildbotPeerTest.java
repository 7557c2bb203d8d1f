package io.gravitee.release.gio.sandbox.buildbot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gravitee.release.gio.sandbox.PeerKind;
import io.gravitee.release.gio.sandbox.Sandbox;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real Buildbot master and its two workers, as {@code --only buildbot} starts them. */
class BuildbotPeerTest {
    @TempDir
    Path dir;

    @Test
    void startsAMasterWithTwoConnectedWorkersAndRefusesAnAnonymousForce() throws Exception {
        try (Sandbox sandbox = Sandbox.start(dir, EnumSet.of(PeerKind.BUILDBOT))) {
            var peer = sandbox.peer(PeerKind.BUILDBOT);
            HttpClient http = HttpClient.newHttpClient();
            var workers = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(peer.url().resolve("api/v2/workers"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body()).path("workers");
            assertEquals(2, workers.size());
            workers.forEach(w -> assertTrue(w.path("connected_to").size() > 0, w.toString()));

            var force = http.send(HttpRequest.newBuilder(peer.url().resolve("api/v2/forceschedulers/gio"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"jsonrpc\":\"2.0\",\"method\":\"force\",\"params\":{\"reason\":\"x\"},\"id\":1}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(403, force.statusCode(), force.body());
            String json = Files.readString(sandbox.sandboxJson());
            assertTrue(json.contains("\"buildbot\"") && json.contains("\"forceScheduler\" : \"gio\""), json);
            assertTrue(Files.readString(sandbox.settingsXml()).contains("<id>gio-buildbot</id>"));
        }
    }
}

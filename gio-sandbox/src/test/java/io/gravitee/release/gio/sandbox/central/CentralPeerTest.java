package io.gravitee.release.gio.sandbox.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gravitee.release.gio.sandbox.PeerCredentials;
import io.gravitee.release.gio.sandbox.PeerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CentralPeerTest {
    @TempDir
    Path dir;

    @Test
    void the_peer_requires_its_credentials_keeps_its_files_in_its_directory_and_stops_cleanly() throws Exception {
        PeerCredentials credentials = PeerCredentials.generate();
        PeerFactory factory = CentralPeer::new;
        CentralPeer peer = (CentralPeer) factory.create(dir, credentials);
        assertThrows(IllegalStateException.class, peer::url);
        peer.start();
        try {
            assertEquals("central", peer.name());
            assertEquals(peer.url() + "/repo/", peer.extras().get("repoUrl"));
            assertFalse(peer.toString().contains(credentials.password()));
            CentralEmulator central = peer.emulator();
            assertEquals(credentials.username(), central.username());
            PortalClient portal = new PortalClient(central);
            String id = portal.upload(PortalClient.zip(PortalClient.component("peer", "1.0.0", true)),
                    "?publishingType=AUTOMATIC").body();
            assertTrue(central.awaitSettled(Duration.ofSeconds(10)));
            assertEquals(DeploymentState.PUBLISHED, central.deployment(id).orElseThrow().state());
            assertTrue(Files.isRegularFile(dir.resolve("repo/io/gravitee/it/peer/1.0.0/peer-1.0.0.jar")));
        } finally {
            peer.stop();
            peer.stop();
        }
        assertThrows(IllegalStateException.class, peer::url);
        assertTrue(Files.isDirectory(dir.resolve("deployments")), "a peer's directory is kept");
    }
}

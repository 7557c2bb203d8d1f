package io.gravitee.release.gio.staging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.staging.plugin.StagingMojos;
import io.gravitee.release.gio.staging.product.ComponentResolver;
import io.gravitee.release.gio.staging.resolve.ArtifactResolver;
import io.gravitee.release.gio.staging.resolve.AttachedFileDiscovery;
import io.gravitee.release.gio.staging.resolve.HttpArtifactFetcher;
import io.gravitee.release.gio.staging.resolve.ReleaseTag;
import io.gravitee.release.gio.staging.resolve.SourceRepository;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The goals run as Maven runs them against a server that is not there (a closed port on 127.0.0.1): the failure names
 * the server, the {@code -D} property to check and what to try, without an exception class name nor a "null".
 */
class UnreachablePeersTest {
    @TempDir
    Path dir;

    /** A port nothing listens on: bound, then closed. */
    static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static void assertActionable(String message, String property) {
        assertTrue(message.contains("Check -D" + property + " (now '"), message);
        assertTrue(message.contains("Try: curl -sSI http://127.0.0.1:"), message);
        assertFalse(message.contains("null"), message);
        assertFalse(message.matches("(?s).*\\b[a-z]+(\\.[a-z]+)+\\.[A-Z]\\w*(Exception|Error).*"), message);
        assertFalse(message.contains("ClosedChannelException") || message.contains("ConnectException"), message);
    }

    @Test
    void anUnreachableSourceRepositoryNamesGioStagingSourceRepository() throws Exception {
        TestComponent component = TestComponent.create(dir);
        String source = "gio-maven::http://127.0.0.1:" + closedPort() + "/repository/releases";

        MojoFailureException e = assertThrows(MojoFailureException.class,
                () -> StagingMojos.resolve(component.checkout, source).execute());

        assertTrue(e.getMessage().startsWith("Cannot reach the source repository at http://127.0.0.1:"), e.getMessage());
        assertActionable(e.getMessage(), "gio.staging.sourceRepository");
        assertTrue(Files.readString(component.checkout.resolve("target/gio/resolve-report.md"))
                .contains("Check -Dgio.staging.sourceRepository"), "the report says it too");
    }

    @Test
    void anUnreachableStagingServerNamesGioStagingUrl() throws Exception {
        TestComponent component = TestComponent.create(dir);
        String url = "http://127.0.0.1:" + closedPort();

        MojoFailureException e = assertThrows(MojoFailureException.class, () -> StagingMojos.stage(component.checkout,
                "gio-maven::" + component.repository.toUri(), "nexus2", url).execute());

        assertTrue(e.getMessage().startsWith("Cannot reach the staging server at " + url + ": "), e.getMessage());
        assertActionable(e.getMessage(), "gio.staging.url");
        String report = Files.readString(component.checkout.resolve("target/gio/stage-report.md"));
        assertTrue(report.startsWith("## gio-staging:stage: FAILED\n"), report);
        assertTrue(report.contains("Check -Dgio.staging.url (now '" + url + "')"), report);
    }

    @Test
    void stageAllSaysAnUnreachableSourceRepositoryInTheSameWords() throws Exception {
        TestComponent component = TestComponent.create(dir);
        String source = "gio-maven::http://127.0.0.1:" + closedPort() + "/repository/releases";
        SourceRepository repository = SourceRepository.parse(source);
        try (HttpArtifactFetcher http = new HttpArtifactFetcher(repository, null, Console.silent())) {
            ComponentResolver resolver = StagingMojos.stageAllResolver((checkout, tag, into, rootFound) ->
                    new ArtifactResolver(http, new AttachedFileDiscovery(repository, http, List.of()), Console.silent(), 2)
                            .resolveAtTag(checkout, tag, into, rootFound), source);

            StagingException e = assertThrows(StagingException.class, () -> resolver.resolve(component.checkout,
                    ReleaseTag.LAST_TAG, dir.resolve("files"), root -> { }));

            assertTrue(e.getMessage().startsWith("Cannot reach the source repository at http://127.0.0.1:"), e.getMessage());
            assertActionable(e.getMessage(), "gio.staging.sourceRepository");
        }
    }
}

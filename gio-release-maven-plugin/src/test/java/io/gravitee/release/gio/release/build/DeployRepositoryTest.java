package io.gravitee.release.gio.release.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.gravitee.release.gio.credentials.Credentials;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployRepositoryTest {

    @Test
    void anUnreachableRepositoryIsAClearErrorBeforeAnyBuild() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        DeployRepository repository = DeployRepository.parse("private::http://127.0.0.1:" + port + "/releases",
                Optional.empty());

        IOException e = assertThrows(IOException.class, repository::checkReachable);

        assertTrue(e.getMessage().contains("private") && e.getMessage().contains("cannot be reached"), e.getMessage());
    }

    @Test
    void refusedCredentialsNameTheServerAndNotTheSecret() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            boolean authorised = "Basic dTpyaWdodA==".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(authorised ? 404 : 401, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/releases/";
            DeployRepository wrong = DeployRepository.parse("gio-maven::" + url,
                    Optional.of(new Credentials("gio-maven", "u", "s3cr3t-value")));

            IOException e = assertThrows(IOException.class, () -> wrong.contains("io.gravitee", "a", "1.0.0"));
            assertTrue(e.getMessage().contains("gio-maven") && e.getMessage().contains("401"), e.getMessage());
            assertFalse(e.getMessage().contains("s3cr3t-value"));

            DeployRepository right = DeployRepository.parse("gio-maven::" + url,
                    Optional.of(new Credentials("gio-maven", "u", "right")));
            assertFalse(right.contains("io.gravitee", "a", "1.0.0"));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aFileRepositoryKnowsWhatItHolds(@TempDir Path dir) throws Exception {
        DeployRepository repository = DeployRepository.parse("local::" + dir.toUri(), Optional.empty());
        assertFalse(repository.contains("io.gravitee.x", "lib", "1.2.3"));

        Path pom = dir.resolve("io/gravitee/x/lib/1.2.3/lib-1.2.3.pom");
        Files.createDirectories(pom.getParent());
        Files.writeString(pom, "<project/>");

        assertTrue(repository.contains("io.gravitee.x", "lib", "1.2.3"));
        assertEquals("local::" + dir.toUri().toString().replaceAll("/$", ""), repository.altDeploymentRepository());
    }

    @Test
    void aMalformedSpecSaysWhatIsExpected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeployRepository.parse("https://nexus/releases", Optional.empty()));
        assertTrue(e.getMessage().contains("id::url"), e.getMessage());
    }
}

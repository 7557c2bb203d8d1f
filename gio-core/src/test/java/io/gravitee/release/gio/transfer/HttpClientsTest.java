package io.gravitee.release.gio.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HttpClientsTest {

    private static Set<String> selectorThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("HttpClient-") && n.endsWith("-SelectorManager")).collect(Collectors.toSet());
    }

    @Test
    @org.junit.jupiter.api.Timeout(30)
    void closingStopsTheClientsSelectorThreadAndNoOtherClients() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        HttpClient other = HttpClient.newHttpClient();
        try {
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest request = HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/")).build();
            assertEquals(204, client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
            Set<String> before = selectorThreads();
            assertTrue(before.size() >= 2, before.toString());

            HttpClients.close(client);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (selectorThreads().size() != before.size() - 1 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Set<String> after = selectorThreads();
            assertEquals(before.size() - 1, after.size(), "exactly the closed client's thread stopped: " + after);
            assertEquals(204, other.send(request, HttpResponse.BodyHandlers.discarding()).statusCode(),
                    "another client is untouched");
            assertFalse(after.isEmpty());
            HttpClients.close(null);
        } finally {
            HttpClients.close(other);
            server.stop(0);
        }
    }
}

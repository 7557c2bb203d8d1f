package io.gravitee.release.gio.staging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.gravitee.release.gio.transfer.Checksums;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * Artifactory as a Maven source repository, for what gio reads of it (no Artifactory can run here): files under
 * {@code /artifactory/<repo>/...}, and the File List API of Artifactory Pro, {@code GET
 * /artifactory/api/storage/<repo>/<folder>?list&deep=1}, answering as JFrog documents it ({@code files} with
 * {@code uri} relative to the folder, {@code folder} and {@code size} as strings). With {@code pro} false it answers
 * as Artifactory OSS does, which has no File List API (HTTP 400).
 */
final class ArtifactoryServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final Path root;
    private final String repo;
    private final boolean pro;

    ArtifactoryServer(Path root, String repo, boolean pro) throws IOException {
        this.root = root;
        this.repo = repo;
        this.pro = pro;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/artifactory/", this::handle);
        server.start();
    }

    /** The repository URL a user gives gio: {@code http://127.0.0.1:PORT/artifactory/<repo>}. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/artifactory/" + repo;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String storage = "/artifactory/api/storage/" + repo + "/";
        if (path.startsWith(storage)) {
            if (!pro) {
                send(exchange, 400, "{\"errors\":[{\"status\":400,\"message\":\"This REST API is available only in"
                        + " Artifactory Pro.\"}]}");
                return;
            }
            Path folder = root.resolve(path.substring(storage.length())).normalize();
            if (!folder.startsWith(root) || !Files.isDirectory(folder)) {
                send(exchange, 404, "{\"errors\":[{\"status\":404,\"message\":\"Not Found\"}]}");
                return;
            }
            ObjectNode body = JSON.createObjectNode().put("uri", "http://" + exchange.getRequestHeaders().getFirst("Host")
                    + path).put("created", Instant.now().toString());
            ArrayNode files = body.putArray("files");
            try (Stream<Path> walk = Files.walk(folder)) {
                for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                    files.addObject().put("uri", "/" + folder.relativize(file).toString().replace('\\', '/'))
                            .put("size", String.valueOf(Files.size(file))).put("lastModified", Instant.now().toString())
                            .put("folder", "false").put("sha1", Checksums.of(file).sha1());
                }
            }
            send(exchange, 200, body.toString());
            return;
        }
        Path file = root.resolve(path.substring(("/artifactory/" + repo + "/").length())).normalize();
        if (!path.startsWith("/artifactory/" + repo + "/") || !file.startsWith(root) || !Files.isRegularFile(file)) {
            send(exchange, 404, "Not Found");
            return;
        }
        byte[] bytes = Files.readAllBytes(file);
        exchange.sendResponseHeaders(200, exchange.getRequestMethod().equals("HEAD") ? -1 : bytes.length);
        if (!exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package io.gravitee.release.gio.staging.nexus2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.staging.StagingException;
import io.gravitee.release.gio.transfer.Background;
import io.gravitee.release.gio.transfer.HttpClients;
import io.gravitee.release.gio.transfer.Retry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * The HTTP calls of the Nexus 2 staging REST API, in JSON. GETs and PUTs are retried on transient failures
 * (I/O errors, 5xx); POSTs are not, because a lost answer may hide a done operation: callers inspect instead.
 */
final class Nexus2Client {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * An answer: status, body, and whether it carries an authentication challenge ({@code WWW-Authenticate}), which
     * tells a refusal of credentials from the OSSRH service's refusal of a route it lacks ({@link OssrhService}).
     */
    record Answer(int status, String body, boolean challenged) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The Nexus error message(s) of the body, or the body itself. */
        String message() {
            try {
                JsonNode errors = JSON.readTree(body).path("errors");
                if (errors.isArray() && !errors.isEmpty()) {
                    StringBuilder out = new StringBuilder();
                    errors.forEach(e -> out.append(out.isEmpty() ? "" : "; ").append(e.path("msg").asText()));
                    return out.toString();
                }
            } catch (IOException | RuntimeException ignored) {
                // Not JSON (e.g. OSSRH's plain-text refusals): the body says it.
            }
            return body == null || body.isBlank() ? "HTTP " + status : body.strip();
        }
    }

    /** A 5xx answer to a retried request, so that it counts as a transient I/O failure. */
    static final class ServerError extends IOException {
        private static final long serialVersionUID = 1L;
        final transient Answer answer;

        ServerError(String what, Answer answer) {
            super(what + " answered HTTP " + answer.status() + ": " + answer.message());
            this.answer = answer;
        }
    }

    private final Nexus2Options options;
    // Building an HttpClient initialises the JDK's TLS context (its trust store: about a third of a second of CPU on a
    // small machine), so it is built on a thread of its own while the goal reads the ledger and the release tag, and
    // awaited by the first request.
    private final CompletableFuture<HttpClient> http;
    private final Retry retry;
    private final String authorization;
    private volatile boolean closed;

    Nexus2Client(Nexus2Options options, Console console) {
        this.options = options;
        this.http = Background.supply("gio-http-init", () -> HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1).build());
        this.retry = Retry.of(new Retry.Policy(6, Duration.ofMillis(200), Duration.ofSeconds(5), Retry::isTransientIo),
                console);
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (options.credentials().username() + ":" + options.credentials().secret()).getBytes(StandardCharsets.UTF_8));
    }

    Nexus2Options options() {
        return options;
    }

    private HttpClient http() {
        if (closed) {
            throw new IllegalStateException("The Nexus 2 client of " + options.url() + " is closed");
        }
        return http.join();
    }

    /** Closes the HTTP client once it is built; no request may be sent afterwards. */
    void close() {
        closed = true;
        http.thenAccept(HttpClients::close);
    }

    /** GET {@code service/local/staging/<path>}, retried. */
    Answer get(String path) {
        return retried("GET " + path, () -> send(request(api(path)).GET().build()));
    }

    /** A plain GET of any URL without credentials (public content), retried; 404 is an answer, not a failure. */
    Answer getPublic(String url) {
        return publicRequest("GET", url);
    }

    /** As {@link #getPublic}, a HEAD: whether the file is there, without its bytes (the answer's body is empty). */
    Answer headPublic(String url) {
        return publicRequest("HEAD", url);
    }

    private Answer publicRequest(String method, String url) {
        return retried(method + " " + url, () -> {
            HttpResponse<String> r = http().send(HttpRequest.newBuilder(URI.create(url)).timeout(options.requestTimeout())
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return check(method + " " + url, answer(r));
        });
    }

    /** POST {@code service/local/staging/<path>} with {@code {"data": data}}, once. */
    Answer post(String path, ObjectNode data) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.set("data", data);
        HttpRequest request = request(api(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        return send(request);
    }

    /** GET {@code <url>/<path>} (the OSSRH service's {@code manual/...} endpoints), retried. */
    Answer getAt(String path) {
        return retried("GET " + path, () -> send(request(options.url() + "/" + path).GET().build()));
    }

    /** DELETE {@code <url>/<path>}, once: a lost answer is settled by reading the repository. */
    Answer deleteAt(String path) throws IOException {
        return send(request(options.url() + "/" + path).DELETE().build());
    }

    /** PUT a file (streamed from disk) to {@code service/local/staging/<path>}, retried. */
    Answer put(String path, Path file) {
        return retried("PUT " + path, () -> check("PUT " + path, send(request(api(path))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofFile(file)).build())));
    }

    static ObjectNode data() {
        return JSON.createObjectNode();
    }

    static ObjectNode idsData(String id, String description) {
        ObjectNode data = data();
        data.putArray("stagedRepositoryIds").add(id);
        data.put("description", description);
        return data;
    }

    static JsonNode parse(Answer answer, String what) {
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new StagingException(what + ": the server's answer is not JSON: " + abbreviate(answer.body()));
        }
    }

    private String api(String path) {
        return options.url() + "/service/local/staging/" + path;
    }

    private HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(options.requestTimeout())
                .header("Authorization", authorization).header("Accept", "application/json")
                .header("User-Agent", "gio-staging");
    }

    private Answer send(HttpRequest request) throws IOException {
        try {
            return answer(http().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted: " + request.method() + " " + request.uri(), e);
        }
    }

    private static Answer answer(HttpResponse<String> response) {
        return new Answer(response.statusCode(), response.body(),
                response.headers().firstValue("WWW-Authenticate").isPresent());
    }

    private static Answer check(String what, Answer answer) throws ServerError {
        if (answer.status() >= 500) {
            throw new ServerError(what, answer);
        }
        return answer;
    }

    private Answer retried(String what, Callable<Answer> call) {
        try {
            return retry.call(what, () -> check(what, call.call()));
        } catch (ServerError e) {
            return e.answer;
        } catch (Exception e) {
            throw new StagingException(what + " on " + options.url() + " failed: " + e, e);
        }
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    static List<String> texts(JsonNode array, String field) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(n -> n.path(field).asText()).toList();
    }
}

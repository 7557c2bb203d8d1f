package io.gravitee.release.gio.staging.central;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.staging.StagingException;
import io.gravitee.release.gio.transfer.HttpClients;
import io.gravitee.release.gio.transfer.Retry;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * The HTTP calls of the Central Portal Publisher API. Reads ({@code status} is a POST but only reads) are
 * retried on transient failures; {@code upload} and {@code deployment/{id}} are sent once, because a lost
 * answer may hide a done operation: the caller re-reads the state before asking again.
 */
final class CentralClient {
    static final String API = "/api/v1/publisher/";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An answer: status and body. */
    record Answer(int status, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The Portal's {@code error.message}, or the body itself. */
        String message() {
            try {
                JsonNode error = JSON.readTree(body).path("error").path("message");
                if (error.isTextual()) {
                    return error.asText();
                }
            } catch (IOException | RuntimeException ignored) {
                // Not JSON: the body says it.
            }
            return body == null || body.isBlank() ? "HTTP " + status : body.strip();
        }
    }

    /** A 5xx answer, so that a retried read counts it as a transient failure. */
    static final class ServerError extends IOException {
        private static final long serialVersionUID = 1L;
        final transient Answer answer;

        ServerError(String what, Answer answer) {
            super(what + " answered HTTP " + answer.status() + ": " + answer.message());
            this.answer = answer;
        }
    }

    private final CentralOptions options;
    private final HttpClient http;
    private volatile boolean closed;
    private final Retry retry;
    private final String authorization;

    CentralClient(CentralOptions options, Console console) {
        this.options = options;
        this.http = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1).build();
        this.retry = Retry.of(new Retry.Policy(6, java.time.Duration.ofMillis(200), java.time.Duration.ofSeconds(5),
                Retry::isTransientIo), console);
        this.authorization = "Bearer " + Base64.getEncoder().encodeToString((options.credentials().username() + ":"
                + options.credentials().secret()).getBytes(StandardCharsets.UTF_8));
    }

    CentralOptions options() {
        return options;
    }

    /** {@code GET published?namespace=&name=&version=}, retried. */
    Answer published(String groupId, String artifactId, String version) {
        String url = api("published?namespace=" + enc(groupId) + "&name=" + enc(artifactId) + "&version=" + enc(version));
        return retried("GET " + url, () -> send(request(url).GET().build()));
    }

    /** {@code POST status?id=}: only reads, so retried. */
    Answer status(String id) {
        String url = api("status?id=" + enc(id));
        return retried("POST " + url, () -> send(request(url).POST(HttpRequest.BodyPublishers.noBody()).build()));
    }

    /** {@code POST deployment/{id}} (publish), once. */
    Answer publish(String id) throws IOException {
        return send(request(api("deployment/" + enc(id))).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** {@code DELETE deployment/{id}} (drop), once. */
    Answer drop(String id) throws IOException {
        return send(request(api("deployment/" + enc(id))).DELETE().build());
    }

    /** {@code POST upload?name=&publishingType=USER_MANAGED} with the bundle as multipart part {@code bundle}, once. */
    Answer upload(String name, Path bundle) throws IOException {
        String boundary = "gio-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"bundle\"; filename=\""
                + bundle.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        long length = head.length + Files.size(bundle) + tail.length;
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> stream(head, bundle, tail)), length);
        return send(request(api("upload?name=" + enc(name) + "&publishingType=USER_MANAGED"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(body).build());
    }

    /** A GET without credentials (public content), retried; 404 is an answer. */
    Answer getPublic(String url) {
        return retried("GET " + url, () -> send(HttpRequest.newBuilder(URI.create(url))
                .timeout(options.requestTimeout()).GET().build()));
    }

    static JsonNode parse(Answer answer, String what) {
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new StagingException(what + ": the Portal's answer is not JSON: " + answer.body());
        }
    }

    private static InputStream stream(byte[] head, Path bundle, byte[] tail) {
        try {
            return new SequenceInputStream(java.util.Collections.enumeration(List.of(
                    new java.io.ByteArrayInputStream(head), Files.newInputStream(bundle),
                    new java.io.ByteArrayInputStream(tail))));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String api(String path) {
        return options.url() + API + path;
    }

    private HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(options.requestTimeout())
                .header("Authorization", authorization).header("Accept", "application/json")
                .header("User-Agent", "gio-staging");
    }

    /** Closes the HTTP client; no request may be sent afterwards. */
    void close() {
        closed = true;
        HttpClients.close(http);
    }

    private Answer send(HttpRequest request) throws IOException {
        if (closed) {
            throw new IllegalStateException("The Central Portal client is closed");
        }
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted: " + request.method() + " " + request.uri(), e);
        }
    }

    private Answer retried(String what, Callable<Answer> call) {
        try {
            return retry.call(what, () -> {
                Answer answer = call.call();
                if (answer.status() >= 500) {
                    throw new ServerError(what, answer);
                }
                return answer;
            });
        } catch (ServerError e) {
            return e.answer;
        } catch (Exception e) {
            throw new StagingException(what + " on the Central Portal " + options.url() + " failed: " + e, e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

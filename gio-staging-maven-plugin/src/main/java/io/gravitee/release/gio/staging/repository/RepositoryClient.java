package io.gravitee.release.gio.staging.repository;

import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.staging.StagingException;
import io.gravitee.release.gio.transfer.HttpClients;
import io.gravitee.release.gio.transfer.Retry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.Callable;

/**
 * Plain HTTP against Maven repositories and the Nexus 3 REST API. Reads, deletes and PUTs into the staging
 * repository are retried on transient failures (I/O errors, 5xx); a PUT into the release repository is sent once
 * by {@link #putOnce}: redeploy is disabled there, so the caller re-reads what is there before sending it again.
 */
final class RepositoryClient {

    /** An answer: status and body (bytes, for files). */
    record Answer(int status, byte[] body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        String text() {
            return body == null ? "" : new String(body, StandardCharsets.UTF_8);
        }

        String message() {
            String text = text().strip();
            return text.isEmpty() ? "HTTP " + status : "HTTP " + status + ": "
                    + (text.length() > 300 ? text.substring(0, 300) + "..." : text);
        }
    }

    /** A 5xx answer, so that a retried request counts it as transient. */
    static final class ServerError extends IOException {
        private static final long serialVersionUID = 1L;
        final transient Answer answer;

        ServerError(String what, Answer answer) {
            super(what + " answered " + answer.message());
            this.answer = answer;
        }
    }

    private final RepositoryOptions options;
    private final HttpClient http;
    private volatile boolean closed;
    private final Retry retry;
    private final String authorization;

    RepositoryClient(RepositoryOptions options, Console console) {
        this.options = options;
        this.http = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1).build();
        this.retry = Retry.of(new Retry.Policy(6, java.time.Duration.ofMillis(100), java.time.Duration.ofSeconds(3),
                Retry::isTransientIo), console);
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((options.credentials().username() + ":"
                + options.credentials().secret()).getBytes(StandardCharsets.UTF_8));
    }

    RepositoryOptions options() {
        return options;
    }

    Answer get(String url) {
        return retried("GET " + url, () -> send(request(url).GET().build()));
    }

    Answer head(String url) {
        return retried("HEAD " + url, () -> send(request(url).method("HEAD", HttpRequest.BodyPublishers.noBody()).build()));
    }

    Answer delete(String url) {
        return retried("DELETE " + url, () -> send(request(url).DELETE().build()));
    }

    /** PUT into a repository where a second PUT is harmless (the staging repository), retried. */
    Answer putRetried(String url, Path file) {
        return retried("PUT " + url, () -> send(request(url).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofFile(file)).build()));
    }

    /** PUT sent once; an I/O failure is thrown for the caller to inspect. */
    Answer putOnce(String url, Path file) throws IOException {
        return send(request(url).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofFile(file)).build());
    }

    private HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(options.requestTimeout())
                .header("Authorization", authorization).header("User-Agent", "gio-staging");
    }

    /** Closes the HTTP client; no request may be sent afterwards. */
    void close() {
        closed = true;
        HttpClients.close(http);
    }

    private Answer send(HttpRequest request) throws IOException {
        if (closed) {
            throw new IllegalStateException("The repository client is closed");
        }
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
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
            throw new StagingException(what + " failed: " + e, e);
        }
    }
}

package io.gravitee.release.gio.sandbox.nexus2;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Minimal HTTP calls for the tests. */
final class HttpProbe {
    record Answer(int status, String body, java.net.http.HttpHeaders headers) {}

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private HttpProbe() {}

    static Answer get(String url) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    static Answer get(String url, String user, String password) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().header("Authorization", basic(user, password)));
    }

    static Answer send(String method, String url, String user, String password, String contentType, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (user != null) {
            b.header("Authorization", basic(user, password));
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b);
    }

    private static Answer send(HttpRequest.Builder builder) throws IOException, InterruptedException {
        HttpResponse<String> r = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body(), r.headers());
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}

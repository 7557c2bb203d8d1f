package io.gravitee.release.gio.sandbox.maven;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gravitee.release.gio.sandbox.PeerCredentials;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * The Nexus 3 REST calls ({@code /service/rest/v1/...}) that bring a fresh or restarted instance to the state the
 * sandbox promises. Every step is idempotent, so it runs on each start.
 */
final class Nexus3Admin {

    /** The built-in administrator (with {@code nexus.security.randompassword=false}). */
    static final PeerCredentials ADMIN = new PeerCredentials("admin", "admin123");

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;

    /** @param base {@code http://127.0.0.1:PORT/} */
    Nexus3Admin(URI base) {
        this.base = base;
    }

    /** True when the instance answers {@code status/writable} with 200; false while it is starting. */
    boolean writable() {
        try {
            return send(HttpRequest.newBuilder(base.resolve("service/rest/v1/status/writable")).GET(), null)
                    .statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** Makes {@code name} a hosted maven2 release repository with the given write policy, creating it if missing. */
    void ensureHostedReleases(String name, boolean redeploy) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("name", name).put("online", true);
        body.putObject("storage").put("blobStoreName", "default").put("strictContentTypeValidation", false)
                .put("writePolicy", redeploy ? "allow" : "allow_once");
        body.putObject("maven").put("versionPolicy", "RELEASE").put("layoutPolicy", "STRICT")
                .put("contentDisposition", "ATTACHMENT");
        URI repository = base.resolve("service/rest/v1/repositories/maven/hosted/" + name);
        HttpResponse<String> existing = expect(HttpRequest.newBuilder(repository).GET(), List.of(200, 404),
                "read repository " + name);
        if (existing.statusCode() == 404) {
            expect(json(HttpRequest.newBuilder(base.resolve("service/rest/v1/repositories/maven/hosted")), "POST",
                    body), List.of(201), "create repository " + name);
            return;
        }
        String policy = JSON.readTree(existing.body()).path("storage").path("writePolicy").asText("");
        if (!policy.equalsIgnoreCase(redeploy ? "allow" : "allow_once")) {
            expect(json(HttpRequest.newBuilder(repository), "PUT", body), List.of(204),
                    "set the write policy of repository " + name);
        }
    }

    /**
     * Makes {@code user} an administrator with that password: created when missing, its password reset otherwise
     * (the sandbox generates a new one at each start).
     */
    void ensureUser(PeerCredentials user) throws IOException {
        if (user.username().equals(ADMIN.username())) {
            if (!user.password().equals(ADMIN.password())) {
                throw new IllegalArgumentException("the maven peer's admin user keeps the password admin123: choose"
                        + " another username for other credentials");
            }
            return;
        }
        String id = user.username();
        HttpResponse<String> found = expect(HttpRequest.newBuilder(
                base.resolve("service/rest/v1/security/users?userId=" + encode(id))).GET(), List.of(200),
                "look up user " + id);
        boolean exists = false;
        for (JsonNode node : JSON.readTree(found.body())) {
            exists |= node.path("userId").asText().equals(id);
        }
        if (exists) {
            expect(HttpRequest.newBuilder(base.resolve("service/rest/v1/security/users/" + encode(id)
                    + "/change-password")).header("Content-Type", "text/plain")
                    .PUT(HttpRequest.BodyPublishers.ofString(user.password())), List.of(204),
                    "reset the password of user " + id);
            return;
        }
        ObjectNode body = JSON.createObjectNode().put("userId", id).put("firstName", "gio").put("lastName", "sandbox")
                .put("emailAddress", id + "@sandbox.invalid").put("password", user.password()).put("status", "active");
        body.putArray("roles").add("nx-admin");
        expect(json(HttpRequest.newBuilder(base.resolve("service/rest/v1/security/users")), "POST", body),
                List.of(200), "create user " + id);
    }

    /**
     * Makes {@code user} a deploy user of {@code repository} as release repositories are often set up: it may read
     * and add files, not delete them (role {@code gio-deploy-only-<repository>}).
     */
    void ensureDeployOnlyUser(PeerCredentials user, String repository) throws IOException {
        String role = "gio-deploy-only-" + repository;
        HttpResponse<String> existing = expect(HttpRequest.newBuilder(base.resolve("service/rest/v1/security/roles/"
                + encode(role))).GET(), List.of(200, 404), "read role " + role);
        if (existing.statusCode() == 404) {
            ObjectNode body = JSON.createObjectNode().put("id", role).put("name", role)
                    .put("description", "read and deploy to " + repository + ", no delete");
            var privileges = body.putArray("privileges");
            for (String action : List.of("read", "browse", "add", "edit")) {
                privileges.add("nx-repository-view-maven2-" + repository + "-" + action);
            }
            body.putArray("roles");
            expect(json(HttpRequest.newBuilder(base.resolve("service/rest/v1/security/roles")), "POST", body),
                    List.of(200), "create role " + role);
        }
        HttpResponse<String> found = expect(HttpRequest.newBuilder(
                base.resolve("service/rest/v1/security/users?userId=" + encode(user.username()))).GET(), List.of(200),
                "look up user " + user.username());
        for (JsonNode node : JSON.readTree(found.body())) {
            if (node.path("userId").asText().equals(user.username())) {
                return;
            }
        }
        ObjectNode body = JSON.createObjectNode().put("userId", user.username()).put("firstName", "gio")
                .put("lastName", "deploy-only").put("emailAddress", user.username() + "@sandbox.invalid")
                .put("password", user.password()).put("status", "active");
        body.putArray("roles").add(role);
        expect(json(HttpRequest.newBuilder(base.resolve("service/rest/v1/security/users")), "POST", body),
                List.of(200), "create user " + user.username());
    }

    /** Every asset path of {@code repository}, sorted, following Nexus' continuation tokens. */
    List<String> assetPaths(String repository) throws IOException {
        List<String> paths = new java.util.ArrayList<>();
        String token = null;
        do {
            String query = "service/rest/v1/assets?repository=" + encode(repository)
                    + (token == null ? "" : "&continuationToken=" + encode(token));
            JsonNode page = JSON.readTree(expect(HttpRequest.newBuilder(base.resolve(query)).GET(), List.of(200),
                    "list the assets of " + repository).body());
            for (JsonNode item : page.path("items")) {
                paths.add(item.path("path").asText().replaceFirst("^/", ""));
            }
            token = page.path("continuationToken").isTextual() ? page.path("continuationToken").asText() : null;
        } while (token != null);
        paths.sort(null);
        return paths;
    }

    private static HttpRequest.Builder json(HttpRequest.Builder request, String method, JsonNode body) {
        return request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    }

    private HttpResponse<String> expect(HttpRequest.Builder request, List<Integer> statuses, String what)
            throws IOException {
        HttpResponse<String> response = send(request, ADMIN);
        if (!statuses.contains(response.statusCode())) {
            // The body is Nexus' explanation; it never holds the password we sent.
            throw new IOException("Nexus 3 at " + base + " could not " + what + ": HTTP " + response.statusCode()
                    + " " + abbreviate(response.body()));
        }
        return response;
    }

    private HttpResponse<String> send(HttpRequest.Builder request, PeerCredentials credentials) throws IOException {
        request.timeout(Duration.ofSeconds(60));
        if (credentials != null) {
            request.header("Authorization", basic(credentials));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while talking to Nexus 3 at " + base, e);
        }
    }

    static String basic(PeerCredentials credentials) {
        String pair = credentials.username() + ":" + credentials.password();
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String body) {
        String flat = body.replaceAll("\\s+", " ").trim();
        return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
    }
}

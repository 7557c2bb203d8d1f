package io.gravitee.release.gio.release.executor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gravitee.release.gio.credentials.Credentials;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Buildbot (tested against 3.7) through its REST API, {@code /api/v2}. A dispatch is a force of the scheduler
 * {@code scheduler} on {@code builder} with the job's options as properties ('.' becomes '_') and gio's key as the
 * reason; the master must keep the reason as given ({@code reasonString="%(reason)s"}) so that
 * {@code GET /buildsets?reason=KEY} finds it. The handle is the build request id: a build Buildbot re-runs after a
 * crash (results 5, RETRY) stays under the same request, which completes once one of its builds finishes.
 *
 * <p>With {@code UserPasswordAuth} the API refuses Basic authentication: gio logs in at {@code /auth/login} (Basic)
 * and sends the session cookie, logging in again when the session is gone.
 */
public final class BuildbotEngine implements CiEngine {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final Optional<Credentials> credentials;
    private final String builder;
    private final String scheduler;
    private final HttpClient http;
    private Integer builderId;

    /** @param base the master's URL, e.g. {@code https://buildbot.example.com/} */
    public BuildbotEngine(URI base, Optional<Credentials> credentials, String builder, String scheduler) {
        this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
        this.credentials = credentials;
        this.builder = builder;
        this.scheduler = scheduler;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(20))
                .build();
    }

    @Override
    public String name() {
        return "buildbot";
    }

    @Override
    public String dispatch(String key, Map<String, String> options) throws IOException {
        ObjectNode params = JSON.createObjectNode().put("builderid", builderId()).put("reason", key);
        options.forEach((name, value) -> params.put(name.replace('.', '_'), value));
        ObjectNode call = JSON.createObjectNode().put("jsonrpc", "2.0").put("method", "force").put("id", 1);
        call.set("params", params);
        JsonNode answer = send("POST", "api/v2/forceschedulers/" + scheduler, call.toString());
        if (answer.has("error")) {
            throw new IOException("Buildbot refused to force " + scheduler + ": " + answer.path("error").path("message")
                    .asText(answer.path("error").toString()));
        }
        // [bsid, {builderid: brid}]
        JsonNode requests = answer.path("result").path(1);
        if (!requests.isObject() || requests.size() != 1) {
            throw new IOException("unexpected answer of force " + scheduler + ": " + answer);
        }
        return requests.elements().next().asText();
    }

    @Override
    public Optional<String> find(String key) throws IOException {
        for (JsonNode set : get("api/v2/buildsets?reason=" + URLEncoder.encode(key, StandardCharsets.UTF_8))
                .path("buildsets")) {
            for (JsonNode request : get("api/v2/buildrequests?buildsetid=" + set.path("bsid").asInt())
                    .path("buildrequests")) {
                return Optional.of(request.path("buildrequestid").asText());
            }
        }
        return Optional.empty();
    }

    @Override
    public Status poll(String handle) throws IOException {
        JsonNode request = get("api/v2/buildrequests/" + handle).path("buildrequests").path(0);
        if (request.isMissingNode()) {
            throw new IOException("Buildbot has no build request " + handle + " (" + base + ")");
        }
        List<JsonNode> builds = builds(handle);
        String detail = "build request " + handle + (builds.isEmpty() ? "" : ", build "
                + builds.get(builds.size() - 1).path("number").asText() + " of " + builds.size() + " run(s)")
                + ", " + base + "#/buildrequests/" + handle;
        if (!request.path("complete").asBoolean()) {
            return new Status(request.path("claimed").asBoolean() ? State.RUNNING : State.QUEUED, detail);
        }
        // Results: 0 success, 1 warnings, 2 failure, 3 skipped, 4 exception, 5 retry, 6 cancelled.
        int results = request.path("results").asInt(-1);
        State state = results == 0 || results == 1 ? State.SUCCEEDED : results == 6 ? State.CANCELLED : State.FAILED;
        return new Status(state, detail + ", results " + results);
    }

    @Override
    public void cancel(String handle) throws IOException {
        JsonNode request = get("api/v2/buildrequests/" + handle).path("buildrequests").path(0);
        if (!request.path("claimed").asBoolean() && !request.path("complete").asBoolean()) {
            rpc("api/v2/buildrequests/" + handle, "cancel");
        }
        for (JsonNode build : builds(handle)) {
            if (!build.path("complete").asBoolean()) {
                rpc("api/v2/builds/" + build.path("buildid").asInt(), "stop");
            }
        }
    }

    @Override
    public String log(String handle) throws IOException {
        StringBuilder out = new StringBuilder();
        for (JsonNode build : builds(handle)) {
            out.append("=== buildbot build ").append(build.path("number").asText()).append(" (results ")
                    .append(build.path("results").asText("running")).append(")\n");
            for (JsonNode step : get("api/v2/builds/" + build.path("buildid").asInt() + "/steps").path("steps")) {
                for (JsonNode log : get("api/v2/steps/" + step.path("stepid").asInt() + "/logs").path("logs")) {
                    out.append("--- step ").append(step.path("name").asText()).append(", log ")
                            .append(log.path("name").asText()).append('\n');
                    String text = text("api/v2/logs/" + log.path("logid").asInt() + "/raw");
                    out.append(text).append(text.endsWith("\n") ? "" : "\n");
                }
            }
        }
        return out.toString();
    }

    private List<JsonNode> builds(String handle) throws IOException {
        List<JsonNode> builds = new ArrayList<>();
        get("api/v2/builds?buildrequestid=" + handle + "&order=buildid").path("builds").forEach(builds::add);
        return builds;
    }

    private int builderId() throws IOException {
        if (builderId == null) {
            JsonNode found = get("api/v2/builders?name=" + URLEncoder.encode(builder, StandardCharsets.UTF_8))
                    .path("builders").path(0);
            if (found.isMissingNode()) {
                throw new IOException("Buildbot at " + base + " has no builder " + builder
                        + " (gio.buildbot.builder): see the README for the builder running gio-release:component");
            }
            builderId = found.path("builderid").asInt();
        }
        return builderId;
    }

    private void rpc(String path, String method) throws IOException {
        send("POST", path, JSON.createObjectNode().put("jsonrpc", "2.0").put("method", method).put("id", 1)
                .set("params", JSON.createObjectNode().put("reason", "cancelled by gio")).toString());
    }

    private JsonNode get(String path) throws IOException {
        return send("GET", path, null);
    }

    private JsonNode send(String method, String path, String body) throws IOException {
        return JSON.readTree(exchange(method, path, body));
    }

    private String text(String path) throws IOException {
        return exchange("GET", path, null);
    }

    private String exchange(String method, String path, String body) throws IOException {
        HttpResponse<String> response = once(method, path, body);
        if ((response.statusCode() == 401 || response.statusCode() == 403) && credentials.isPresent()) {
            login();
            response = once(method, path, body);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException("Buildbot " + method + " " + base + path + " answered " + response.statusCode()
                    + (response.statusCode() == 403 ? " (the user of server " + credentials.map(Credentials::serverId)
                    .orElse("<none: set gio.buildbot.serverId>") + " may not do this)" : "") + ": "
                    + response.body().substring(0, Math.min(300, response.body().length())));
        }
        return response.body();
    }

    private HttpResponse<String> once(String method, String path, String body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted talking to Buildbot at " + base, e);
        }
    }

    /** Basic on /auth/login opens a session (cookie kept by the client); the password never leaves this request. */
    private synchronized void login() throws IOException {
        Credentials c = credentials.orElseThrow();
        String basic = Base64.getEncoder().encodeToString((c.username() + ":" + c.secret())
                .getBytes(StandardCharsets.UTF_8));
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(base.resolve("auth/login"))
                    .header("Authorization", "Basic " + basic).GET().build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2 && response.statusCode() / 100 != 3) {
                throw new IOException("Buildbot at " + base + " refused the login of server " + c.serverId() + " ("
                        + response.statusCode() + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted logging in to Buildbot at " + base, e);
        }
    }
}

package io.gravitee.release.gio.staging.product;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gravitee.release.gio.credentials.Credentials;
import io.gravitee.release.gio.staging.StagingException;
import io.gravitee.release.gio.staging.backend.StagingArea;
import io.gravitee.release.gio.staging.backend.StagingArea.Status;
import io.gravitee.release.gio.staging.nexus2.OssrhService;
import io.gravitee.release.gio.transfer.HttpClients;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Every staging repository of a Nexus 2 server the deployment user can see, whoever opened it: Nexus 2's
 * {@code profile_repositories}, or, on Sonatype's OSSRH Staging API service (which lacks that route and says so with a
 * 401 without an authentication challenge, see {@link OssrhService}), its {@code manual/search/repositories}. Empty
 * only when the server offers neither: then only the ledger's ids are known.
 */
final class Nexus2Listing implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String url;
    private final Credentials credentials;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();

    Nexus2Listing(String url, Credentials credentials) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.credentials = credentials;
    }

    /** Releases the client's threads and connections (on Java 17, its selector thread would outlive the goal). */
    @Override
    public void close() {
        HttpClients.close(http);
    }

    Optional<List<StagingArea>> list() {
        HttpResponse<String> response = get("service/local/staging/profile_repositories");
        if (lacksRoute(response)) {
            response = get(OssrhService.SEARCH);
            if (lacksRoute(response)) {
                return Optional.empty();
            }
            return Optional.of(OssrhService.areas(parse(require(response, "manual/search/repositories"))));
        }
        List<StagingArea> areas = new ArrayList<>();
        for (JsonNode repo : parse(require(response, "profile_repositories")).path("data")) {
            boolean transitioning = repo.path("transitioning").asBoolean();
            boolean notified = repo.path("notifications").asInt() > 0;
            Status status = switch (repo.path("type").asText()) {
                case "open" -> transitioning ? Status.VERIFYING : notified ? Status.FAILED : Status.OPEN;
                case "closed" -> transitioning ? Status.PUBLISHING : notified ? Status.FAILED : Status.VERIFIED;
                case "released" -> Status.PUBLISHED;
                default -> Status.GONE;
            };
            areas.add(new StagingArea(repo.path("repositoryId").asText(), repo.path("description").asText(""),
                    status, List.of()));
        }
        return Optional.of(areas);
    }

    private static boolean lacksRoute(HttpResponse<String> response) {
        return OssrhService.lacksRoute(response.statusCode(), response.headers().firstValue("WWW-Authenticate").isPresent());
    }

    private HttpResponse<String> get(String path) {
        String auth = Base64.getEncoder().encodeToString((credentials.username() + ":" + credentials.secret())
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/" + path))
                .header("Accept", "application/json").header("Authorization", "Basic " + auth)
                .timeout(Duration.ofMinutes(1)).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new StagingException("Cannot list the staging repositories of " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StagingException("Interrupted while listing the staging repositories of " + url, e);
        }
    }

    /** The body of a listing answer; a refusal on a route the server has is the credentials' fault. */
    private String require(HttpResponse<String> response, String what) {
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new StagingException("Nexus " + url + " refused the credentials of server '" + credentials.serverId()
                    + "' (HTTP " + response.statusCode() + "): check settings.xml (-Dgio.staging.serverId)");
        }
        if (response.statusCode() != 200) {
            throw new StagingException("Listing the staging repositories of " + url + " (" + what + ") failed: HTTP "
                    + response.statusCode());
        }
        return response.body();
    }

    private JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new StagingException("Nexus " + url + " answered a listing with invalid JSON: " + e.getMessage(), e);
        }
    }
}

package io.gravitee.release.gio.staging.product;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gravitee.release.gio.credentials.Credentials;
import io.gravitee.release.gio.staging.StagingException;
import io.gravitee.release.gio.staging.backend.StagingArea;
import io.gravitee.release.gio.staging.backend.StagingArea.Status;
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
 * Every staging repository of a Nexus 2 server the deployment user can see ({@code profile_repositories}),
 * whoever opened it. Empty when the server does not list (Sonatype's OSSRH Staging API): then only the ledger's
 * ids are known.
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
        String auth = Base64.getEncoder().encodeToString((credentials.username() + ":" + credentials.secret())
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/service/local/staging/profile_repositories"))
                .header("Accept", "application/json").header("Authorization", "Basic " + auth)
                .timeout(Duration.ofMinutes(1)).GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new StagingException("Cannot list the staging repositories of " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StagingException("Interrupted while listing the staging repositories of " + url, e);
        }
        if (response.statusCode() == 401 && response.body().contains("not part of the OSSRH Staging API")) {
            return Optional.empty();
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new StagingException("Nexus " + url + " refused the credentials of server '" + credentials.serverId()
                    + "' (HTTP " + response.statusCode() + "): check settings.xml (-Dgio.staging.serverId)");
        }
        if (response.statusCode() != 200) {
            throw new StagingException("Listing the staging repositories of " + url + " failed: HTTP "
                    + response.statusCode());
        }
        List<StagingArea> areas = new ArrayList<>();
        try {
            for (JsonNode repo : JSON.readTree(response.body()).path("data")) {
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
        } catch (IOException e) {
            throw new StagingException("Nexus " + url + " answered profile_repositories with invalid JSON: "
                    + e.getMessage(), e);
        }
        return Optional.of(areas);
    }
}

package io.gravitee.release.gio.staging.nexus2;

import com.fasterxml.jackson.databind.JsonNode;
import io.gravitee.release.gio.staging.backend.StagingArea;
import io.gravitee.release.gio.staging.backend.StagingArea.Status;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What gio knows of Sonatype's OSSRH Staging API service, the partial Nexus 2 staging API Nexus 2 clients talk to
 * since OSSRH closed, and of its own {@code manual/...} endpoints.
 *
 * <p>The service is recognised by what it does, never by the wording of its answers (which is no contract and may
 * change): every route it lacks answers 401 <em>without</em> an authentication challenge. A Nexus 2 that refuses
 * credentials always sends {@code WWW-Authenticate: BASIC realm=...} with its 401 (HTTP requires a challenge with a
 * 401), so a 401 without one, on a route the OSSRH service lacks, cannot be a credentials problem: it is the service
 * saying it has no such method. On a route both have, a 401 is a credentials error either way.
 */
public final class OssrhService {
    /** Where released files are served when the server is the OSSRH service, which serves none itself. */
    public static final String MAVEN_CENTRAL = "https://repo.maven.apache.org/maven2";

    /**
     * Every staging repository of the user, opened from any address ({@code ip=any}; without it the service lists
     * only those opened from the caller's address, which misses other CI runners'). The answer is
     * {@code {"repositories": [{"key", "state": "open|closed|released", "description", "portal_deployment_id"}]}}
     * (Sonatype's documentation, central.sonatype.org "Publishing By Using the Portal OSSRH Staging API", and the
     * publishers' scripts that call it).
     */
    public static final String SEARCH = "manual/search/repositories?ip=any";

    private OssrhService() {}

    /** True when {@code status} and the absence of a challenge say "the server lacks this route" (see above). */
    public static boolean lacksRoute(int status, boolean challenged) {
        return status == 401 && !challenged;
    }

    /**
     * The path that drops the repository with this key ({@code DELETE}). A key may hold slashes (the service's keys of
     * implicit repositories are {@code <user>/<ip>/<namespace>--default-repository}) and is sent as the rest of the
     * path, as Sonatype's examples do: each segment is escaped, the slashes are kept.
     */
    public static String dropPath(String key) {
        List<String> segments = new ArrayList<>();
        for (String segment : key.split("/", -1)) {
            segments.add(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return "manual/drop/repository/" + String.join("/", segments);
    }

    /**
     * The areas of a {@link #SEARCH} answer, each named by its key. A state the service does not document is taken
     * as a transition in progress, which {@code drop} never touches.
     */
    public static List<StagingArea> areas(JsonNode answer) {
        List<StagingArea> areas = new ArrayList<>();
        for (JsonNode repo : answer.path("repositories")) {
            Status status = switch (repo.path("state").asText().toLowerCase(Locale.ROOT)) {
                case "open" -> Status.OPEN;
                case "closed" -> Status.VERIFIED;
                case "released" -> Status.PUBLISHED;
                default -> Status.VERIFYING;
            };
            areas.add(new StagingArea(repo.path("key").asText(), repo.path("description").asText(""), status,
                    List.of()));
        }
        return areas;
    }
}

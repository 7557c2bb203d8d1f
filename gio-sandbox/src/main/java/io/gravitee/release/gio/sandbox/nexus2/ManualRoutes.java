package io.gravitee.release.gio.sandbox.nexus2;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.util.Fields;

/**
 * The OSSRH Staging API service's own {@code /manual/...} endpoints, as Sonatype documents them
 * (central.sonatype.org, "Publishing By Using the Portal OSSRH Staging API") and publishers call them:
 * <ul>
 * <li>{@code GET /manual/search/repositories?ip=any|<ip>&profile_id=<id>&state=open|closed|released} answers
 * {@code {"repositories": [{"key", "state", "description", "portal_deployment_id"}]}}; without {@code ip} only the
 * repositories opened from the caller's address are listed, {@code ip=any} lists every one of the user's.</li>
 * <li>{@code DELETE /manual/drop/repository/<key>} drops one (204); a key the service does not know answers 400
 * {@code {"error": "Failed to process request: No repository found for <key>"}}.</li>
 * <li>{@code POST /manual/upload/repository/<key>} hands a repository over to the Portal. The Portal itself is not
 * emulated here, so this is approximated with the staging API's own steps: an open repository is closed, a closed
 * one released.</li>
 * </ul>
 * A key may contain slashes (the service's keys for implicit repositories are {@code <user>/<ip>/<namespace>--...}),
 * so the key is the rest of the path. The emulator's keys are its staging repository ids.
 */
final class ManualRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A JSON (or empty) answer of a manual endpoint. */
    record Answer(int status, String json) {}

    private final StagingStore store;

    ManualRoutes(StagingStore store) {
        this.store = store;
    }

    Answer handle(String method, String path, Fields query, StagingStore.Caller caller) {
        if (method.equals("GET") && path.equals("/manual/search/repositories")) {
            return search(query, caller);
        }
        if (method.equals("DELETE") && path.startsWith("/manual/drop/repository/")) {
            String key = path.substring("/manual/drop/repository/".length());
            StagingStore.RepoView repo = find(key);
            if (repo == null || repo.state() == RepositoryState.RELEASED || repo.transitioning()) {
                return error(repo == null ? "No repository found for " + key
                        : "Repository " + key + " is " + (repo.transitioning() ? "transitioning" : "released"));
            }
            store.drop(List.of(repo.id()));
            return new Answer(204, null);
        }
        if (method.equals("POST") && path.startsWith("/manual/upload/repository/")) {
            String key = path.substring("/manual/upload/repository/".length());
            StagingStore.RepoView repo = find(key);
            if (repo == null || repo.transitioning() || repo.state() == RepositoryState.RELEASED) {
                return error("No repository found for " + key);
            }
            if (repo.state() == RepositoryState.OPEN) {
                store.close(List.of(repo.id()), null, caller);
            } else {
                store.release(List.of(repo.id()), null, false, caller);
            }
            return new Answer(200, null);
        }
        throw new NexusException(404, "Not found: " + path);
    }

    private Answer search(Fields query, StagingStore.Caller caller) {
        String ip = query.getValue("ip");
        String profileId = query.getValue("profile_id");
        String state = query.getValue("state");
        ObjectNode body = JSON.createObjectNode();
        ArrayNode repositories = body.putArray("repositories");
        for (StagingStore.RepoView repo : store.list(profileId == null || profileId.isBlank() ? null : profileId)) {
            boolean fromHere = ip == null || ip.isBlank() ? repo.creator().ipAddress().equals(caller.ipAddress())
                    : ip.equals("any") || repo.creator().ipAddress().equals(ip);
            if (fromHere && (state == null || repo.state().wireName().equals(state.toLowerCase(Locale.ROOT)))) {
                ObjectNode item = repositories.addObject();
                item.put("key", repo.id());
                item.put("state", repo.state().wireName());
                item.put("description", repo.description());
                item.putNull("portal_deployment_id");
            }
        }
        return new Answer(200, body.toString());
    }

    private StagingStore.RepoView find(String key) {
        return store.list(null).stream().filter(r -> r.id().equals(key)).findFirst().orElse(null);
    }

    private static Answer error(String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("error", "Failed to process request: " + message);
        return new Answer(400, body.toString());
    }
}

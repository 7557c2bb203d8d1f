package io.gravitee.release.gio.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Who holds an orchestration lease, stored as {@code lease.json} in the lease ref's commit.
 *
 * @param holder {@code user@host}
 * @param pid the holder's process id
 * @param ciJob URL (or id) of the CI job running the holder, null outside CI
 * @param note free text given by the holder
 * @param startedAt when the holder acquired the lease
 * @param renewedAt when the holder last renewed it
 * @param ttl how long after {@code renewedAt} the lease is considered abandoned
 */
public record LeaseRecord(
        String holder, long pid, String ciJob, String note, Instant startedAt, Instant renewedAt, Duration ttl) {

    static final String FILE = "lease.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public LeaseRecord {
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(renewedAt, "renewedAt");
        Objects.requireNonNull(ttl, "ttl");
    }

    /** A record describing this process, taken now. */
    static LeaseRecord forThisProcess(Map<String, String> env, String note, Instant now, Duration ttl) {
        return new LeaseRecord(System.getProperty("user.name", "unknown") + "@" + hostName(env),
                ProcessHandle.current().pid(), ciJob(env), note, now, now, ttl);
    }

    /** When the lease is abandoned unless renewed. */
    public Instant expiresAt() {
        return renewedAt.plus(ttl);
    }

    public boolean expired(Instant now) {
        return expiresAt().isBefore(now);
    }

    LeaseRecord renewed(Instant now) {
        return new LeaseRecord(holder, pid, ciJob, note, startedAt, now, ttl);
    }

    /** "user@host (pid 42, CI job https://..., "note")" for messages. */
    public String describe() {
        StringBuilder text = new StringBuilder(holder).append(" (pid ").append(pid);
        if (ciJob != null) {
            text.append(", CI job ").append(ciJob);
        }
        if (note != null && !note.isBlank()) {
            text.append(", \"").append(note).append('"');
        }
        return text.append(')').toString();
    }

    byte[] toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("holder", holder);
        node.put("pid", pid);
        node.put("ciJob", ciJob);
        node.put("note", note);
        node.put("startedAt", startedAt.toString());
        node.put("renewedAt", renewedAt.toString());
        node.put("ttlSeconds", ttl.toMillis() / 1000.0);
        try {
            return JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static LeaseRecord fromJson(byte[] bytes, String source) {
        try {
            JsonNode node = JSON.readTree(bytes);
            return new LeaseRecord(node.path("holder").asText("unknown"), node.path("pid").asLong(-1),
                    node.hasNonNull("ciJob") ? node.get("ciJob").asText() : null,
                    node.hasNonNull("note") ? node.get("note").asText() : null,
                    Instant.parse(node.path("startedAt").asText()), Instant.parse(node.path("renewedAt").asText()),
                    Duration.ofMillis((long) (node.path("ttlSeconds").asDouble() * 1000)));
        } catch (IOException | RuntimeException e) {
            throw new LedgerException("The lease at " + source + " is unreadable (" + e.getMessage()
                    + "); delete that ref by hand (git push <remote> :" + source + ") if no orchestration is running", e);
        }
    }

    private static String ciJob(Map<String, String> env) {
        if (env.get("CI_JOB_URL") != null) {
            return env.get("CI_JOB_URL");
        }
        if (env.get("GITHUB_RUN_ID") != null) {
            String server = env.getOrDefault("GITHUB_SERVER_URL", "https://github.com");
            String repo = env.get("GITHUB_REPOSITORY");
            return repo == null ? "github run " + env.get("GITHUB_RUN_ID")
                    : server + "/" + repo + "/actions/runs/" + env.get("GITHUB_RUN_ID");
        }
        if (env.get("BUILD_URL") != null) {
            return env.get("BUILD_URL");
        }
        return env.get("CIRCLE_BUILD_URL");
    }

    private static String hostName(Map<String, String> env) {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return env.getOrDefault("HOSTNAME", "unknown-host");
        }
    }
}

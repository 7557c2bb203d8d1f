package io.gravitee.release.gio.sandbox.nexus2;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One event of a staging activity, as {@code repository/{id}/activity} lists it. Severity 0 is informational,
 * 1 an error; a failed rule is an event named {@code ruleFailed} with properties {@code typeId} and one
 * {@code failureMessage} per problem, which is what nexus-staging-maven-plugin reads.
 */
public record ActivityEvent(Instant timestamp, String name, int severity, List<Map.Entry<String, String>> properties) {
    public ActivityEvent {
        properties = List.copyOf(properties);
    }

    static ActivityEvent info(String name, List<Map.Entry<String, String>> properties) {
        return new ActivityEvent(Instant.now(), name, 0, properties);
    }

    static ActivityEvent error(String name, List<Map.Entry<String, String>> properties) {
        return new ActivityEvent(Instant.now(), name, 1, properties);
    }

    /** The values of every property called {@code key}. */
    public List<String> values(String key) {
        return properties.stream().filter(p -> p.getKey().equals(key)).map(Map.Entry::getValue).toList();
    }
}

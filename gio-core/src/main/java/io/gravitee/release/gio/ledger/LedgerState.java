package io.gravitee.release.gio.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The content of a ledger file (e.g. {@code release-ledger.json}, {@code nexus-staging-ledger.json}):
 * the state the manifest has no field for. Immutable; every change returns a new state and moves
 * go through the lifecycle's state machine.
 *
 * <pre>{@code
 * { "lifecycle" : "staging",
 *   "properties" : { "stagingRepositoryId" : "..." },
 *   "components" : { "gravitee-common" : { "state" : "STAGING", "attempts" : 1,
 *       "ids" : { "stagingRepositoryId" : "iogravitee-1001" }, "startedAt" : "...",
 *       "updatedAt" : "...", "lastError" : null } } }
 * }</pre>
 *
 * @param components entries by component name (sorted, for stable diffs)
 * @param properties process-wide values (e.g. the product-wide staging repository id)
 */
public record LedgerState(Lifecycle lifecycle, Map<String, ComponentEntry> components, Map<String, String> properties) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public LedgerState {
        Objects.requireNonNull(lifecycle, "lifecycle");
        components = Collections.unmodifiableMap(new TreeMap<>(components));
        properties = Collections.unmodifiableMap(new TreeMap<>(properties));
    }

    /** A ledger with no entry yet. */
    public static LedgerState empty(Lifecycle lifecycle) {
        return new LedgerState(lifecycle, Map.of(), Map.of());
    }

    public Optional<ComponentEntry> component(String name) {
        return Optional.ofNullable(components.get(name));
    }

    /** The component's state; the lifecycle's initial state when it has no entry. */
    public ComponentState stateOf(String component) {
        ComponentEntry entry = components.get(component);
        return entry == null ? lifecycle.initial() : lifecycle.parse(entry.state());
    }

    /** Moves {@code component} to {@code to}; an {@link IllegalTransitionException} if not legal. */
    public LedgerState transition(String component, ComponentState to, Instant now) {
        return move(component, to, now, null);
    }

    /** Moves {@code component} to {@code failedState} recording {@code error}. */
    public LedgerState fail(String component, ComponentState failedState, String error, Instant now) {
        return move(component, failedState, now, Objects.requireNonNull(error, "error"));
    }

    private LedgerState move(String component, ComponentState to, Instant now, String error) {
        ComponentState from = stateOf(component);
        if (to.getClass() != lifecycle.initial().getClass() || !from.canMoveTo(to)) {
            throw new IllegalTransitionException(lifecycle, component, from, to);
        }
        ComponentEntry entry = components.getOrDefault(component, ComponentEntry.initial(from));
        return withEntry(component, entry.withState(to, now, error));
    }

    /** Records an id (staging repository, deployment...) for {@code component} without moving it. */
    public LedgerState withId(String component, String key, String value, Instant now) {
        ComponentEntry entry = components.getOrDefault(component, ComponentEntry.initial(lifecycle.initial()));
        return withEntry(component, entry.withId(key, value, now));
    }

    /** Sets a process-wide property. */
    public LedgerState withProperty(String key, String value) {
        Map<String, String> copy = new TreeMap<>(properties);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, value);
        }
        return new LedgerState(lifecycle, components, copy);
    }

    /** Replaces (or, with null, removes) one entry as is: for recovery, which already validated it. */
    LedgerState withEntry(String component, ComponentEntry entry) {
        Map<String, ComponentEntry> copy = new TreeMap<>(components);
        if (entry == null) {
            copy.remove(component);
        } else {
            copy.put(component, entry);
        }
        return new LedgerState(lifecycle, copy, properties);
    }

    /** The file's bytes: 2-space indented JSON, keys sorted, trailing newline. */
    public byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("lifecycle", lifecycle.label());
        ObjectNode props = root.putObject("properties");
        properties.forEach(props::put);
        ObjectNode comps = root.putObject("components");
        components.forEach((name, entry) -> {
            ObjectNode node = comps.putObject(name);
            node.put("state", entry.state());
            node.put("attempts", entry.attempts());
            ObjectNode ids = node.putObject("ids");
            entry.ids().forEach(ids::put);
            node.put("startedAt", entry.startedAt() == null ? null : entry.startedAt().toString());
            node.put("updatedAt", entry.updatedAt() == null ? null : entry.updatedAt().toString());
            node.put("lastError", entry.lastError());
        });
        try {
            return (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize the ledger", e);
        }
    }

    /**
     * Parses a ledger file. {@code source} names it in error messages (file and commit), which
     * say what is wrong and where.
     */
    public static LedgerState fromJson(byte[] json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new LedgerException("Ledger file " + source + " is not valid JSON: " + reason(e)
                    + locate(e) + ". Fix or remove the file (git history has every earlier version).", e);
        }
        try {
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("the top level must be a JSON object");
            }
            Lifecycle lifecycle = Lifecycle.fromLabel(text(root, "lifecycle", true));
            Map<String, String> properties = new TreeMap<>();
            root.path("properties").fields().forEachRemaining(e -> properties.put(e.getKey(), e.getValue().asText()));
            Map<String, ComponentEntry> components = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = root.path("components").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode node = e.getValue();
                String state = lifecycle.parse(text(node, "state", true)).name();
                Map<String, String> ids = new TreeMap<>();
                node.path("ids").fields().forEachRemaining(id -> ids.put(id.getKey(), id.getValue().asText()));
                components.put(e.getKey(), new ComponentEntry(state, node.path("attempts").asInt(0), ids,
                        instant(node, "startedAt"), instant(node, "updatedAt"), text(node, "lastError", false)));
            }
            return new LedgerState(lifecycle, components, properties);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new LedgerException("Ledger file " + source + " is malformed: " + e.getMessage(), e);
        }
    }

    private static String reason(IOException e) {
        return e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
    }

    private static String locate(IOException e) {
        if (e instanceof JsonProcessingException p && p.getLocation() != null) {
            return " at line " + p.getLocation().getLineNr() + ", column " + p.getLocation().getColumnNr();
        }
        return "";
    }

    private static String text(JsonNode node, String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new IllegalArgumentException("missing \"" + field + "\"");
            }
            return null;
        }
        return value.asText();
    }

    private static Instant instant(JsonNode node, String field) {
        String text = text(node, field, false);
        return text == null ? null : Instant.parse(text);
    }
}

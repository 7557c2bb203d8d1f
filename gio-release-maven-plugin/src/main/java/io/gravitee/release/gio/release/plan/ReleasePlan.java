package io.gravitee.release.gio.release.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.manifest.Component;
import io.gravitee.release.gio.manifest.WavePlan;
import java.util.List;
import java.util.Map;

/**
 * What a release will do: the waves of pending components, in order, and for each what the
 * ledger and the tags already say about it.
 *
 * @param waves the pending components placed in their waves
 * @param status per pending component, e.g. "to release" or "tagged 1.20.2 on its remote: will be recorded, not rebuilt"
 * @param progress the release as a whole, e.g. "not started" or "started (tag 3.8.7_START)"
 * @param warnings what the operator should know before starting
 */
public record ReleasePlan(WavePlan waves, Map<String, String> status, String progress, List<String> warnings) {

    public ReleasePlan {
        status = Map.copyOf(status);
        warnings = List.copyOf(warnings);
    }

    /** Prints the plan as CI-friendly lines: one per wave that has work. */
    public void print(Console console) {
        warnings.forEach(console::warn);
        if (waves.isEmpty()) {
            console.info(waves.product() + " " + waves.version() + ": nothing to release, no component is pending.");
            return;
        }
        int count = waves.components().size();
        long active = waves.waves().stream().filter(w -> !w.isEmpty()).count();
        console.info(waves.product() + " " + waves.version() + ": " + count + " component(s) to release in "
                + active + " of " + waves.waves().size() + " wave(s); release " + progress + ".");
        for (WavePlan.PlannedWave wave : waves.waves()) {
            if (wave.isEmpty()) {
                continue;
            }
            console.info("  wave " + wave.number() + ": " + String.join(", ", wave.components().stream()
                    .map(ReleasePlan::describe)
                    .toList()));
            for (Component c : wave.components()) {
                String s = status.get(c.name());
                if (s != null && !s.equals(ReleasePlanner.TO_RELEASE)) {
                    console.info("    " + c.name() + ": " + s);
                }
            }
        }
    }

    /** The plan as JSON: Gravitee's waves (empty ones kept) and each pending component's details. */
    public String toJson() {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("name", waves.product());
        root.put("version", waves.version().toString());
        root.put("progress", progress);
        ArrayNode list = root.putArray("waves");
        for (WavePlan.PlannedWave wave : waves.waves()) {
            ArrayNode names = list.addArray();
            wave.components().forEach(c -> names.add(c.name()));
        }
        ObjectNode components = root.putObject("components");
        for (Component c : waves.components()) {
            ObjectNode node = components.putObject(c.name());
            node.put("version", c.version().toString());
            node.put("releaseVersion", c.releaseVersion().toString());
            node.put("branch", c.releaseBranch());
            node.put("status", status.getOrDefault(c.name(), ReleasePlanner.TO_RELEASE));
        }
        ArrayNode warningsNode = root.putArray("warnings");
        warnings.forEach(warningsNode::add);
        try {
            return mapper.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String describe(Component c) {
        return c.name() + " " + c.releaseVersion() + " (branch " + c.releaseBranch() + ")";
    }
}

package io.gravitee.release.gio.manifest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The order a release follows: for each wave of {@code buildDependencies}, the pending components
 * in it, in manifest order. Waves with nothing pending are kept (as empty waves) so that wave
 * numbers in logs and reports match the manifest.
 */
public record WavePlan(String product, Version version, List<PlannedWave> waves) {

    /** One wave and the pending components of it. */
    public record PlannedWave(int number, List<Component> components) {
        public PlannedWave {
            components = List.copyOf(components);
        }

        public boolean isEmpty() {
            return components.isEmpty();
        }
    }

    public WavePlan {
        waves = List.copyOf(waves);
    }

    static WavePlan of(Manifest manifest) {
        Map<String, Component> pending = manifest.pending().stream()
                .collect(Collectors.toMap(Component::name, Function.identity()));
        List<PlannedWave> planned = new ArrayList<>();
        for (Wave wave : manifest.waves()) {
            planned.add(new PlannedWave(wave.number(), wave.components().stream()
                    .filter(pending::containsKey)
                    .map(pending::get)
                    .toList()));
        }
        return new WavePlan(manifest.name(), manifest.version(), planned);
    }

    /** Every pending component, wave after wave. */
    public List<Component> components() {
        return waves.stream().flatMap(w -> w.components().stream()).toList();
    }

    public boolean isEmpty() {
        return components().isEmpty();
    }

    /** The plan as JSON, {@code JSON.stringify} style: waves as lists of names, empty waves kept. */
    public String toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("name", product);
        root.put("version", version.toString());
        ArrayNode list = root.putArray("waves");
        for (PlannedWave wave : waves) {
            ArrayNode names = list.addArray();
            wave.components().forEach(c -> names.add(c.name()));
        }
        return JsonStringify.stringify(root);
    }
}

package io.gravitee.release.gio.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules a manifest must follow to drive a release. Each rule adds a {@link ManifestProblem}
 * naming the place and the fix, so that one run reports everything that is wrong.
 *
 * <p>A name in {@code buildDependencies} that is not a component is only a warning: Gravitee's
 * real manifests keep such names after a component leaves the product (3.8.7 lists
 * {@code gravitee-cockpit-api}), and it is harmless unless it is a misspelt pending component,
 * which the "pending component in no wave" rule catches and names. {@code strict} makes it an error.
 */
final class ManifestValidator {
    private final ObjectNode root;
    private final JsonLocations locations;
    private final boolean strict;
    private final List<ManifestProblem> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    ManifestValidator(ObjectNode root, JsonLocations locations, boolean strict) {
        this.root = root;
        this.locations = locations;
        this.strict = strict;
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    List<ManifestProblem> validate() {
        requireText("/name", "name", "give the product a name, e.g. \"name\": \"Gravitee.io\".");
        Optional<Version> productVersion = requireVersion("/version", "version", root.get("version"));
        optionalText("/scmHttpUrl", "scmHttpUrl");
        optionalText("/scmSshUrl", "scmSshUrl");
        Map<String, Component> components = components(productVersion);
        waves(components);
        return problems;
    }

    private Map<String, Component> components(Optional<Version> productVersion) {
        Map<String, Component> byName = new LinkedHashMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        JsonNode list = root.get("components");
        if (list == null) {
            problem("/", "top level", "the \"components\" list is missing.",
                    "add \"components\": [{\"name\": ..., \"version\": ...}, ...] listing every component of the product.");
            return byName;
        }
        if (!list.isArray()) {
            problem("/components", "components", "\"components\" must be a list, not " + kind(list) + ".",
                    "write \"components\": [{\"name\": ..., \"version\": ...}, ...].");
            return byName;
        }
        for (int i = 0; i < list.size(); i++) {
            String pointer = "/components/" + i;
            JsonNode entry = list.get(i);
            if (!entry.isObject()) {
                problem(pointer, "components[" + i + "]", "a component must be an object, not " + kind(entry) + ".",
                        "write {\"name\": \"...\", \"version\": \"...\"}.");
                continue;
            }
            JsonNode name = entry.get("name");
            if (name == null || !name.isTextual()) {
                problem(pointer, "components[" + i + "]", "the component has no name.",
                        "add \"name\": \"<repository name>\" to it.");
                continue;
            }
            // Checked before anything else reads the name: it ends up in URLs, paths and messages.
            if (unsafeName(pointer + "/name", "components[" + i + "]", name.textValue())) {
                continue;
            }
            String path = "components[" + i + "] (" + name.textValue() + ")";
            if (!seen.add(name.textValue())) {
                problem(pointer, path, "component '" + name.textValue() + "' is listed twice.",
                        "keep a single entry for it and remove the other.");
                continue;
            }
            Optional<Version> version = entry.has("version")
                    ? requireVersion(pointer + "/version", path + ".version", entry.get("version"))
                    : productVersion;
            if (entry.has("since")) {
                requireVersion(pointer + "/since", path + ".since", entry.get("since"));
            }
            version.ifPresent(v -> byName.put(name.textValue(), new Component(name.textValue(), v,
                    entry.has("version"), Optional.ofNullable(entry.get("since")).map(JsonNode::asText))));
        }
        return byName;
    }

    private void waves(Map<String, Component> components) {
        JsonNode waves = root.get("buildDependencies");
        Map<String, String> placed = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        if (waves != null && !waves.isArray()) {
            problem("/buildDependencies", "buildDependencies",
                    "\"buildDependencies\" must be a list of waves, not " + kind(waves) + ".",
                    "write \"buildDependencies\": [[\"first-wave-component\"], [\"second\", \"wave\"]].");
            return;
        }
        for (int w = 0; waves != null && w < waves.size(); w++) {
            JsonNode wave = waves.get(w);
            String wavePath = "buildDependencies[" + w + "] (wave " + (w + 1) + ")";
            if (!wave.isArray()) {
                problem("/buildDependencies/" + w, wavePath, "a wave must be a list of component names, not "
                        + kind(wave) + ".", "write the wave as [\"component-a\", \"component-b\"].");
                continue;
            }
            for (int i = 0; i < wave.size(); i++) {
                JsonNode member = wave.get(i);
                String pointer = "/buildDependencies/" + w + "/" + i;
                String path = wavePath + "[" + i + "]";
                if (!member.isTextual()) {
                    problem(pointer, path, "a wave entry must be a component name, not " + kind(member) + ".",
                            "write the component's name as a string.");
                    continue;
                }
                String name = member.textValue();
                // Refused even when it is no component: it would be echoed into warnings as it is.
                if (unsafeName(pointer, path, name)) {
                    continue;
                }
                String first = placed.putIfAbsent(name, path);
                if (first != null) {
                    problem(pointer, path, "component '" + name + "' is already in " + first + ".",
                            "a component belongs to exactly one wave: remove one of the two entries.");
                } else if (!components.containsKey(name)) {
                    unknown.add(name);
                    if (strict) {
                        problem(pointer, path, "'" + name + "' is not a component of the manifest.",
                                "add it to \"components\" or remove it from the wave.");
                    }
                }
            }
        }
        for (Component component : components.values()) {
            if (component.pending() && !placed.containsKey(component.name())) {
                String suggestion = closest(component.name(), unknown)
                        .map(u -> " The wave entry '" + u + "' looks like a misspelling of it.")
                        .orElse("");
                String pointer = pointerOf(component.name());
                problem(pointer, pointer.substring(1).replace("/", "[") + "] (" + component.name() + ")",
                        "pending component '" + component.name() + "' (" + component.version()
                                + ") is in no wave of buildDependencies, so it would never be released." + suggestion,
                        "add it to the wave after the components it depends on.");
            }
        }
        if (!strict && !unknown.isEmpty()) {
            warnings.add("buildDependencies names " + unknown.size() + " component(s) the manifest does not list: "
                    + String.join(", ", unknown) + " (ignored).");
        }
    }

    /** Adds a problem when {@code name} is not a repository name (see {@link ComponentName}). */
    private boolean unsafeName(String pointer, String path, String name) {
        Optional<String> why = ComponentName.problem(name);
        why.ifPresent(w -> problem(pointer, path + " (" + ComponentName.quoted(name) + ")",
                "component name " + ComponentName.quoted(name) + " " + w + "; a component name is a repository name"
                        + " and becomes its URL and a directory of the work area.",
                "rename it to the component's repository name: ASCII letters, digits, '.', '_' and '-' only,"
                        + " not starting with '.' and without '..'."));
        return why.isPresent();
    }

    private String pointerOf(String componentName) {
        JsonNode list = root.get("components");
        for (int i = 0; i < list.size(); i++) {
            if (componentName.equals(list.get(i).path("name").asText(null))) {
                return "/components/" + i;
            }
        }
        return "/components";
    }

    private void requireText(String pointer, String field, String fix) {
        JsonNode value = root.get(field);
        if (value == null) {
            problem("/", "top level", "\"" + field + "\" is missing.", fix);
        } else if (!value.isTextual() || value.textValue().isBlank()) {
            problem(pointer, field, "\"" + field + "\" must be a non-empty string.", fix);
        }
    }

    private void optionalText(String pointer, String field) {
        JsonNode value = root.get(field);
        if (value != null && !value.isTextual()) {
            problem(pointer, field, "\"" + field + "\" must be a string, not " + kind(value) + ".",
                    "write it as a quoted URL.");
        }
    }

    private Optional<Version> requireVersion(String pointer, String path, JsonNode value) {
        if (value == null) {
            problem("/", "top level", "\"version\" is missing.",
                    "add the product version being released, e.g. \"version\": \"3.8.7-SNAPSHOT\".");
            return Optional.empty();
        }
        Optional<Version> version = value.isTextual() ? Version.tryParse(value.textValue()) : Optional.empty();
        if (version.isEmpty()) {
            problem(pointer, path, (value.isTextual() ? "'" + value.textValue() + "'" : kind(value))
                            + " is not a semantic version.",
                    "write MAJOR.MINOR.PATCH with an optional -QUALIFIER, e.g. \"1.20.2\" or \"1.20.2-SNAPSHOT\".");
        }
        return version;
    }

    private void problem(String pointer, String path, String problem, String fix) {
        problems.add(new ManifestProblem(locations.describe(pointer, path), problem, fix));
    }

    /** The JSON type of a node with its article, for messages: "an object", "a string". */
    private static String kind(JsonNode node) {
        String type = node.getNodeType().name().toLowerCase();
        return (type.startsWith("o") || type.startsWith("a") ? "an " : "a ") + type;
    }

    /** The unknown wave entry within two edits of {@code name}, if any. */
    private static Optional<String> closest(String name, List<String> candidates) {
        return candidates.stream().filter(c -> distance(name, c) <= 2).findFirst();
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}

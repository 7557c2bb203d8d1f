package io.gravitee.release.gio.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A product release manifest ({@code release.json}, Gravitee's format). Immutable: each change
 * returns a new manifest. Fields this model does not know are kept, in their order, so that
 * {@link #toJson()} reproduces the file Gravitee's tooling would write.
 */
public final class Manifest {
    private final String source;
    private final ObjectNode root;
    private final List<String> warnings;

    Manifest(String source, ObjectNode root, List<String> warnings) {
        this.source = source;
        this.root = root;
        this.warnings = List.copyOf(warnings);
    }

    /** Reads and validates a manifest file; unknown names in waves are warnings. */
    public static Manifest read(Path file) throws ManifestException {
        return ManifestReader.read(file, false);
    }

    /** Reads a manifest; {@code strict} also rejects names in waves that are not components. */
    public static Manifest read(Path file, boolean strict) throws ManifestException {
        return ManifestReader.read(file, strict);
    }

    /** Parses manifest text; {@code source} names it in error messages (a path, or {@code release.json@3.8.7_START}). */
    public static Manifest parse(String json, String source) throws ManifestException {
        return ManifestReader.parse(json, source, false);
    }

    public static Manifest parse(String json, String source, boolean strict) throws ManifestException {
        return ManifestReader.parse(json, source, strict);
    }

    public String source() {
        return source;
    }

    /** Things that do not stop a release but that its operator should know. */
    public List<String> warnings() {
        return warnings;
    }

    public String name() {
        return root.get("name").textValue();
    }

    public Version version() {
        return Version.parse(root.get("version").textValue());
    }

    public Optional<String> scmHttpUrl() {
        return Optional.ofNullable(root.get("scmHttpUrl")).map(JsonNode::textValue);
    }

    public Optional<String> scmSshUrl() {
        return Optional.ofNullable(root.get("scmSshUrl")).map(JsonNode::textValue);
    }

    /** Every component, in manifest order. */
    public List<Component> components() {
        Version product = version();
        List<Component> components = new ArrayList<>();
        for (JsonNode entry : root.get("components")) {
            JsonNode version = entry.get("version");
            components.add(new Component(
                    entry.get("name").textValue(),
                    version == null ? product : Version.parse(version.textValue()),
                    version != null,
                    Optional.ofNullable(entry.get("since")).map(JsonNode::textValue)));
        }
        return List.copyOf(components);
    }

    public Optional<Component> component(String name) {
        return components().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** Components still to be released, in manifest order. */
    public List<Component> pending() {
        return components().stream().filter(Component::pending).toList();
    }

    /** The waves of {@code buildDependencies}, including empty ones and names that are not components. */
    public List<Wave> waves() {
        List<Wave> waves = new ArrayList<>();
        JsonNode list = root.get("buildDependencies");
        if (list == null) {
            return waves;
        }
        for (JsonNode wave : list) {
            List<String> names = new ArrayList<>();
            wave.forEach(n -> names.add(n.textValue()));
            waves.add(new Wave(waves.size() + 1, names));
        }
        return List.copyOf(waves);
    }

    /** The pending components placed in their waves (see {@link WavePlan}). */
    public WavePlan plan() {
        return WavePlan.of(this);
    }

    /**
     * Records that {@code name} was released as part of product version {@code productRelease}:
     * {@code -SNAPSHOT} is stripped from its version and {@code since} is set (inserted right after
     * {@code version} when absent). Applying it again is a no-op, so a replayed ledger change is harmless.
     *
     * @throws IllegalArgumentException if there is no such component
     * @throws IllegalStateException if the component was released by another product version
     */
    public Manifest withComponentReleased(String name, Version productRelease) {
        Component component = component(name).orElseThrow(
                () -> new IllegalArgumentException("No component '" + name + "' in " + source));
        String since = productRelease.release().toString();
        if (!component.pending()) {
            if (component.since().filter(since::equals).isPresent() || !component.versionDeclared()) {
                return this;
            }
            throw new IllegalStateException("Component '" + name + "' is not pending: its version is "
                    + component.version() + " since " + component.since().orElse("an earlier release"));
        }
        ObjectNode copy = root.deepCopy();
        for (JsonNode entry : copy.get("components")) {
            if (name.equals(entry.get("name").textValue())) {
                ObjectNode released = releasedEntry((ObjectNode) entry, since);
                ((ObjectNode) entry).removeAll();
                ((ObjectNode) entry).setAll(released);
            }
        }
        return new Manifest(source, copy, warnings);
    }

    private static ObjectNode releasedEntry(ObjectNode entry, String since) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        boolean sinceWritten = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = entry.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            switch (field.getKey()) {
                case "version" -> {
                    out.set("version", TextNode.valueOf(Version.parse(field.getValue().textValue()).release().toString()));
                    if (!entry.has("since")) {
                        out.set("since", TextNode.valueOf(since));
                        sinceWritten = true;
                    }
                }
                case "since" -> {
                    out.set("since", TextNode.valueOf(since));
                    sinceWritten = true;
                }
                default -> out.set(field.getKey(), field.getValue());
            }
        }
        if (!sinceWritten) {
            out.set("since", TextNode.valueOf(since));
        }
        return out;
    }

    /**
     * Records that the whole product is released: the top-level version loses {@code -SNAPSHOT}.
     *
     * @throws IllegalStateException while a component with its own version is still pending
     */
    public Manifest withProductReleased() {
        List<String> left = components().stream()
                .filter(c -> c.pending() && c.versionDeclared())
                .map(Component::name)
                .toList();
        if (!left.isEmpty()) {
            throw new IllegalStateException("The product cannot be marked released while components are pending: "
                    + String.join(", ", left));
        }
        return withProductVersion(version().release());
    }

    /** Sets the top-level version, e.g. to the next patch snapshot once a release is tagged. */
    public Manifest withProductVersion(Version version) {
        ObjectNode copy = root.deepCopy();
        copy.set("version", TextNode.valueOf(version.toString()));
        return new Manifest(source, copy, warnings);
    }

    /** Sets a component's version as is (e.g. re-adding {@code -SNAPSHOT} for staging's ledger). */
    public Manifest withComponentVersion(String name, Version version) {
        component(name).orElseThrow(() -> new IllegalArgumentException("No component '" + name + "' in " + source));
        ObjectNode copy = root.deepCopy();
        for (JsonNode entry : copy.get("components")) {
            if (name.equals(entry.get("name").textValue()) && entry.has("version")) {
                ((ObjectNode) entry).set("version", TextNode.valueOf(version.toString()));
            }
        }
        return new Manifest(source, copy, warnings);
    }

    /** The manifest as {@code JSON.stringify(manifest, null, 4)} writes it (no trailing newline). */
    public String toJson() {
        return JsonStringify.stringify(root);
    }

    /** Writes {@link #toJson()} to {@code file} atomically: readers see the old or the new file, never half. */
    public void write(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
        try {
            Files.writeString(temp, toJson(), StandardCharsets.UTF_8);
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Manifest m && root.equals(m.root);
    }

    @Override
    public int hashCode() {
        return root.hashCode();
    }

    @Override
    public String toString() {
        return name() + " " + version() + " (" + source + ")";
    }
}

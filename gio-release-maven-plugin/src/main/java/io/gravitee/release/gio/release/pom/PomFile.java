package io.gravitee.release.gio.release.pom;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code pom.xml}, read as text and edited in place: each change replaces the text of one
 * element and nothing else, so a release commit's diff shows only the versions it changed.
 * Changes are collected and written by {@link #save()}; reads see the file as it was loaded.
 */
public final class PomFile {
    private final Path path;
    private final XmlTree tree;
    private final List<Edit> edits = new ArrayList<>();

    private record Edit(int start, int end, String replacement) {}

    /**
     * A {@code <dependency>} or {@code <plugin>} of this POM.
     *
     * @param where the element's path, e.g. {@code dependencyManagement/dependencies/dependency}
     * @param version the version text as written, possibly a {@code ${property}} reference
     */
    public record Dependency(String groupId, String artifactId, Optional<String> version, String where,
                             Optional<XmlTree.Element> versionElement) {
        public String key() {
            return groupId + ":" + artifactId;
        }
    }

    private PomFile(Path path, XmlTree tree) {
        this.path = path;
        this.tree = tree;
    }

    public static PomFile read(Path path) throws IOException {
        try {
            return new PomFile(path, XmlTree.parse(Files.readString(path, StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            throw new IOException(path + " is not well-formed XML: " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    public String artifactId() {
        return text("artifactId").orElseThrow(() -> new IllegalStateException(path + " has no <artifactId>"));
    }

    /** The POM's groupId, inherited from its parent when it has none of its own. */
    public Optional<String> groupId() {
        return text("groupId").or(() -> text("parent", "groupId"));
    }

    /** The version declared by the POM itself, if any. */
    public Optional<String> ownVersion() {
        return text("version");
    }

    /** The POM's version, inherited from its parent when it has none of its own. */
    public Optional<String> version() {
        return ownVersion().or(() -> text("parent", "version"));
    }

    public Optional<String> parentKey() {
        return text("parent", "groupId").flatMap(g -> text("parent", "artifactId").map(a -> g + ":" + a));
    }

    public Optional<String> parentVersion() {
        return text("parent", "version");
    }

    /** Module directories, from the POM and its profiles. */
    public List<String> modules() {
        List<String> modules = new ArrayList<>();
        tree.root().child("modules").ifPresent(m -> m.children("module").forEach(e -> modules.add(tree.value(e))));
        tree.root().child("profiles").ifPresent(ps -> ps.children("profile").forEach(p -> p.child("modules")
                .ifPresent(m -> m.children("module").forEach(e -> modules.add(tree.value(e))))));
        return modules.stream().distinct().toList();
    }

    public Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        tree.root().child("properties").ifPresent(ps -> ps.children.forEach(p -> properties.put(p.name, tree.value(p))));
        return properties;
    }

    /** Every dependency and plugin, wherever it is declared (build, management, profiles). */
    public List<Dependency> dependencies() {
        List<Dependency> found = new ArrayList<>();
        collect(tree.root(), "", found);
        return found;
    }

    private void collect(XmlTree.Element element, String path, List<Dependency> found) {
        for (XmlTree.Element child : element.children) {
            String childPath = path.isEmpty() ? child.name : path + "/" + child.name;
            if ((child.name.equals("dependency") || child.name.equals("plugin")) && child.child("artifactId").isPresent()) {
                String groupId = child.child("groupId").map(tree::value)
                        .orElse(child.name.equals("plugin") ? "org.apache.maven.plugins" : "");
                Optional<XmlTree.Element> version = child.child("version");
                found.add(new Dependency(groupId, tree.value(child.child("artifactId").get()),
                        version.map(tree::value), childPath, version));
            }
            if (!child.name.equals("configuration")) {
                collect(child, childPath, found);
            }
        }
    }

    public void setOwnVersion(String version) {
        replace(tree.root().child("version").orElseThrow(
                () -> new IllegalStateException(path + " declares no <version> of its own")), version);
    }

    public void setParentVersion(String version) {
        replace(tree.root().child("parent", "version").orElseThrow(
                () -> new IllegalStateException(path + " has no <parent><version>")), version);
    }

    public void setDependencyVersion(Dependency dependency, String version) {
        replace(dependency.versionElement().orElseThrow(
                () -> new IllegalStateException(dependency.key() + " has no <version> in " + path)), version);
    }

    /** Sets an existing property, or adds it at the end of {@code <properties>} (created if needed). */
    public void setProperty(String name, String value) {
        Optional<XmlTree.Element> properties = tree.root().child("properties");
        Optional<XmlTree.Element> existing = properties.flatMap(ps -> ps.child(name));
        if (existing.isPresent()) {
            replace(existing.get(), value);
            return;
        }
        XmlTree.Element root = tree.root();
        String unit = root.children.isEmpty() ? "  " : indentOf(root.children.get(0));
        String entry = "<" + name + ">" + value + "</" + name + ">";
        if (properties.isPresent()) {
            XmlTree.Element ps = properties.get();
            String closing = indentOf(ps);
            String childIndent = ps.children.isEmpty() ? closing + unit : indentOf(ps.children.get(ps.children.size() - 1));
            trimTrailingIndent(ps);
            edits.add(new Edit(ps.contentEnd, ps.contentEnd, childIndent + entry + "\n" + closing));
        } else {
            edits.add(new Edit(root.contentEnd, root.contentEnd, unit + "<properties>\n" + unit + unit + entry + "\n"
                    + unit + "</properties>\n"));
        }
    }

    /** Before inserting at the end of an element, drop the indentation of its closing tag; it is re-added. */
    private void trimTrailingIndent(XmlTree.Element element) {
        String text = tree.text();
        int lineStart = element.contentEnd;
        while (lineStart > element.contentStart && (text.charAt(lineStart - 1) == ' ' || text.charAt(lineStart - 1) == '\t')) {
            lineStart--;
        }
        if (lineStart < element.contentEnd) {
            edits.add(new Edit(lineStart, element.contentEnd, ""));
        }
    }

    private String indentOf(XmlTree.Element element) {
        String text = tree.text();
        int i = element.start;
        int lineStart = i;
        while (lineStart > 0 && text.charAt(lineStart - 1) != '\n') {
            lineStart--;
        }
        String indent = text.substring(lineStart, i);
        return indent.isBlank() && !indent.isEmpty() ? indent : "  ";
    }

    /** Replaces the text of one element of this POM (a version, a property) found by the reactor. */
    void set(XmlTree.Element element, String value) {
        replace(element, value);
    }

    private void replace(XmlTree.Element element, String value) {
        if (tree.value(element).equals(value)) {
            return;
        }
        String escaped = value.replace("&", "&amp;").replace("<", "&lt;");
        edits.add(new Edit(element.contentStart, element.contentEnd, escaped));
    }

    /** The line (from 1) where {@code element} starts, for messages that send a person to the place to fix. */
    public int lineOf(XmlTree.Element element) {
        String text = tree.text();
        int line = 1;
        for (int i = 0; i < element.start; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The {@code <properties>} entry {@code name}, if this POM declares it. */
    public Optional<XmlTree.Element> propertyElement(String name) {
        return tree.root().child("properties").flatMap(ps -> ps.child(name));
    }

    /** The {@code <parent><version>} element, if any. */
    public Optional<XmlTree.Element> parentVersionElement() {
        return tree.root().child("parent", "version");
    }

    public boolean changed() {
        return !edits.isEmpty();
    }

    /** Writes the collected changes; returns the reloaded file. */
    public PomFile save() throws IOException {
        if (edits.isEmpty()) {
            return this;
        }
        StringBuilder text = new StringBuilder(tree.text());
        edits.stream()
                .sorted(Comparator.comparingInt(Edit::start).thenComparingInt(Edit::end).reversed())
                .forEach(e -> text.replace(e.start(), e.end(), e.replacement()));
        Files.writeString(path, text.toString(), StandardCharsets.UTF_8);
        return read(path);
    }

    private Optional<String> text(String... elementPath) {
        return tree.root().child(elementPath).map(tree::value);
    }
}

package io.gravitee.release.gio.release.pom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The POMs of one component repository: the root {@code pom.xml} and its modules, recursively.
 * Knows how the component's version is written across them and changes it everywhere at once.
 */
public final class Reactor {
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    private final Path root;
    private final List<PomFile> poms;

    private Reactor(Path root, List<PomFile> poms) {
        this.root = root;
        this.poms = List.copyOf(poms);
    }

    /** Loads {@code dir/pom.xml} and every module it (or a profile of it) lists. */
    public static Reactor load(Path dir) throws IOException {
        Path rootPom = dir.resolve("pom.xml");
        if (!Files.isRegularFile(rootPom)) {
            throw new IOException("No pom.xml in " + dir);
        }
        List<PomFile> poms = new ArrayList<>();
        collect(rootPom, poms);
        return new Reactor(dir, poms);
    }

    private static void collect(Path pomPath, List<PomFile> poms) throws IOException {
        PomFile pom = PomFile.read(pomPath);
        poms.add(pom);
        for (String module : pom.modules()) {
            Path moduleDir = pomPath.getParent().resolve(module).normalize();
            Path modulePom = Files.isDirectory(moduleDir) ? moduleDir.resolve("pom.xml") : moduleDir;
            if (!Files.isRegularFile(modulePom)) {
                throw new IOException("Module '" + module + "' of " + pomPath + " has no pom.xml");
            }
            collect(modulePom, poms);
        }
    }

    public Path directory() {
        return root;
    }

    public List<PomFile> poms() {
        return poms;
    }

    public PomFile rootPom() {
        return poms.get(0);
    }

    /** The version of the root POM, with a {@code ${revision}}-style property resolved. */
    public String version() {
        return resolve(rootPom(), rootPom().version().orElseThrow(
                () -> new IllegalStateException(rootPom().path() + " has no version")));
    }

    /** {@code groupId:artifactId} of every project of the reactor: what a release of it deploys. */
    public List<String> artifacts() {
        return poms.stream().map(p -> p.groupId().orElse("") + ":" + p.artifactId()).toList();
    }

    /**
     * Changes the reactor's version from {@code from} to {@code to} everywhere it is written:
     * each POM's own version, parents inside the reactor, a property the root version refers to,
     * and dependencies between modules that spell the version out.
     */
    public Reactor setVersion(String from, String to) throws IOException {
        List<String> reactorKeys = artifacts();
        String declared = rootPom().ownVersion().orElse("");
        Matcher property = PROPERTY.matcher(declared);
        if (property.matches()) {
            rootPom().setProperty(property.group(1), to);
        }
        for (PomFile pom : poms) {
            if (pom.ownVersion().filter(from::equals).isPresent()) {
                pom.setOwnVersion(to);
            }
            if (pom.parentKey().filter(reactorKeys::contains).isPresent() && pom.parentVersion().filter(from::equals).isPresent()) {
                pom.setParentVersion(to);
            }
            for (PomFile.Dependency dependency : pom.dependencies()) {
                if (reactorKeys.contains(dependency.key()) && dependency.version().filter(from::equals).isPresent()) {
                    pom.setDependencyVersion(dependency, to);
                }
            }
        }
        return saved();
    }

    /**
     * Points every dependency (and parent) on an artifact of {@code released} at its released
     * version, whether the version is written in place or through a property.
     *
     * @param released {@code groupId:artifactId} → released version
     * @return one line per change, e.g. {@code pom.xml: gravitee-common.version 1.20.2-SNAPSHOT -> 1.20.2}
     */
    public AlignmentResult align(Map<String, String> released) throws IOException {
        List<String> changes = new ArrayList<>();
        Map<PomFile, Map<String, String>> propertyEdits = new LinkedHashMap<>();
        for (PomFile pom : poms) {
            if (pom.parentKey().filter(released::containsKey).isPresent()) {
                String to = released.get(pom.parentKey().get());
                if (!pom.parentVersion().filter(to::equals).isPresent()) {
                    changes.add(relative(pom) + ": parent " + pom.parentKey().get() + " " + pom.parentVersion().orElse("?")
                            + " -> " + to);
                    pom.setParentVersion(to);
                }
            }
            for (PomFile.Dependency dependency : pom.dependencies()) {
                String to = released.get(dependency.key());
                if (to == null || dependency.version().isEmpty()) {
                    continue;
                }
                String written = dependency.version().get();
                Matcher property = PROPERTY.matcher(written);
                if (property.matches()) {
                    PomFile owner = propertyOwner(pom, property.group(1)).orElse(pom);
                    String current = resolve(pom, written);
                    if (!current.equals(to)) {
                        String previous = propertyEdits.computeIfAbsent(owner, o -> new HashMap<>()).put(property.group(1), to);
                        if (previous != null && !previous.equals(to)) {
                            throw new IOException("Property ${" + property.group(1) + "} of " + relative(owner)
                                    + " is used for artifacts released as " + previous + " and " + to
                                    + ": give each its own property.");
                        }
                        if (previous == null) {
                            changes.add(relative(owner) + ": " + property.group(1) + " " + current + " -> " + to);
                            owner.setProperty(property.group(1), to);
                        }
                    }
                } else if (!written.equals(to)) {
                    changes.add(relative(pom) + ": " + dependency.key() + " " + written + " -> " + to);
                    pom.setDependencyVersion(dependency, to);
                }
            }
        }
        Reactor aligned = saved();
        return new AlignmentResult(aligned, changes, aligned.snapshotsOf(released));
    }

    /** Dependencies on released artifacts that still resolve to a snapshot: must be empty before a release. */
    public List<String> snapshotsOf(Map<String, String> released) {
        List<String> left = new ArrayList<>();
        for (PomFile pom : poms) {
            for (PomFile.Dependency dependency : pom.dependencies()) {
                if (released.containsKey(dependency.key()) && dependency.version().isPresent()) {
                    String effective = resolve(pom, dependency.version().get());
                    if (effective.endsWith("-SNAPSHOT")) {
                        left.add(relative(pom) + " (" + dependency.where() + "): " + dependency.key() + ":" + effective);
                    }
                }
            }
        }
        return left;
    }

    /** The outcome of {@link #align}: the reloaded reactor, what changed, and what still depends on a snapshot. */
    public record AlignmentResult(Reactor reactor, List<String> changes, List<String> remainingSnapshots) {}

    Reactor saved() throws IOException {
        List<PomFile> reloaded = new ArrayList<>();
        for (PomFile pom : poms) {
            reloaded.add(pom.save());
        }
        return new Reactor(root, reloaded);
    }

    /** A value with {@code ${property}} references resolved against the POM and its ancestors in the reactor. */
    String resolve(PomFile pom, String value) {
        Matcher m = PROPERTY.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String replacement = switch (name) {
                case "project.version", "pom.version" -> pom.ownVersion().isPresent() && !pom.ownVersion().get().contains("${")
                        ? pom.ownVersion().get()
                        : resolve(pom, pom.version().orElse(m.group()));
                case "project.parent.version" -> pom.parentVersion().orElse(m.group());
                default -> propertyOwner(pom, name).map(o -> resolve(o, o.properties().get(name))).orElse(m.group());
            };
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The POM of the reactor that declares {@code name} for {@code pom}: itself or its nearest ancestor in the reactor. */
    Optional<PomFile> propertyOwner(PomFile pom, String name) {
        for (PomFile current = pom; current != null; current = parentInReactor(current)) {
            if (current.properties().containsKey(name)) {
                return Optional.of(current);
            }
        }
        return Optional.empty();
    }

    private PomFile parentInReactor(PomFile pom) {
        return pom.parentKey()
                .flatMap(key -> poms.stream()
                        .filter(p -> key.equals(p.groupId().orElse("") + ":" + p.artifactId()))
                        .findFirst())
                .orElse(null);
    }

    String relative(PomFile pom) {
        return root.relativize(pom.path()).toString();
    }
}

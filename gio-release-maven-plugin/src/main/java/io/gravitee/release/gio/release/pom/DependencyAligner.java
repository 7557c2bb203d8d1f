package io.gravitee.release.gio.release.pom;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Makes a component's POMs name only releases before it is built, as Gravitee's release tooling did:
 * <ol>
 *   <li>artifacts this release produced (earlier waves, or an earlier run of it) get the versions it released,
 *       wherever the POM names them ({@link Reactor#align});</li>
 *   <li>every other io.gravitee {@code X-SNAPSHOT} (parent, dependency, plugin, dependencyManagement, directly or
 *       through a property) becomes {@code X} when {@code X} is released where the {@link ReleaseLookup} looks: a
 *       snapshot of a line means "the release of this line being made", and the release either exists or was made by
 *       another product release;</li>
 *   <li>with {@link PropertyUpdates} (opt-in), the properties of matching artifacts move to their newest release of
 *       the same major, as {@code versions:update-properties} did in Gravitee's CircleCI orb. Properties aligned by
 *       the two steps above are left where they are: those versions are the product's, not the newest.</li>
 * </ol>
 * Any snapshot left (io.gravitee without a release, or any other group) stops the component before anything is
 * built, each named with the POM file and line where its version is written.
 */
public final class DependencyAligner {
    private static final String SNAPSHOT = "-SNAPSHOT";
    private static final String GRAVITEE = "io.gravitee";

    private final ReleaseLookup lookup;
    private final Optional<PropertyUpdates> updates;
    private final Map<String, Boolean> known = new HashMap<>();

    public DependencyAligner(ReleaseLookup lookup, Optional<PropertyUpdates> updates) {
        this.lookup = lookup;
        this.updates = updates;
    }

    /**
     * @param released {@code groupId:artifactId} → version, what this release produced
     * @return the aligned (saved) reactor and one line per change
     * @throws AlignmentException when a snapshot is left; the component must not be built
     */
    public Reactor.AlignmentResult align(Reactor reactor, Map<String, String> released) throws IOException, AlignmentException {
        Set<String> pinned = pinnedProperties(reactor, released);
        Reactor.AlignmentResult product = reactor.align(released);
        List<String> changes = new ArrayList<>(product.changes());
        Reactor current = releaseSnapshots(product.reactor(), changes);
        if (updates.isPresent()) {
            current = updateProperties(current, pinned, changes);
        }
        return new Reactor.AlignmentResult(current, changes, List.of());
    }

    /** Properties whose versions the product decides: snapshots, and those of artifacts this release produced. */
    private static Set<String> pinnedProperties(Reactor reactor, Map<String, String> released) {
        Set<String> pinned = new HashSet<>();
        for (VersionUsage usage : VersionUsage.of(reactor)) {
            if (usage.property().isPresent() && (usage.effective().endsWith(SNAPSHOT) || released.containsKey(usage.key()))) {
                pinned.add(propertyId(reactor, usage));
            }
        }
        return pinned;
    }

    private Reactor releaseSnapshots(Reactor reactor, List<String> changes) throws IOException, AlignmentException {
        List<String> problems = new ArrayList<>();
        Map<XmlTree.Element, VersionUsage> edits = new IdentityHashMap<>();
        Map<XmlTree.Element, String> values = new LinkedHashMap<>();
        for (VersionUsage usage : VersionUsage.of(reactor)) {
            if (!usage.effective().endsWith(SNAPSHOT)) {
                continue;
            }
            String release = usage.effective().substring(0, usage.effective().length() - SNAPSHOT.length());
            String coordinates = usage.key() + ":" + usage.effective() + " (" + usage.place(reactor) + ")";
            if (!usage.groupId().startsWith(GRAVITEE)) {
                problems.add(coordinates + " is not an io.gravitee artifact: gio does not align it; use a release");
            } else if (usage.target().isEmpty()) {
                problems.add(coordinates + ": write the version as a number or one property");
            } else if (!isReleased(usage, release)) {
                problems.add(coordinates + ": " + release + " is not released (looked in: this release, "
                        + lookup.describe() + ")");
            } else {
                edits.put(usage.target().get(), usage);
                values.put(usage.target().get(), release);
            }
        }
        if (!problems.isEmpty()) {
            throw new AlignmentException(problems);
        }
        for (Map.Entry<XmlTree.Element, String> edit : values.entrySet()) {
            VersionUsage usage = edits.get(edit.getKey());
            usage.owner().set(edit.getKey(), edit.getValue());
            changes.add(reactor.relative(usage.owner()) + ": " + usage.property().orElse(usage.key()) + " "
                    + usage.effective() + " -> " + edit.getValue() + " (released)");
        }
        return reactor.saved();
    }

    private boolean isReleased(VersionUsage usage, String release) throws IOException {
        String key = usage.key() + ":" + release;
        Boolean answer = known.get(key);
        if (answer == null) {
            answer = lookup.has(usage.groupId(), usage.artifactId(), release);
            known.put(key, answer);
        }
        return answer;
    }

    private Reactor updateProperties(Reactor reactor, Set<String> pinned, List<String> changes) throws IOException {
        Map<String, List<VersionUsage>> byProperty = new LinkedHashMap<>();
        for (VersionUsage usage : VersionUsage.of(reactor)) {
            if (usage.property().isPresent() && usage.target().isPresent()) {
                byProperty.computeIfAbsent(propertyId(reactor, usage), k -> new ArrayList<>()).add(usage);
            }
        }
        for (Map.Entry<String, List<VersionUsage>> property : byProperty.entrySet()) {
            List<VersionUsage> usages = property.getValue();
            if (pinned.contains(property.getKey())
                    || !usages.stream().allMatch(u -> updates.get().matches(u.groupId(), u.artifactId()))) {
                continue;
            }
            VersionUsage first = usages.get(0);
            List<List<String>> available = new ArrayList<>();
            for (VersionUsage usage : usages) {
                available.add(lookup.versions(usage.groupId(), usage.artifactId()));
            }
            Optional<String> newest = PropertyUpdates.newestOfSameMajor(first.effective(), available);
            if (newest.isPresent()) {
                first.owner().set(first.target().get(), newest.get());
                changes.add(reactor.relative(first.owner()) + ": " + first.property().get() + " " + first.effective()
                        + " -> " + newest.get() + " (newest release of the same major)");
            }
        }
        return reactor.saved();
    }

    private static String propertyId(Reactor reactor, VersionUsage usage) {
        return reactor.relative(usage.owner()) + "#" + usage.property().orElseThrow();
    }
}

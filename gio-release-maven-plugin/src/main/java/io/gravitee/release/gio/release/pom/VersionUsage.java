package io.gravitee.release.gio.release.pom;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One place a POM of the reactor names the version of an artifact built elsewhere (a parent, a dependency, a plugin),
 * with the element that holds the version: the version element itself, or the {@code <properties>} entry it refers
 * to, which may be in another POM of the reactor. Empty {@code target} when the version is an expression gio cannot
 * rewrite (e.g. {@code ${a}.${b}}) or a property declared outside the reactor.
 *
 * @param property the property the version is written through, if it is written as exactly one {@code ${property}}
 * @param effective the version with properties resolved
 */
record VersionUsage(PomFile pom, String groupId, String artifactId, String where, Optional<String> property,
                    PomFile owner, Optional<XmlTree.Element> target, String effective) {
    private static final Pattern SINGLE_PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    String key() {
        return groupId + ":" + artifactId;
    }

    /** Where to send a person: {@code pom.xml line 39, property gravitee-repository-api.version}. */
    String place(Reactor reactor) {
        int line = target.map(owner::lineOf).orElse(0);
        return reactor.relative(owner) + (line > 0 ? " line " + line : "") + property.map(p -> ", property " + p).orElse("")
                + (target.isEmpty() ? ", written as an expression gio does not rewrite" : "");
    }

    /** Every parent and versioned dependency or plugin of {@code reactor} that is not one of its own projects. */
    static List<VersionUsage> of(Reactor reactor) {
        Set<String> own = Set.copyOf(reactor.artifacts());
        List<VersionUsage> usages = new ArrayList<>();
        for (PomFile pom : reactor.poms()) {
            if (pom.parentKey().isPresent() && !own.contains(pom.parentKey().get()) && pom.parentVersion().isPresent()) {
                String[] key = pom.parentKey().get().split(":", 2);
                usages.add(usage(reactor, pom, key[0], key[1], "parent", pom.parentVersion().get(),
                        pom.parentVersionElement()));
            }
            for (PomFile.Dependency dependency : pom.dependencies()) {
                if (!own.contains(dependency.key()) && dependency.version().isPresent()) {
                    usages.add(usage(reactor, pom, dependency.groupId(), dependency.artifactId(), dependency.where(),
                            dependency.version().get(), dependency.versionElement()));
                }
            }
        }
        return usages;
    }

    private static VersionUsage usage(Reactor reactor, PomFile pom, String groupId, String artifactId, String where,
                                      String written, Optional<XmlTree.Element> element) {
        String effective = reactor.resolve(pom, written);
        Matcher property = SINGLE_PROPERTY.matcher(written);
        if (property.matches()) {
            String name = property.group(1);
            Optional<PomFile> owner = reactor.propertyOwner(pom, name);
            return new VersionUsage(pom, groupId, artifactId, where, Optional.of(name), owner.orElse(pom),
                    owner.flatMap(o -> o.propertyElement(name)), effective);
        }
        return new VersionUsage(pom, groupId, artifactId, where, Optional.empty(), pom,
                written.contains("${") ? Optional.empty() : element, effective);
    }
}

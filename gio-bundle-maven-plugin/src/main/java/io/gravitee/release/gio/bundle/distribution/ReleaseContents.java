package io.gravitee.release.gio.bundle.distribution;

import io.gravitee.release.gio.bundle.distribution.ArtifactSource.Coordinates;
import io.gravitee.release.gio.manifest.Component;
import io.gravitee.release.gio.manifest.Manifest;
import io.gravitee.release.gio.manifest.Version;
import java.util.ArrayList;
import java.util.List;

/**
 * What a release ships according to a distribution map: its runtimes, the plugin zips of its plugin components (one
 * component may ship several, e.g. {@code gravitee-policy-ratelimit} also ships the quota policy and the gateway's
 * rate-limit service), and the rest, libraries without a zip. Nothing is resolved here: this is the plan.
 */
record ReleaseContents(List<RuntimePart> runtimes, List<PluginArtifact> plugins, List<String> libraries) {

    /** One runtime of the map, taken from a component of the manifest. */
    record RuntimePart(Component component, DistributionMap.Runtime map) {
        Coordinates zip() {
            String[] ga = map.coordinates().split(":");
            return new Coordinates(ga[0], ga[1], "zip", component.version().toString());
        }

        String publishedName() {
            return map.publishedName(component.name());
        }
    }

    /** One plugin zip, with the component it comes from (and whose version it has). */
    record PluginArtifact(Component component, String artifactId, String groupId, String type) {
        String version() {
            return component.version().toString();
        }

        String fileName() {
            return artifactId + "-" + version() + ".zip";
        }

        Coordinates zip() {
            return new Coordinates(groupId, artifactId, "zip", version());
        }

        Coordinates pom() {
            return new Coordinates(groupId, artifactId, "pom", version());
        }
    }

    static ReleaseContents of(Manifest manifest, DistributionMap map) {
        List<String> names = manifest.components().stream().map(Component::name).toList();
        List<RuntimePart> runtimes = new ArrayList<>();
        List<PluginArtifact> plugins = new ArrayList<>();
        List<String> libraries = new ArrayList<>();
        for (Component component : manifest.components()) {
            List<DistributionMap.Runtime> asRuntime = map.runtimesOf(component.name(), names);
            if (!asRuntime.isEmpty()) {
                asRuntime.forEach(r -> runtimes.add(new RuntimePart(component, r)));
                continue;
            }
            DistributionMap.PluginRule rule = map.plugin(component.name()).orElse(null);
            if (rule == null) {
                libraries.add(component.name());
            } else if (rule.artifacts().isEmpty()) {
                plugins.add(new PluginArtifact(component, component.name(), rule.groupId(), rule.type()));
            } else {
                for (DistributionMap.Artifact artifact : rule.artifacts()) {
                    if (artifact.since() == null || atLeast(component.version(), Version.parse(artifact.since()))) {
                        plugins.add(new PluginArtifact(component, artifact.artifactId(),
                                artifact.groupId() != null ? artifact.groupId() : rule.groupId(),
                                artifact.type() != null ? artifact.type() : rule.type()));
                    }
                }
            }
        }
        // Runtimes in map order, whatever the manifest's order: the full zip's layout should not depend on it.
        runtimes.sort((a, b) -> Integer.compare(map.runtimes().indexOf(a.map()), map.runtimes().indexOf(b.map())));
        return new ReleaseContents(runtimes, plugins, libraries);
    }

    /** {@code version >= since}, on major.minor.patch (a qualifier is ignored: plugins ship released versions). */
    static boolean atLeast(Version version, Version since) {
        if (version.major() != since.major()) {
            return version.major() > since.major();
        }
        if (version.minor() != since.minor()) {
            return version.minor() > since.minor();
        }
        return version.patch() >= since.patch();
    }
}

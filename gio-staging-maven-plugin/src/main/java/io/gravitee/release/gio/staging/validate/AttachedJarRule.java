package io.gravitee.release.gio.staging.validate;

import io.gravitee.release.gio.staging.resolve.ReleasedModule;
import io.gravitee.release.gio.staging.resolve.ResolvedComponent;
import java.util.ArrayList;
import java.util.List;

/** A jar Maven Central requires beside the main jar of every jar-packaged module. */
abstract class AttachedJarRule implements StagingRule {
    private final String classifier;
    private final String plugin;

    AttachedJarRule(String classifier, String plugin) {
        this.classifier = classifier;
        this.plugin = plugin;
    }

    @Override
    public List<Problem> check(ResolvedComponent component) {
        List<Problem> problems = new ArrayList<>();
        for (ReleasedModule module : component.modules()) {
            if (!module.needsSourcesAndJavadoc()) {
                continue;
            }
            boolean present = component.filesOf(module).stream()
                    .anyMatch(f -> f.artifact().classifier().equals(classifier) && f.artifact().extension().equals("jar"));
            if (!present) {
                problems.add(new Problem(id(), module.gav(), "no " + module.artifactId() + "-" + module.version() + "-"
                        + classifier + ".jar in the source repository: the release build must attach it (" + plugin + ")"));
            }
        }
        return problems;
    }
}

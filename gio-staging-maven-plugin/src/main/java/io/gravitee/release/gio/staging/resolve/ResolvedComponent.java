package io.gravitee.release.gio.staging.resolve;

import io.gravitee.release.gio.staging.model.EffectivePom;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything resolved for one component: its modules, their files, and how each module's files were found.
 *
 * @param tag       the release tag the modules were read at
 * @param modules   the released modules, the root first
 * @param files     every resolved file, in module order
 * @param missing   files expected but absent from the source repository (sources, javadoc), for the rules
 * @param discovery how the files of each module were found, by {@code g:a:v}
 * @param directory where the files were downloaded
 * @param models    the effective model of each released POM, by its path in the repository, in module order
 */
public record ResolvedComponent(
        String tag,
        List<ReleasedModule> modules,
        List<ResolvedFile> files,
        List<ArtifactFile> missing,
        Map<String, AttachedFileDiscovery.Method> discovery,
        Path directory,
        Map<String, EffectivePom> models) {

    public ResolvedComponent {
        modules = List.copyOf(modules);
        models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
        files = List.copyOf(files);
        missing = List.copyOf(missing);
        discovery = Map.copyOf(discovery);
    }

    /** The root module: its coordinates name the component. */
    public ReleasedModule root() {
        return modules.get(0);
    }

    public List<ResolvedFile> filesOf(ReleasedModule module) {
        return files.stream().filter(f -> f.artifact().module().equals(module)).toList();
    }

    public long totalBytes() {
        return files.stream().mapToLong(f -> f.checksums().size()).sum();
    }
}

package io.gravitee.release.gio.staging.model;

import io.gravitee.release.gio.staging.StagingException;
import io.gravitee.release.gio.staging.resolve.ArtifactFile;
import io.gravitee.release.gio.staging.resolve.ModuleScanner;
import io.gravitee.release.gio.staging.resolve.ReleasedModule;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.w3c.dom.Element;

/**
 * What a module's build attaches besides its POM and main artifact, read from its effective model: the executions
 * of the plugins that attach files (assembly {@code single}, build-helper {@code attach-artifact}, jar
 * {@code test-jar}, source {@code test-jar}, shade with {@code shadedArtifactAttached}). A repository that serves no
 * listing (Maven Central) gives no other way to know that a Gravitee policy has a zip; without it the zip would not
 * be published, and a published version is immutable.
 *
 * <p>An assembly's id and formats are in its descriptor, read from the release tag beside the module's POM. A
 * descriptor that cannot be read there (one shipped in a dependency) is reported as a note: the module's files then
 * come from the repository's listing alone.
 */
public final class BuildAttachments {
    private static final String ASSEMBLY = "maven-assembly-plugin";
    private static final Map<String, List<String>> BUILT_IN_FORMATS = Map.of(
            "jar-with-dependencies", List.of("jar"),
            "bin", List.of("tar.gz", "tar.bz2", "zip"),
            "src", List.of("tar.gz", "tar.bz2", "zip"),
            "project", List.of("tar.gz", "tar.bz2", "zip"));

    /** The attached files and what could not be known. */
    public record Found(List<ArtifactFile> files, List<String> notes) {}

    private final Function<String, Optional<byte[]>> tagFiles;

    /** @param tagFiles reads a file of the component at the release tag, by path from its root */
    public BuildAttachments(Function<String, Optional<byte[]>> tagFiles) {
        this.tagFiles = tagFiles;
    }

    public Found of(ReleasedModule module, EffectivePom pom) {
        Set<ArtifactFile> files = new LinkedHashSet<>();
        List<String> notes = new ArrayList<>();
        if (pom.model().getBuild() == null) {
            return new Found(List.of(), notes);
        }
        for (Plugin plugin : pom.model().getBuild().getPlugins()) {
            for (PluginExecution execution : plugin.getExecutions()) {
                if ("none".equals(execution.getPhase())) {
                    continue; // the usual way to switch off an inherited execution
                }
                Xpp3Dom config = (Xpp3Dom) execution.getConfiguration();
                for (String goal : execution.getGoals()) {
                    attached(module, plugin.getArtifactId(), goal, config, files, notes);
                }
            }
        }
        return new Found(List.copyOf(files), notes);
    }

    private void attached(ReleasedModule module, String plugin, String goal, Xpp3Dom config, Set<ArtifactFile> files,
            List<String> notes) {
        switch (plugin + ":" + goal) {
            case ASSEMBLY + ":single" -> assemblies(module, config, files, notes);
            case "build-helper-maven-plugin:attach-artifact" -> {
                Xpp3Dom artifacts = child(config, "artifacts");
                for (Xpp3Dom artifact : artifacts == null ? new Xpp3Dom[0] : artifacts.getChildren("artifact")) {
                    String type = value(artifact, "type", "jar");
                    files.add(new ArtifactFile(module, value(artifact, "classifier", ""), type));
                }
            }
            case "maven-jar-plugin:test-jar" -> {
                if (!flag(config, "skip", false)) {
                    files.add(new ArtifactFile(module, value(config, "classifier", "tests"), "jar"));
                }
            }
            case "maven-source-plugin:test-jar", "maven-source-plugin:test-jar-no-fork" -> {
                if (!flag(config, "skipSource", false)) {
                    files.add(new ArtifactFile(module, "test-sources", "jar"));
                }
            }
            case "maven-shade-plugin:shade" -> {
                if (flag(config, "shadedArtifactAttached", false)) {
                    files.add(new ArtifactFile(module, value(config, "shadedClassifierName", "shaded"), "jar"));
                }
            }
            default -> { }
        }
    }

    private void assemblies(ReleasedModule module, Xpp3Dom config, Set<ArtifactFile> files, List<String> notes) {
        if (flag(config, "skipAssembly", false) || !flag(config, "attach", true)) {
            return;
        }
        boolean appendId = flag(config, "appendAssemblyId", true);
        List<String> descriptors = new ArrayList<>(values(config, "descriptors", "descriptor"));
        String single = value(config, "descriptor", "");
        if (!single.isEmpty()) {
            descriptors.add(single);
        }
        for (String ref : values(config, "descriptorRefs", "descriptorRef")) {
            List<String> formats = BUILT_IN_FORMATS.get(ref);
            if (formats == null) {
                notes.add(module.gav() + ": assembly descriptorRef '" + ref + "' is not one of Maven's built-in ones;"
                        + " its files are known from the repository's listing only");
                continue;
            }
            formats.forEach(format -> files.add(new ArtifactFile(module, appendId ? ref : "", format)));
        }
        String moduleDir = module.pomPath() == null || !module.pomPath().contains("/") ? ""
                : module.pomPath().substring(0, module.pomPath().lastIndexOf('/') + 1);
        for (String descriptor : descriptors) {
            String path = moduleDir + descriptor.replace("${project.basedir}/", "").replace("${basedir}/", "")
                    .replaceFirst("^\\./", "");
            Optional<byte[]> bytes = path.contains("${") ? Optional.empty() : tagFiles.apply(path);
            if (bytes.isEmpty()) {
                notes.add(module.gav() + ": assembly descriptor " + descriptor + " is not at the release tag (" + path
                        + "); its files are known from the repository's listing only");
                continue;
            }
            Element assembly;
            try {
                assembly = ModuleScanner.parse(bytes.get(), path);
            } catch (StagingException e) {
                notes.add(module.gav() + ": " + e.getMessage());
                continue;
            }
            String id = ModuleScanner.text(assembly, "id");
            Element formats = ModuleScanner.child(assembly, "formats");
            for (Element format : formats == null ? List.<Element>of() : ModuleScanner.children(formats)) {
                String extension = format.getTextContent().strip();
                if (!extension.isEmpty() && !extension.equals("dir")) {
                    files.add(new ArtifactFile(module, appendId ? id : "", extension));
                }
            }
        }
    }

    private static Xpp3Dom child(Xpp3Dom config, String name) {
        return config == null ? null : config.getChild(name);
    }

    private static String value(Xpp3Dom config, String name, String fallback) {
        Xpp3Dom child = child(config, name);
        return child == null || child.getValue() == null || child.getValue().isBlank() ? fallback : child.getValue().strip();
    }

    private static boolean flag(Xpp3Dom config, String name, boolean fallback) {
        return Boolean.parseBoolean(value(config, name, Boolean.toString(fallback)));
    }

    private static List<String> values(Xpp3Dom config, String list, String item) {
        Xpp3Dom parent = child(config, list);
        List<String> out = new ArrayList<>();
        for (Xpp3Dom child : parent == null ? new Xpp3Dom[0] : parent.getChildren(item)) {
            if (child.getValue() != null && !child.getValue().isBlank()) {
                out.add(child.getValue().strip());
            }
        }
        return out;
    }
}

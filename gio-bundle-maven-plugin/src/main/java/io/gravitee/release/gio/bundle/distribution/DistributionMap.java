package io.gravitee.release.gio.bundle.distribution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.gravitee.release.gio.bundle.BucketLayout;
import io.gravitee.release.gio.bundle.BundleException;
import io.gravitee.release.gio.manifest.Version;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How the components of a manifest map to distribution zips. A component is either
 * <ul>
 *   <li>a <b>runtime</b> (one or several: {@code gravitee-api-management} holds the four of APIM 3.15): its zip
 *       {@code coordinates:zip:<version>} is published as {@code components/<name>/<name>-<version>.zip} and unpacked
 *       into the full distribution as {@code <directory>-<product version>/} (a single top directory of the zip is
 *       replaced by that name), or, without {@code directory}, under the zip's own top directory with the map's
 *       {@code renames} applied, as Gravitee's script did; with {@code plugins: true} the plugins of the release of
 *       {@code pluginTypes} (all when absent) go under its {@code plugins/}, but those matching {@code pluginExclude};</li>
 *   <li>a <b>plugin</b>, by explicit name, full-match {@code pattern} or name prefix: its zip
 *       {@code <groupId>:<component>:zip:<version>} is published as {@code plugins/<type>/<component>/<component>-<version>.zip};
 *       a rule with {@code artifacts} ships those instead (same version; each may name its own group and type, and a
 *       {@code since} version of the component from which it exists);</li>
 *   <li>else a library, with no zip (as are names matching {@code exclude}, such as {@code gravitee-policy-api}).</li>
 * </ul>
 * {@code bundles} are directories made of the plugins of some types ({@code gravitee-policies-X.Y.Z}), zipped on their
 * own under {@code distributions/} and left out of the full zip; {@code directoryZips} also zips each runtime directory
 * there. {@code executables} are regular expressions of paths inside a runtime directory that are given unix mode
 * 0755 (every other file 0644), as {@code bin/gravitee}. {@code site} is the upload prefix ({@code graviteeio-apim}):
 * a plugin POM's {@code publish-folder-path} under it places the plugin instead of its type.
 * The built-in map ({@code default-distribution-map.json}) follows Gravitee's artifacts; a JSON file of the same shape
 * replaces it ({@code gio.bundle.distributionMap}); {@code quickstart/distribution-map-apim3.json} is Gravitee's
 * APIM 3.x packaging.
 */
public record DistributionMap(String product, String site, List<Runtime> runtimes, List<PluginRule> plugins, List<String> exclude,
        List<Rename> renames, List<Bundle> bundles, List<String> executables, Boolean directoryZips) {

    /** A server or UI packaged whole in the full distribution. */
    public record Runtime(String component, List<String> components, String name, String coordinates, String directory,
            boolean plugins, List<String> pluginTypes, List<String> pluginExclude, List<String> emptyDirectories) {
        public Runtime {
            components = components == null ? List.of() : List.copyOf(components);
            pluginTypes = pluginTypes == null ? List.of() : List.copyOf(pluginTypes);
            pluginExclude = pluginExclude == null ? List.of() : List.copyOf(pluginExclude);
            emptyDirectories = emptyDirectories == null ? List.of() : List.copyOf(emptyDirectories);
        }

        /** The components it may come from, first present in the manifest wins. */
        public List<String> candidates() {
            return component != null ? List.of(component) : components;
        }

        /** Its directory under {@code components/}. */
        public String publishedName(String from) {
            return name != null ? name : from;
        }

        /** Whether the plugin {@code artifactId} of {@code type} goes into its {@code plugins/}. */
        public boolean takes(String type, String artifactId) {
            return plugins && (pluginTypes.isEmpty() || pluginTypes.contains(type))
                    && pluginExclude.stream().noneMatch(artifactId::matches);
        }
    }

    /**
     * Plugins: components named {@code name}, matching {@code pattern} or starting with {@code prefix} are plugins of
     * {@code type}; {@code artifacts}, when given, are what the component ships.
     */
    public record PluginRule(String name, String prefix, String pattern, String type, String groupId, List<Artifact> artifacts) {
        public PluginRule {
            artifacts = artifacts == null ? List.of() : List.copyOf(artifacts);
        }
    }

    /** One plugin zip a component ships: group and type default to its rule's. */
    public record Artifact(String artifactId, String groupId, String type, String since) {}

    /** A plain text replacement in directory names ({@code gravitee} to {@code graviteeio}), applied in order. */
    public record Rename(String from, String to) {}

    /** A directory of the plugin zips of {@code types}, named {@code <directory>-<product version>} after renames. */
    public record Bundle(String directory, List<String> types) {
        public Bundle {
            types = types == null ? List.of() : List.copyOf(types);
        }
    }

    public DistributionMap {
        runtimes = runtimes == null ? List.of() : List.copyOf(runtimes);
        plugins = plugins == null ? List.of() : List.copyOf(plugins);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
        renames = renames == null ? List.of() : List.copyOf(renames);
        bundles = bundles == null ? List.of() : List.copyOf(bundles);
        executables = executables == null ? List.of() : List.copyOf(executables);
        // Boxed so that an absent field is false: the map rejects nulls for primitives.
        directoryZips = Boolean.TRUE.equals(directoryZips);
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** The built-in map. */
    public static DistributionMap defaults() {
        try (InputStream in = DistributionMap.class.getResourceAsStream("default-distribution-map.json")) {
            return check(JSON.readValue(in, DistributionMap.class), "built-in distribution map");
        } catch (IOException | BundleException e) {
            throw new IllegalStateException("Broken built-in distribution map", e);
        }
    }

    /** Reads a map file; problems name the file, the line and column, and the field. */
    public static DistributionMap read(Path file) throws BundleException {
        try {
            return check(JSON.readValue(Files.readString(file), DistributionMap.class), file.toString());
        } catch (UnrecognizedPropertyException e) {
            throw new BundleException(file + place(e) + ": unknown field \"" + e.getPropertyName() + "\" in " + e.getPathReference()
                    .replaceAll("^.*?DistributionMap", "the map").replaceAll("\\[\"" + Pattern.quote(e.getPropertyName()) + "\"\\]$", "")
                    + "; expected one of " + e.getKnownPropertyIds());
        } catch (MismatchedInputException e) {
            throw new BundleException(file + place(e) + ": " + e.getOriginalMessage() + " at " + e.getPathReference());
        } catch (JsonProcessingException e) {
            throw new BundleException(file + place(e) + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BundleException("Cannot read distribution map " + file + ": " + e);
        }
    }

    private static String place(JsonProcessingException e) {
        return e.getLocation() == null ? "" : ", line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    private static DistributionMap check(DistributionMap map, String source) throws BundleException {
        if (map.product() == null || !map.product().matches("[A-Za-z0-9._-]+")) {
            throw new BundleException(source + ": \"product\" must be a file name stem such as \"graviteeio-full\"");
        }
        if (map.site() != null) {
            checkPath(map.site(), source);
        }
        for (Runtime runtime : map.runtimes()) {
            if ((runtime.component() == null) == runtime.components().isEmpty() || runtime.coordinates() == null
                    || !runtime.coordinates().matches("[^:\\s]+:[^:\\s]+")
                    || (runtime.directory() == null && map.renames().isEmpty())) {
                throw new BundleException(source + ": runtime " + runtime + " needs one of \"component\" or \"components\","
                        + " \"coordinates\" (groupId:artifactId) and \"directory\" (or the map's \"renames\")");
            }
            if (runtime.directory() != null) {
                checkName(runtime.directory(), source);
            }
            if (runtime.name() != null) {
                checkName(runtime.name(), source);
            }
            for (String empty : runtime.emptyDirectories()) {
                checkPath(empty, source);
            }
            patterns(runtime.pluginExclude(), "pluginExclude", source);
        }
        for (PluginRule rule : map.plugins()) {
            int selectors = (rule.name() == null ? 0 : 1) + (rule.prefix() == null ? 0 : 1) + (rule.pattern() == null ? 0 : 1);
            if (selectors != 1 || rule.type() == null || rule.groupId() == null) {
                throw new BundleException(source + ": plugin rule " + rule + " needs one of \"name\", \"prefix\" or"
                        + " \"pattern\", and \"type\" and \"groupId\"");
            }
            checkName(rule.type(), source);
            if (rule.pattern() != null) {
                patterns(List.of(rule.pattern()), "pattern", source);
            }
            for (Artifact artifact : rule.artifacts()) {
                if (artifact.artifactId() == null || (artifact.since() != null && Version.tryParse(artifact.since()).isEmpty())) {
                    throw new BundleException(source + ": artifact " + artifact + " of " + rule + " needs \"artifactId\","
                            + " and \"since\" must be a version X.Y.Z");
                }
                checkName(artifact.artifactId(), source);
                if (artifact.type() != null) {
                    checkName(artifact.type(), source);
                }
            }
        }
        for (Bundle bundle : map.bundles()) {
            if (bundle.directory() == null || bundle.types().isEmpty()) {
                throw new BundleException(source + ": bundle " + bundle + " needs \"directory\" and \"types\"");
            }
            checkName(bundle.directory(), source);
        }
        patterns(map.exclude(), "exclude", source);
        patterns(map.executables(), "executables", source);
        return map;
    }

    private static void patterns(List<String> patterns, String field, String source) throws BundleException {
        for (String pattern : patterns) {
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                throw new BundleException(source + ": " + field + " pattern \"" + pattern + "\" is not a regular expression: "
                        + e.getDescription());
            }
        }
    }

    private static void checkPath(String path, String source) throws BundleException {
        try {
            BucketLayout.checkPath(path, "\"" + path + "\"");
        } catch (IllegalArgumentException e) {
            throw new BundleException(source + ": " + e.getMessage());
        }
    }

    private static void checkName(String name, String source) throws BundleException {
        checkPath(name, source);
        if (name.contains("/")) {
            throw new BundleException(source + ": \"" + name + "\" must be a single directory name");
        }
    }

    /** The runtimes a component is, in map order. */
    public List<Runtime> runtimesOf(String component, List<String> manifestComponents) {
        return runtimes.stream()
                .filter(r -> r.candidates().stream().filter(manifestComponents::contains).findFirst().map(component::equals).orElse(false))
                .toList();
    }

    /** The plugin rule of a component: an explicit name wins over a pattern, then the longest matching prefix. */
    public Optional<PluginRule> plugin(String component) {
        if (exclude.stream().anyMatch(component::matches)) {
            return Optional.empty();
        }
        Optional<PluginRule> named = plugins.stream().filter(r -> component.equals(r.name())).findFirst();
        if (named.isPresent()) {
            return named;
        }
        Optional<PluginRule> matched = plugins.stream().filter(r -> r.pattern() != null && component.matches(r.pattern())).findFirst();
        if (matched.isPresent()) {
            return matched;
        }
        return plugins.stream()
                .filter(r -> r.prefix() != null && component.startsWith(r.prefix()) && component.length() > r.prefix().length())
                .max((a, b) -> Integer.compare(a.prefix().length(), b.prefix().length()));
    }

    /** A directory name after the map's renames, in order. */
    public String renamed(String directory) {
        String name = directory;
        for (Rename rename : renames) {
            name = name.replace(rename.from(), rename.to());
        }
        return name;
    }
}

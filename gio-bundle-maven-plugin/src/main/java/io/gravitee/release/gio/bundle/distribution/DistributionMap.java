package io.gravitee.release.gio.bundle.distribution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.gravitee.release.gio.bundle.BucketLayout;
import io.gravitee.release.gio.bundle.BundleException;
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
 *   <li>a <b>runtime</b>: its zip {@code coordinates:zip:<version>} is published as
 *       {@code components/<component>/<component>-<version>.zip} and unpacked into the full distribution as
 *       {@code <directory>-<product version>/} (a single top directory of the zip is replaced by that name); with
 *       {@code plugins: true} every plugin zip of the release is added under its {@code plugins/};</li>
 *   <li>a <b>plugin</b>, by explicit entry or by name prefix: its zip {@code <groupId>:<component>:zip:<version>} is
 *       published as {@code plugins/<type>/<component>/<component>-<version>.zip};</li>
 *   <li>else a library, with no zip (as are names matching {@code exclude}, such as {@code gravitee-policy-api}).</li>
 * </ul>
 * The built-in map ({@code default-distribution-map.json}) follows Gravitee's artifacts; a JSON file of the same shape
 * replaces it ({@code gio.bundle.distributionMap}).
 */
public record DistributionMap(String product, List<Runtime> runtimes, List<PluginRule> plugins, List<String> exclude) {

    /** A server or UI packaged whole in the full distribution. */
    public record Runtime(String component, String coordinates, String directory, boolean plugins) {}

    /**
     * Plugins: components named {@code name}, or starting with {@code prefix}, are plugins of {@code type}.
     */
    public record PluginRule(String name, String prefix, String type, String groupId) {}

    public DistributionMap {
        runtimes = runtimes == null ? List.of() : List.copyOf(runtimes);
        plugins = plugins == null ? List.of() : List.copyOf(plugins);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
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
        for (Runtime runtime : map.runtimes()) {
            if (runtime.component() == null || runtime.coordinates() == null || !runtime.coordinates().matches("[^:\\s]+:[^:\\s]+")
                    || runtime.directory() == null) {
                throw new BundleException(source + ": runtime " + runtime + " needs \"component\", \"coordinates\""
                        + " (groupId:artifactId) and \"directory\"");
            }
            checkName(runtime.directory(), source);
        }
        for (PluginRule rule : map.plugins()) {
            if ((rule.name() == null) == (rule.prefix() == null) || rule.type() == null || rule.groupId() == null) {
                throw new BundleException(source + ": plugin rule " + rule + " needs one of \"name\" or \"prefix\","
                        + " and \"type\" and \"groupId\"");
            }
            checkName(rule.type(), source);
        }
        for (String pattern : map.exclude()) {
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                throw new BundleException(source + ": exclude pattern \"" + pattern + "\" is not a regular expression: " + e.getDescription());
            }
        }
        return map;
    }

    private static void checkName(String name, String source) throws BundleException {
        try {
            BucketLayout.checkPath(name, "\"" + name + "\"");
        } catch (IllegalArgumentException e) {
            throw new BundleException(source + ": " + e.getMessage());
        }
        if (name.contains("/")) {
            throw new BundleException(source + ": \"" + name + "\" must be a single directory name");
        }
    }

    public Optional<Runtime> runtime(String component) {
        return runtimes.stream().filter(r -> r.component().equals(component)).findFirst();
    }

    /** The plugin rule of a component: an explicit name wins over the longest matching prefix. */
    public Optional<PluginRule> plugin(String component) {
        if (exclude.stream().anyMatch(component::matches)) {
            return Optional.empty();
        }
        Optional<PluginRule> named = plugins.stream().filter(r -> component.equals(r.name())).findFirst();
        if (named.isPresent()) {
            return named;
        }
        return plugins.stream()
                .filter(r -> r.prefix() != null && component.startsWith(r.prefix()) && component.length() > r.prefix().length())
                .max((a, b) -> Integer.compare(a.prefix().length(), b.prefix().length()));
    }
}

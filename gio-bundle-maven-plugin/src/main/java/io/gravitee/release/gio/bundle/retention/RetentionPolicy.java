package io.gravitee.release.gio.bundle.retention;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gravitee.release.gio.bundle.BucketLayout;
import io.gravitee.release.gio.bundle.BundleException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A retention policy for the download site, read from a JSON file. Example:
 * <pre>{@code
 * {
 *   "releases": {
 *     "supportMonths": 12,
 *     "lts": { "lines": ["3.15", "3.20", "4.4"], "supportMonths": 36 },
 *     "releaseDates": "release-dates.json"
 *   },
 *   "nightly": { "directory": "nightly", "keep": 7, "maxAgeDays": 30 }
 * }
 * }</pre>
 * Both sections are optional, but at least one is required. {@code releaseDates} names a JSON file (relative to
 * the policy file) mapping versions to their release day, {@code {"3.0.0": "2020-01-14", ...}}: the bucket's
 * own dates are upload dates, which after a migration say nothing about when a version was released.
 *
 * @param release the support windows of release lines; empty when releases are not pruned
 * @param nightly the nightly builds kept; empty when nightlies are not pruned
 */
public record RetentionPolicy(Optional<Releases> release, Optional<Nightly> nightly) {

    /**
     * @param supportMonths how long each minor line {@code M.m} stays after its first release
     * @param ltsLines lines supported longer, e.g. {@code 4.4}
     * @param ltsSupportMonths how long an LTS line stays after its first release
     * @param releaseDates release day of versions, overriding the dates the bucket shows
     */
    public record Releases(int supportMonths, Set<String> ltsLines, int ltsSupportMonths, Map<String, LocalDate> releaseDates) {
        public Releases {
            ltsLines = Set.copyOf(ltsLines);
            releaseDates = Map.copyOf(releaseDates);
        }
    }

    /**
     * @param directory the directory (relative to the prefix) whose subdirectories are nightly builds
     * @param keep how many of the newest builds are kept at most
     * @param maxAgeDays builds older than this are deleted even when among the newest; 0 for no limit
     */
    public record Nightly(String directory, int keep, int maxAgeDays) {}

    private static final Pattern LINE = Pattern.compile("\\d+\\.\\d+");
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads and checks a policy file; every problem names the file and the line and column. */
    public static RetentionPolicy read(Path file) throws BundleException {
        Document doc = Document.read(file);
        doc.allowOnly("", doc.root, "releases", "nightly");
        if (!doc.root.has("releases") && !doc.root.has("nightly")) {
            throw doc.problem("", "needs a \"releases\" or a \"nightly\" section (see the example in gio-bundle:prune's help)");
        }
        Optional<Releases> releases = Optional.empty();
        JsonNode r = doc.root.get("releases");
        if (r != null) {
            doc.requireObject("/releases", r);
            doc.allowOnly("/releases", r, "supportMonths", "lts", "releaseDates");
            int support = doc.positive("/releases/supportMonths", r.get("supportMonths"));
            Set<String> lines = new TreeSet<>();
            int ltsMonths = support;
            JsonNode lts = r.get("lts");
            if (lts != null) {
                doc.requireObject("/releases/lts", lts);
                doc.allowOnly("/releases/lts", lts, "lines", "supportMonths");
                ltsMonths = doc.positive("/releases/lts/supportMonths", lts.get("supportMonths"));
                JsonNode array = lts.get("lines");
                if (array == null || !array.isArray()) {
                    throw doc.problem("/releases/lts" + (array == null ? "" : "/lines"), "\"lines\" must be a list of lines such as [\"4.4\"]");
                }
                for (int i = 0; i < array.size(); i++) {
                    JsonNode line = array.get(i);
                    if (!line.isTextual() || !LINE.matcher(line.asText()).matches()) {
                        throw doc.problem("/releases/lts/lines/" + i, "an LTS line is MAJOR.MINOR, e.g. \"4.4\", not " + line);
                    }
                    lines.add(line.asText());
                }
            }
            Map<String, LocalDate> dates = Map.of();
            JsonNode datesFile = r.get("releaseDates");
            if (datesFile != null) {
                if (!datesFile.isTextual() || datesFile.asText().isBlank()) {
                    throw doc.problem("/releases/releaseDates", "must be the path of a JSON file, relative to the policy file");
                }
                Path parent = file.toAbsolutePath().getParent();
                Path resolved = parent.resolve(datesFile.asText());
                if (!Files.isRegularFile(resolved)) {
                    throw doc.problem("/releases/releaseDates", "file " + resolved + " does not exist");
                }
                dates = readDates(resolved);
            }
            releases = Optional.of(new Releases(support, lines, ltsMonths, dates));
        }
        Optional<Nightly> nightly = Optional.empty();
        JsonNode n = doc.root.get("nightly");
        if (n != null) {
            doc.requireObject("/nightly", n);
            doc.allowOnly("/nightly", n, "directory", "keep", "maxAgeDays");
            JsonNode directory = n.get("directory");
            if (directory == null || !directory.isTextual()) {
                throw doc.problem(directory == null ? "/nightly" : "/nightly/directory",
                        "\"directory\" must name the directory holding one subdirectory per nightly build, e.g. \"nightly\"");
            }
            String dir = directory.asText().replaceAll("^/+|/+$", "");
            try {
                BucketLayout.checkPath(dir, "directory '" + directory.asText() + "'");
            } catch (IllegalArgumentException e) {
                throw doc.problem("/nightly/directory", e.getMessage());
            }
            int keep = doc.positive("/nightly/keep", n.get("keep"));
            int maxAge = n.has("maxAgeDays") ? doc.positive("/nightly/maxAgeDays", n.get("maxAgeDays")) : 0;
            nightly = Optional.of(new Nightly(dir, keep, maxAge));
        }
        return new RetentionPolicy(releases, nightly);
    }

    private static Map<String, LocalDate> readDates(Path file) throws BundleException {
        Document doc = Document.read(file);
        Map<String, LocalDate> dates = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String pointer = "/" + entry.getKey().replace("~", "~0").replace("/", "~1");
            if (!VERSION.matcher(entry.getKey()).matches()) {
                throw doc.problem(pointer, "\"" + entry.getKey() + "\" is not a version MAJOR.MINOR.PATCH");
            }
            try {
                dates.put(entry.getKey(), LocalDate.parse(entry.getValue().asText()));
            } catch (DateTimeParseException e) {
                throw doc.problem(pointer, "release day of " + entry.getKey() + " must be a date YYYY-MM-DD, not " + entry.getValue());
            }
        }
        return dates;
    }

    /** A parsed JSON object with the location of each value, for messages that point at the place to fix. */
    private static final class Document {
        final Path file;
        final JsonNode root;
        final Map<String, JsonLocation> locations;

        private Document(Path file, JsonNode root, Map<String, JsonLocation> locations) {
            this.file = file;
            this.root = root;
            this.locations = locations;
        }

        static Document read(Path file) throws BundleException {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new BundleException("Cannot read retention file " + file + ": " + e);
            }
            JsonNode root;
            try {
                root = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                JsonLocation at = e.getLocation();
                throw new BundleException(file + (at == null ? "" : ", line " + at.getLineNr() + ", column " + at.getColumnNr())
                        + ": not valid JSON: " + e.getOriginalMessage());
            }
            if (root == null || !root.isObject()) {
                throw new BundleException(file + ": must hold a JSON object { ... }");
            }
            Map<String, JsonLocation> locations = new HashMap<>();
            try (JsonParser parser = new JsonFactory().createParser(text)) {
                JsonToken token;
                while ((token = parser.nextToken()) != null) {
                    if (token != JsonToken.FIELD_NAME && token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY) {
                        locations.putIfAbsent(parser.getParsingContext().pathAsPointer().toString(), parser.currentTokenLocation());
                    }
                }
            } catch (IOException unexpected) {
                // Already parsed once: without locations, messages still name the path.
            }
            return new Document(file, root, locations);
        }

        BundleException problem(String pointer, String message) {
            JsonLocation at = locations.get(pointer);
            String place = at == null ? "" : ", line " + at.getLineNr() + ", column " + at.getColumnNr();
            return new BundleException(file + place + (pointer.isEmpty() ? "" : " (" + pointer + ")") + ": " + message);
        }

        void requireObject(String pointer, JsonNode node) throws BundleException {
            if (!node.isObject()) {
                throw problem(pointer, "must be an object { ... }");
            }
        }

        void allowOnly(String pointer, JsonNode node, String... names) throws BundleException {
            Set<String> allowed = Set.of(names);
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!allowed.contains(name)) {
                    throw problem(pointer + "/" + name, "unknown setting \"" + name + "\"; expected one of " + new TreeSet<>(allowed));
                }
            }
        }

        int positive(String pointer, JsonNode node) throws BundleException {
            if (node == null) {
                String parent = pointer.substring(0, pointer.lastIndexOf('/'));
                throw problem(parent, "missing \"" + pointer.substring(pointer.lastIndexOf('/') + 1) + "\"");
            }
            if (!node.isIntegralNumber() || node.asLong() < 1 || node.asLong() > 10_000) {
                throw problem(pointer, "must be a whole number from 1 to 10000, not " + node);
            }
            return node.asInt();
        }
    }
}

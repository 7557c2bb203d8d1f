package io.gravitee.release.gio.manifest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonLocation;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each value of a JSON document starts, by JSON pointer, so that problems found on the
 * tree model can still be reported with a line and column.
 */
final class JsonLocations {
    private final Map<String, JsonLocation> byPointer;

    private JsonLocations(Map<String, JsonLocation> byPointer) {
        this.byPointer = byPointer;
    }

    /** Indexes a document that is already known to parse. */
    static JsonLocations index(String json) {
        Map<String, JsonLocation> locations = new HashMap<>();
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME || token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    continue;
                }
                locations.putIfAbsent(parser.getParsingContext().pathAsPointer().toString(), parser.currentTokenLocation());
            }
        } catch (IOException unexpected) {
            // The tree parse already succeeded; without locations, places fall back to paths.
        }
        return new JsonLocations(locations);
    }

    /** {@code line L, column C} of the value at {@code pointer}, or {@code fallback} when unknown. */
    String describe(String pointer, String path) {
        JsonLocation location = byPointer.get(pointer);
        if (location == null) {
            return path;
        }
        return "line " + location.getLineNr() + ", column " + location.getColumnNr() + " (" + path + ")";
    }
}

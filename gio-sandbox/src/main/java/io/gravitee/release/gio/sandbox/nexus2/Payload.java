package io.gravitee.release.gio.sandbox.nexus2;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A response body of the Nexus 2 REST API, rendered as XStream writes it ({@code application/xml}) or as the
 * JSON representation Nexus serves for {@code Accept: application/json} (same tree, root name dropped, lists as
 * arrays).
 */
final class Payload {
    private record Field(String name, Object value) {}

    /** A list value: each item becomes an element named {@code itemName} in XML. */
    record Items(String itemName, List<?> values) {}

    private final String name;
    private final List<Field> fields = new ArrayList<>();
    private final Items rootItems;

    private Payload(String name, Items rootItems) {
        this.name = name;
        this.rootItems = rootItems;
    }

    static Payload of(String name) {
        return new Payload(name, null);
    }

    /** A payload whose root is itself a list, e.g. XStream's {@code <list>} of activities. */
    static Payload list(String name, String itemName, List<Payload> items) {
        return new Payload(name, new Items(itemName, items));
    }

    /** Adds a field; null values are left out, as XStream does. */
    Payload with(String field, Object value) {
        if (value != null) {
            fields.add(new Field(field, value));
        }
        return this;
    }

    Payload withItems(String field, String itemName, List<?> values) {
        return with(field, new Items(itemName, values));
    }

    String toXml() {
        StringBuilder out = new StringBuilder();
        if (rootItems != null) {
            out.append('<').append(name).append('>');
            appendItemsXml(out, rootItems);
            out.append("</").append(name).append('>');
        } else {
            appendXml(out, name, this);
        }
        return out.toString();
    }

    private static void appendXml(StringBuilder out, String element, Object value) {
        out.append('<').append(element).append('>');
        if (value instanceof Payload payload) {
            for (Field field : payload.fields) {
                appendXml(out, field.name(), field.value());
            }
        } else if (value instanceof Items items) {
            appendItemsXml(out, items);
        } else {
            out.append(escape(String.valueOf(value)));
        }
        out.append("</").append(element).append('>');
    }

    private static void appendItemsXml(StringBuilder out, Items items) {
        for (Object item : items.values()) {
            appendXml(out, items.itemName(), item);
        }
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    String toJson() {
        StringWriter writer = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(writer)) {
            if (rootItems != null) {
                writeJson(json, rootItems);
            } else {
                writeJson(json, this);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return writer.toString();
    }

    private static void writeJson(JsonGenerator json, Object value) throws IOException {
        if (value instanceof Payload payload) {
            json.writeStartObject();
            for (Field field : payload.fields) {
                json.writeFieldName(field.name());
                writeJson(json, field.value());
            }
            json.writeEndObject();
        } else if (value instanceof Items items) {
            json.writeStartArray();
            for (Object item : items.values()) {
                writeJson(json, item);
            }
            json.writeEndArray();
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (value instanceof Integer i) {
            json.writeNumber(i);
        } else if (value instanceof Long l) {
            json.writeNumber(l);
        } else {
            json.writeString(String.valueOf(value));
        }
    }
}

package io.gravitee.release.gio.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes a JSON tree exactly as JavaScript's {@code JSON.stringify(value, null, 4)} does, because
 * Gravitee's own tooling wrote the manifests that way and a release must reproduce them byte for
 * byte: keys in insertion order, 4-space indent, {@code "key": value}, {@code []} and {@code {}}
 * for empty containers, only the escapes JSON requires, no trailing newline.
 */
final class JsonStringify {
    private static final String INDENT = "    ";

    private JsonStringify() {}

    static String stringify(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, "", out);
        return out.toString();
    }

    private static void write(JsonNode node, String indent, StringBuilder out) {
        if (node.isObject()) {
            writeObject(node, indent, out);
        } else if (node.isArray()) {
            writeArray(node, indent, out);
        } else if (node.isTextual()) {
            quote(node.textValue(), out);
        } else if (node.isNumber()) {
            out.append(number(node));
        } else if (node.isBoolean()) {
            out.append(node.booleanValue());
        } else {
            out.append("null");
        }
    }

    private static void writeObject(JsonNode node, String indent, StringBuilder out) {
        if (node.isEmpty()) {
            out.append("{}");
            return;
        }
        String inner = indent + INDENT;
        out.append("{\n");
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            out.append(inner);
            quote(field.getKey(), out);
            out.append(": ");
            write(field.getValue(), inner, out);
            out.append(fields.hasNext() ? ",\n" : "\n");
        }
        out.append(indent).append('}');
    }

    private static void writeArray(JsonNode node, String indent, StringBuilder out) {
        if (node.isEmpty()) {
            out.append("[]");
            return;
        }
        String inner = indent + INDENT;
        out.append("[\n");
        for (int i = 0; i < node.size(); i++) {
            out.append(inner);
            write(node.get(i), inner, out);
            out.append(i + 1 < node.size() ? ",\n" : "\n");
        }
        out.append(indent).append(']');
    }

    /** JavaScript prints integral numbers without a fraction and others in their shortest form. */
    private static String number(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        BigDecimal value = node.decimalValue().stripTrailingZeros();
        if (value.signum() == 0) {
            return "0";
        }
        int exponent = value.precision() - value.scale() - 1;
        if (exponent >= 21 || exponent <= -7) {
            String digits = value.unscaledValue().abs().toString();
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return (value.signum() < 0 ? "-" : "") + mantissa + "e" + (exponent > 0 ? "+" : "") + exponent;
        }
        return value.toPlainString();
    }

    /** The escapes of ECMAScript's QuoteJSONString: short forms, \\u00xx for other controls, lone surrogates. */
    static void quote(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || isLoneSurrogate(text, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean isLoneSurrogate(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
        }
        return false;
    }
}

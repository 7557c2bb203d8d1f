package io.gravitee.release.gio.release.pom;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The element structure of an XML document with the character range of each element's content,
 * so that a value can be replaced in place without reformatting the file. POMs are edited as text
 * because a release commit should change version strings, not whitespace, comments or attribute
 * order, which a DOM round trip does not keep.
 */
final class XmlTree {

    /** An element, with where its content lies in the text (empty range for {@code <x/>}). */
    static final class Element {
        final String name;
        final Element parent;
        final List<Element> children = new ArrayList<>();
        final int start;
        int contentStart;
        int contentEnd;
        int end;

        Element(String name, Element parent, int start) {
            this.name = name;
            this.parent = parent;
            this.start = start;
        }

        Optional<Element> child(String childName) {
            return children.stream().filter(c -> c.name.equals(childName)).findFirst();
        }

        List<Element> children(String childName) {
            return children.stream().filter(c -> c.name.equals(childName)).toList();
        }

        /** The first descendant along {@code path}, e.g. {@code child("parent", "version")}. */
        Optional<Element> child(String... path) {
            Optional<Element> current = Optional.of(this);
            for (String step : path) {
                current = current.flatMap(e -> e.child(step));
            }
            return current;
        }
    }

    private final String text;
    private final Element root;

    private XmlTree(String text, Element root) {
        this.text = text;
        this.root = root;
    }

    String text() {
        return text;
    }

    Element root() {
        return root;
    }

    /** The trimmed text content of a leaf element, with the five predefined entities decoded. */
    String value(Element element) {
        return text.substring(element.contentStart, element.contentEnd).trim()
                .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&amp;", "&");
    }

    static XmlTree parse(String text) {
        Element document = new Element("#document", null, 0);
        Element current = document;
        int i = 0;
        while (i < text.length()) {
            int lt = text.indexOf('<', i);
            if (lt < 0) {
                break;
            }
            if (text.startsWith("<!--", lt)) {
                i = skipPast(text, lt, "-->");
            } else if (text.startsWith("<![CDATA[", lt)) {
                i = skipPast(text, lt, "]]>");
            } else if (text.startsWith("<?", lt)) {
                i = skipPast(text, lt, "?>");
            } else if (text.startsWith("<!", lt)) {
                i = skipPast(text, lt, ">");
            } else if (text.startsWith("</", lt)) {
                int gt = tagEnd(text, lt);
                String name = text.substring(lt + 2, gt).trim();
                if (current == document || !current.name.equals(name)) {
                    throw new IllegalArgumentException("unbalanced </" + name + "> at offset " + lt);
                }
                current.contentEnd = lt;
                current.end = gt + 1;
                current = current.parent;
                i = gt + 1;
            } else {
                int gt = tagEnd(text, lt);
                boolean selfClosing = text.charAt(gt - 1) == '/';
                String inside = text.substring(lt + 1, selfClosing ? gt - 1 : gt);
                String name = inside.split("[\\s/]", 2)[0];
                Element element = new Element(name, current, lt);
                current.children.add(element);
                element.contentStart = gt + 1;
                if (selfClosing) {
                    element.contentStart = gt;
                    element.contentEnd = gt;
                    element.end = gt + 1;
                } else {
                    current = element;
                }
                i = gt + 1;
            }
        }
        if (current != document) {
            throw new IllegalArgumentException("element <" + current.name + "> is never closed");
        }
        if (document.children.size() != 1) {
            throw new IllegalArgumentException("expected one root element, found " + document.children.size());
        }
        return new XmlTree(text, document.children.get(0));
    }

    private static int skipPast(String text, int from, String terminator) {
        int at = text.indexOf(terminator, from);
        if (at < 0) {
            throw new IllegalArgumentException("unterminated markup at offset " + from);
        }
        return at + terminator.length();
    }

    /** The {@code >} closing the tag opened at {@code lt}, ignoring any inside quoted attribute values. */
    private static int tagEnd(String text, int lt) {
        char quote = 0;
        for (int i = lt + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                return i;
            }
        }
        throw new IllegalArgumentException("unterminated tag at offset " + lt);
    }
}

package io.gravitee.release.gio.sandbox.nexus2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The {@code data} of a staging request ({@code <promoteRequest><data>...} or {@code {"data":{...}}}): single
 * values and lists of strings such as {@code stagedRepositoryIds}.
 */
final class RequestBody {
    private final Map<String, List<String>> values;

    private RequestBody(Map<String, List<String>> values) {
        this.values = values;
    }

    static RequestBody parse(byte[] body, String contentType) {
        Map<String, List<String>> values = new HashMap<>();
        if (body.length == 0) {
            return new RequestBody(values);
        }
        try {
            if (contentType != null && contentType.contains("json")) {
                JsonNode data = new ObjectMapper().readTree(body).path("data");
                data.fields().forEachRemaining(e -> {
                    List<String> list = new ArrayList<>();
                    if (e.getValue().isArray()) {
                        e.getValue().forEach(v -> list.add(v.asText()));
                    } else {
                        list.add(e.getValue().asText());
                    }
                    values.put(e.getKey(), list);
                });
            } else {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
                Element root = factory.newDocumentBuilder().parse(new ByteArrayInputStream(body)).getDocumentElement();
                Element data = firstChild(root, "data");
                for (Element field : children(data == null ? root : data)) {
                    List<Element> items = children(field);
                    List<String> list = new ArrayList<>();
                    if (items.isEmpty()) {
                        list.add(field.getTextContent().strip());
                    } else {
                        items.forEach(i -> list.add(i.getTextContent().strip()));
                    }
                    values.put(field.getTagName(), list);
                }
            }
        } catch (Exception e) {
            throw new NexusException(400, "Invalid request body: " + e.getMessage());
        }
        return new RequestBody(values);
    }

    String text(String name) {
        List<String> list = values.get(name);
        return list == null || list.isEmpty() ? null : list.get(0);
    }

    List<String> list(String name) {
        return values.getOrDefault(name, List.of());
    }

    private static Element firstChild(Element parent, String name) {
        return children(parent).stream().filter(e -> e.getTagName().equals(name)).findFirst().orElse(null);
    }

    private static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }
}

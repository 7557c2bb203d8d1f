package io.gravitee.release.gio.staging.resolve;

import io.gravitee.release.gio.staging.StagingException;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Finds every released module of a component by walking {@code <modules>} from the root POM, as the POMs
 * are at the release tag. Coordinates inherit from the parent and {@code ${...}} expressions are resolved
 * from the properties of the module and its in-reactor parents. Modules that skip deployment
 * ({@code maven.deploy.skip} set to true in their properties) are not released and left out.
 */
public final class ModuleScanner {
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}]+)}");

    private final Function<String, Optional<byte[]>> files;

    /** @param files reads a file of the component by path relative to its root (e.g. at the release tag) */
    public ModuleScanner(Function<String, Optional<byte[]>> files) {
        this.files = files;
    }

    /** Every released module, the root first, in reactor declaration order. */
    public List<ReleasedModule> scan() {
        List<ReleasedModule> modules = new ArrayList<>();
        walk("", Map.of(), null, modules, new LinkedHashSet<>());
        if (modules.isEmpty()) {
            throw new StagingException("The component releases no module: every module skips deployment");
        }
        return modules;
    }

    private void walk(String dir, Map<String, String> inherited, String[] parentGav, List<ReleasedModule> out,
            Set<String> visited) {
        String pomPath = dir.isEmpty() ? "pom.xml" : dir + "/pom.xml";
        if (!visited.add(pomPath)) {
            return;
        }
        byte[] bytes = files.apply(pomPath).orElseThrow(() -> new StagingException(
                "No " + pomPath + " at the release tag" + (dir.isEmpty() ? ": is this a Maven project?"
                        : ": it is listed in <modules> of its parent")));
        Element project = parse(bytes, pomPath);
        Map<String, String> properties = new HashMap<>(inherited);
        Element props = child(project, "properties");
        if (props != null) {
            for (Element p : children(props)) {
                properties.put(p.getTagName(), p.getTextContent().strip());
            }
        }
        Element parent = child(project, "parent");
        String groupId = text(project, "groupId");
        String version = text(project, "version");
        if (groupId.isEmpty() && parent != null) {
            groupId = text(parent, "groupId");
        }
        if (version.isEmpty() && parent != null) {
            version = text(parent, "version");
        }
        if (groupId.isEmpty() && parentGav != null) {
            groupId = parentGav[0];
        }
        if (version.isEmpty() && parentGav != null) {
            version = parentGav[1];
        }
        String artifactId = text(project, "artifactId");
        properties.put("project.groupId", groupId);
        properties.put("project.version", version);
        properties.put("project.artifactId", artifactId);
        groupId = interpolate(groupId, properties, pomPath);
        version = interpolate(version, properties, pomPath);
        properties.put("project.groupId", groupId);
        properties.put("project.version", version);
        String packaging = text(project, "packaging");
        packaging = packaging.isEmpty() ? "jar" : interpolate(packaging, properties, pomPath);
        if (artifactId.isEmpty() || groupId.isEmpty() || version.isEmpty()) {
            throw new StagingException(pomPath + " at the release tag lacks groupId, artifactId or version");
        }
        if (version.endsWith("-SNAPSHOT")) {
            throw new StagingException(pomPath + " has version " + version + " at the release tag: check out the"
                    + " release tag (not a snapshot commit) or fix -Dgio.staging.gitReleaseTag");
        }
        if (!"true".equals(properties.get("maven.deploy.skip"))) {
            out.add(new ReleasedModule(groupId, interpolate(artifactId, properties, pomPath), version, packaging, pomPath));
        }
        Element modules = child(project, "modules");
        if (modules != null) {
            for (Element module : children(modules)) {
                String name = module.getTextContent().strip();
                if (name.endsWith("pom.xml")) {
                    name = name.substring(0, name.length() - "pom.xml".length());
                }
                name = name.replaceAll("/+$", "");
                String childDir = normalize(dir.isEmpty() ? name : dir + "/" + name);
                Map<String, String> childProps = new HashMap<>(properties);
                childProps.remove("maven.deploy.skip");
                walk(childDir, childProps, new String[] {groupId, version}, out, visited);
            }
        }
    }

    private static String normalize(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.equals("..") && !parts.isEmpty()) {
                parts.remove(parts.size() - 1);
            } else if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        return String.join("/", parts);
    }

    private static String interpolate(String value, Map<String, String> properties, String pomPath) {
        for (int depth = 0; depth < 10 && value.contains("${"); depth++) {
            Matcher matcher = EXPRESSION.matcher(value);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                String resolved = properties.get(matcher.group(1));
                if (resolved == null) {
                    throw new StagingException(pomPath + ": cannot resolve ${" + matcher.group(1)
                            + "} from the POM's properties at the release tag");
                }
                matcher.appendReplacement(out, Matcher.quoteReplacement(resolved));
            }
            matcher.appendTail(out);
            value = out.toString();
        }
        return value;
    }

    /** Parses a POM safely (no DTDs, no external entities). */
    public static Element parse(byte[] bytes, String name) {
        try {
            // The JDK's own parser: newInstance() would search the plugin's whole class path for another one, once
            // for every POM of a component.
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            javax.xml.parsers.DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void fatalError(org.xml.sax.SAXParseException e) throws org.xml.sax.SAXException {
                    throw e; // reported in our message, not printed on stderr
                }
            });
            return builder.parse(new ByteArrayInputStream(bytes)).getDocumentElement();
        } catch (Exception e) {
            throw new StagingException(name + " is not a well-formed POM: " + e.getMessage(), e);
        }
    }

    /** The first child element named {@code name}, or null. */
    public static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Element e : children(parent)) {
            if (e.getTagName().equals(name) || name.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    /** The child elements. */
    public static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    /** The trimmed text of the child {@code name}, empty when absent. */
    public static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? "" : e.getTextContent().strip();
    }
}

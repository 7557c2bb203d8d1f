package io.gravitee.release.gio.sandbox.central;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The checks the Portal's validator applies to a bundle, with its wording: per component a complete POM matching its
 * path, sources and javadoc jars for jar packaging, a signature and correct {@code .md5}/{@code .sha1} for every file
 * (signatures need no checksums), a verified namespace, and a version not already published. Errors are keyed by the
 * component's purl, or by {@code common} for what belongs to no component (no {@code maven-metadata.xml} is
 * accepted: Central writes its own).
 */
final class BundleRules {
    static final String COMMON = "common";
    private static final List<String> CHECKSUMS = List.of(".md5", ".sha1", ".sha256", ".sha512");

    /** A component of the bundle: its coordinates and its files (repository paths). */
    record Component(String groupId, String artifactId, String version, List<String> files) {
        String purl() {
            return "pkg:maven/" + groupId + "/" + artifactId + "@" + version;
        }

        String key() {
            return groupId + ":" + artifactId + ":" + version;
        }

        String directory() {
            return groupId.replace('.', '/') + "/" + artifactId + "/" + version;
        }
    }

    /** What validation found: the components (in path order) and the errors, empty when the bundle may publish. */
    record Result(List<Component> components, Map<String, List<String>> errors) {
        List<String> purls() {
            return components.stream().map(Component::purl).toList();
        }
    }

    private BundleRules() {}

    /**
     * @param root      the extracted bundle
     * @param files     its files, repository paths with {@code /}
     * @param allowed   whether the user may publish a group id
     * @param published whether {@code groupId:artifactId:version} is already published
     */
    static Result validate(Path root, Set<String> files, Predicate<String> allowed, Predicate<String> published)
            throws IOException {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        Map<String, List<String>> byDirectory = new TreeMap<>();
        for (String file : files) {
            String[] segments = file.split("/");
            if (segments[segments.length - 1].startsWith("maven-metadata")) {
                add(errors, COMMON, "File '" + file + "' is not allowed: bundles must not contain maven-metadata files");
            } else if (segments.length < 4) {
                add(errors, COMMON, "File path '" + file + "' is not valid");
            } else {
                byDirectory.computeIfAbsent(file.substring(0, file.lastIndexOf('/')), d -> new ArrayList<>()).add(file);
            }
        }
        List<Component> components = new ArrayList<>();
        for (Map.Entry<String, List<String>> entry : byDirectory.entrySet()) {
            String[] parts = entry.getKey().split("/");
            String version = parts[parts.length - 1];
            String artifactId = parts[parts.length - 2];
            String groupId = String.join(".", List.of(parts).subList(0, parts.length - 2));
            Component component = new Component(groupId, artifactId, version, entry.getValue());
            components.add(component);
            for (String message : check(root, component, allowed, published)) {
                add(errors, component.purl(), message);
            }
        }
        if (components.isEmpty() && errors.isEmpty()) {
            add(errors, COMMON, "Deployment bundle contains no components");
        }
        return new Result(List.copyOf(components), errors);
    }

    private static List<String> check(Path root, Component c, Predicate<String> allowed, Predicate<String> published)
            throws IOException {
        List<String> out = new ArrayList<>();
        if (!allowed.test(c.groupId())) {
            out.add("Namespace '" + c.groupId() + "' is not allowed");
        }
        if (published.test(c.key())) {
            out.add("Component with package url: '" + c.purl() + "' already exists");
        }
        Set<String> files = Set.copyOf(c.files());
        String base = c.directory() + "/" + c.artifactId() + "-" + c.version();
        for (String file : c.files()) {
            String name = file.substring(file.lastIndexOf('/') + 1);
            if (!name.startsWith(c.artifactId() + "-" + c.version())) {
                out.add("File path '" + file + "' is not valid");
                continue;
            }
            if (isChecksum(file)) {
                continue;
            }
            if (file.endsWith(".asc")) {
                checkSignatureContent(root, file, out);
                checkChecksumsIfPresent(root, files, file, out);
                continue;
            }
            if (!files.contains(file + ".asc")) {
                out.add("Missing signature for file: " + name);
            }
            for (String algorithm : List.of("md5", "sha1")) {
                if (!files.contains(file + "." + algorithm)) {
                    out.add("Missing " + algorithm + " checksum for file: " + name);
                } else if (!declared(root, file + "." + algorithm).equals(digest(root.resolve(file), algorithm))) {
                    out.add("Invalid " + algorithm + " checksum for file: " + name);
                }
            }
        }
        if (!files.contains(base + ".pom")) {
            out.add("POM file must be provided but not found in entries");
        } else {
            checkPom(root, base + ".pom", c, files, out);
        }
        return out;
    }

    private static void checkSignatureContent(Path root, String asc, List<String> out) throws IOException {
        String text = Files.readString(root.resolve(asc), StandardCharsets.ISO_8859_1).strip();
        if (!text.startsWith("-----BEGIN PGP SIGNATURE-----") || !text.endsWith("-----END PGP SIGNATURE-----")) {
            String signed = asc.substring(asc.lastIndexOf('/') + 1, asc.length() - ".asc".length());
            out.add("Invalid signature for file: " + signed);
        }
    }

    private static void checkChecksumsIfPresent(Path root, Set<String> files, String file, List<String> out)
            throws IOException {
        for (String algorithm : List.of("md5", "sha1")) {
            if (files.contains(file + "." + algorithm)
                    && !declared(root, file + "." + algorithm).equals(digest(root.resolve(file), algorithm))) {
                out.add("Invalid " + algorithm + " checksum for file: " + file.substring(file.lastIndexOf('/') + 1));
            }
        }
    }

    private static void checkPom(Path root, String pomPath, Component c, Set<String> files, List<String> out) {
        Element project;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            project = factory.newDocumentBuilder().parse(root.resolve(pomPath).toFile()).getDocumentElement();
        } catch (Exception e) {
            out.add("Failed to parse POM file " + pomPath.substring(pomPath.lastIndexOf('/') + 1) + ": " + e.getMessage());
            return;
        }
        Element parent = child(project, "parent");
        String groupId = orParent(text(project, "groupId"), parent, "groupId");
        String version = orParent(text(project, "version"), parent, "version");
        if (!groupId.equals(c.groupId()) || !text(project, "artifactId").equals(c.artifactId())
                || !version.equals(c.version())) {
            out.add("Invalid POM coordinates '" + groupId + ":" + text(project, "artifactId") + ":" + version
                    + "': they do not match the path '" + c.directory() + "'");
        }
        if (text(project, "name").isEmpty()) {
            out.add("Project name is missing");
        }
        if (text(project, "description").isEmpty()) {
            out.add("Project description is missing");
        }
        if (text(project, "url").isEmpty()) {
            out.add("Project URL is not defined");
        }
        if (child(project, "licenses") == null || child(child(project, "licenses"), "license") == null) {
            out.add("License information is missing");
        }
        Element scm = child(project, "scm");
        if (scm == null || text(scm, "url").isEmpty()) {
            out.add("SCM URL is not defined");
        }
        if (child(project, "developers") == null || child(child(project, "developers"), "developer") == null) {
            out.add("Developers information is missing");
        }
        String packaging = text(project, "packaging");
        if (packaging.isEmpty() || packaging.equals("jar")) {
            String base = pomPath.substring(0, pomPath.length() - ".pom".length());
            if (!files.contains(base + "-sources.jar")) {
                out.add("Sources must be provided but not found in entries");
            }
            if (!files.contains(base + "-javadoc.jar")) {
                out.add("Javadocs must be provided but not found in entries");
            }
        }
    }

    private static String orParent(String value, Element parent, String name) {
        return value.isEmpty() && parent != null ? text(parent, name) : value;
    }

    static boolean isChecksum(String file) {
        return CHECKSUMS.stream().anyMatch(file::endsWith);
    }

    private static void add(Map<String, List<String>> errors, String key, String message) {
        errors.computeIfAbsent(key, k -> new ArrayList<>()).add(message);
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName() != null ? e.getLocalName() : e.getTagName())) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? "" : e.getTextContent().strip();
    }

    private static String declared(Path root, String sidecar) throws IOException {
        String text = Files.readString(root.resolve(sidecar), StandardCharsets.ISO_8859_1).strip();
        return text.isEmpty() ? "" : text.split("\\s+")[0].toLowerCase(Locale.ROOT);
    }

    static String digest(Path file, String algorithm) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance(algorithm.equals("sha1") ? "SHA-1" : "MD5");
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

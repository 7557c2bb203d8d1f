package io.gravitee.release.gio.sandbox.nexus2;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The rules Maven Central's staging applies when a repository is closed: a complete POM, sources and javadoc
 * jars for jar packaging, an {@code .asc} signature for every file, and correct {@code .sha1}/{@code .md5}
 * checksums for every file. Like Central, the POM rules read a value from the POM's parents when the POM has none
 * (every checked value but the name is inherited in Maven): a parent is looked for in the staging repository, then
 * among the released files (as Central serves gravitee-parent); one found nowhere fails the POM rule, named.
 */
final class CloseRules {
    private static final List<String> CHECKSUMS = List.of(".md5", ".sha1", ".sha256", ".sha512");

    private CloseRules() {}

    /** Every failed rule for the files under {@code root}; empty when the repository may be closed. */
    static List<RuleFailure> evaluate(Path root) throws IOException {
        return evaluate(root, root);
    }

    /** As {@link #evaluate(Path)}, parents also looked for under {@code released}. */
    static List<RuleFailure> evaluate(Path root, Path released) throws IOException {
        Set<String> files = listFiles(root);
        List<String> pom = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        List<String> javadoc = new ArrayList<>();
        List<String> signature = new ArrayList<>();
        List<String> checksum = new ArrayList<>();
        for (String file : files) {
            if (isChecksum(file) || isMetadata(file)) {
                continue;
            }
            if (!file.endsWith(".asc")) {
                checkSignature(root, files, file, signature);
            }
            checkChecksums(root, files, file, checksum);
            if (file.endsWith(".pom")) {
                checkPom(root, released, files, file, pom, sources, javadoc);
            }
        }
        if (files.isEmpty()) {
            pom.add("Repository is empty: no files were uploaded");
        }
        List<RuleFailure> failures = new ArrayList<>();
        addIfAny(failures, "pom-staging", "POM Validation", pom);
        addIfAny(failures, "sources-staging", "Sources Validation", sources);
        addIfAny(failures, "javadoc-staging", "Javadoc Validation", javadoc);
        addIfAny(failures, "signature-staging", "Signature Validation", signature);
        addIfAny(failures, "checksum-staging", "Checksum Validation", checksum);
        return failures;
    }

    static Set<String> listFiles(Path root) throws IOException {
        Set<String> files = new TreeSet<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.contains(".gio-upload-"))
                    .forEach(files::add);
        }
        return files;
    }

    static boolean isChecksum(String file) {
        return CHECKSUMS.stream().anyMatch(file::endsWith);
    }

    static boolean isMetadata(String file) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        return name.startsWith("maven-metadata.xml");
    }

    private static void addIfAny(List<RuleFailure> failures, String typeId, String name, List<String> messages) {
        if (!messages.isEmpty()) {
            failures.add(new RuleFailure(typeId, name, messages));
        }
    }

    private static void checkSignature(Path root, Set<String> files, String file, List<String> out) throws IOException {
        String asc = file + ".asc";
        if (!files.contains(asc)) {
            out.add("Missing Signature: '/" + asc + "' does not exist for '" + fileName(file) + "'.");
            return;
        }
        String text = Files.readString(root.resolve(asc), StandardCharsets.ISO_8859_1).strip();
        if (!text.startsWith("-----BEGIN PGP SIGNATURE-----")) {
            out.add("Invalid Signature: '/" + asc + "' is not a valid signature for '" + fileName(file) + "'.");
        }
    }

    private static void checkChecksums(Path root, Set<String> files, String file, List<String> out) throws IOException {
        for (String algorithm : List.of("sha1", "md5")) {
            String sidecar = file + "." + algorithm;
            if (!files.contains(sidecar)) {
                out.add("Missing: '/" + sidecar + "' does not exist for '" + fileName(file) + "'.");
                continue;
            }
            String declared = Files.readString(root.resolve(sidecar), StandardCharsets.ISO_8859_1).strip();
            declared = declared.isEmpty() ? "" : declared.split("\\s+")[0].toLowerCase(Locale.ROOT);
            if (!declared.equals(digest(root.resolve(file), algorithm))) {
                out.add("Invalid checksum: '/" + sidecar + "' does not match the content of '" + fileName(file) + "'.");
            }
        }
    }

    private static Element parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        return factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
    }

    /** The POM and its parents, nearest first; a parent found nowhere ends the chain with a note in {@code pom}. */
    private static List<Element> lineage(Element project, Path root, Path released, String file, List<String> pom) {
        List<Element> chain = new ArrayList<>(List.of(project));
        for (Element current = project; chain.size() < 20; ) {
            Element parent = child(current, "parent");
            if (parent == null) {
                break;
            }
            String path = text(parent, "groupId").replace('.', '/') + "/" + text(parent, "artifactId") + "/"
                    + text(parent, "version") + "/" + text(parent, "artifactId") + "-" + text(parent, "version") + ".pom";
            Path found = Files.isRegularFile(root.resolve(path)) ? root.resolve(path) : released.resolve(path);
            try {
                current = parse(found);
            } catch (Exception e) {
                pom.add("Invalid POM: /" + file + ": Parent '" + text(parent, "groupId") + ":" + text(parent, "artifactId")
                        + ":" + text(parent, "version") + "' could not be resolved");
                break;
            }
            chain.add(current);
        }
        return chain;
    }

    private static boolean anyHas(List<Element> chain, java.util.function.Predicate<Element> has) {
        return chain.stream().anyMatch(has);
    }

    private static void checkPom(Path root, Path released, Set<String> files, String file, List<String> pom,
            List<String> sources, List<String> javadoc) {
        Element project;
        try {
            project = parse(root.resolve(file));
        } catch (Exception e) {
            pom.add("Invalid POM: /" + file + ": Parsing Error: " + e.getMessage());
            return;
        }
        List<Element> chain = lineage(project, root, released, file, pom);
        List<String> missing = new ArrayList<>();
        if (text(project, "name").isEmpty()) {
            missing.add("Project name missing");
        }
        if (!anyHas(chain, p -> !text(p, "description").isEmpty())) {
            missing.add("Project description missing");
        }
        if (!anyHas(chain, p -> !text(p, "url").isEmpty())) {
            missing.add("Project URL missing");
        }
        if (!anyHas(chain, p -> child(p, "licenses") != null && child(child(p, "licenses"), "license") != null)) {
            missing.add("License information missing");
        }
        if (!anyHas(chain, p -> child(p, "scm") != null
                && !(text(child(p, "scm"), "url").isEmpty() && text(child(p, "scm"), "connection").isEmpty()))) {
            missing.add("SCM URL missing");
        }
        if (!anyHas(chain, p -> child(p, "developers") != null && child(child(p, "developers"), "developer") != null)) {
            missing.add("Developer information missing");
        }
        if (!missing.isEmpty()) {
            pom.add("Invalid POM: /" + file + ": " + String.join(", ", missing));
        }
        String packaging = text(project, "packaging");
        if (packaging.isEmpty() || packaging.equals("jar")) {
            String base = file.substring(0, file.length() - ".pom".length());
            String folder = file.contains("/") ? file.substring(0, file.lastIndexOf('/')) : "";
            if (!files.contains(base + "-sources.jar")) {
                sources.add("Missing: no sources jar found in folder '/" + folder + "'");
            }
            if (!files.contains(base + "-javadoc.jar")) {
                javadoc.add("Missing: no javadoc jar found in folder '/" + folder + "'");
            }
        }
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

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
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

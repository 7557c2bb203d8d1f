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
 * checksums for every file.
 */
final class CloseRules {
    private static final List<String> CHECKSUMS = List.of(".md5", ".sha1", ".sha256", ".sha512");

    private CloseRules() {}

    /** Every failed rule for the files under {@code root}; empty when the repository may be closed. */
    static List<RuleFailure> evaluate(Path root) throws IOException {
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
                checkPom(root, files, file, pom, sources, javadoc);
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

    private static void checkPom(
            Path root, Set<String> files, String file, List<String> pom, List<String> sources, List<String> javadoc) {
        Element project;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            project = factory.newDocumentBuilder().parse(root.resolve(file).toFile()).getDocumentElement();
        } catch (Exception e) {
            pom.add("Invalid POM: /" + file + ": Parsing Error: " + e.getMessage());
            return;
        }
        List<String> missing = new ArrayList<>();
        if (text(project, "name").isEmpty()) {
            missing.add("Project name missing");
        }
        if (text(project, "description").isEmpty()) {
            missing.add("Project description missing");
        }
        if (text(project, "url").isEmpty()) {
            missing.add("Project URL missing");
        }
        if (child(project, "licenses") == null || child(child(project, "licenses"), "license") == null) {
            missing.add("License information missing");
        }
        Element scm = child(project, "scm");
        if (scm == null || (text(scm, "url").isEmpty() && text(scm, "connection").isEmpty())) {
            missing.add("SCM URL missing");
        }
        if (child(project, "developers") == null || child(child(project, "developers"), "developer") == null) {
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

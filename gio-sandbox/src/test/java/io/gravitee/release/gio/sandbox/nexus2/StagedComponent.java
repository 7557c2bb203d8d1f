package io.gravitee.release.gio.sandbox.nexus2;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/** Writes a small released component as a Maven repository layout, with signatures and checksums. */
final class StagedComponent {
    static final String GROUP_PATH = "io/gravitee/it";

    private StagedComponent() {}

    /** Writes {@code artifactId-version} (pom, jar, sources, optionally javadoc) under {@code root}; returns the paths. */
    static List<String> write(Path root, String artifactId, String version, boolean withJavadoc) throws IOException {
        String dir = GROUP_PATH + "/" + artifactId + "/" + version + "/";
        String base = dir + artifactId + "-" + version;
        List<String> written = new ArrayList<>();
        written.addAll(file(root, base + ".pom", pom(artifactId, version).getBytes(StandardCharsets.UTF_8)));
        written.addAll(file(root, base + ".jar", bytes(artifactId.hashCode(), 4096)));
        written.addAll(file(root, base + "-sources.jar", bytes(artifactId.hashCode() + 1, 1024)));
        if (withJavadoc) {
            written.addAll(file(root, base + "-javadoc.jar", bytes(artifactId.hashCode() + 2, 1024)));
        }
        return written;
    }

    private static List<String> file(Path root, String path, byte[] content) throws IOException {
        List<String> out = new ArrayList<>();
        write(root, path, content, out);
        byte[] asc = ("-----BEGIN PGP SIGNATURE-----\n\n" + sha1(content) + "\n-----END PGP SIGNATURE-----\n")
                .getBytes(StandardCharsets.US_ASCII);
        write(root, path + ".asc", asc, out);
        return out;
    }

    private static void write(Path root, String path, byte[] content, List<String> out) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        Files.writeString(root.resolve(path + ".sha1"), sha1(content));
        Files.writeString(root.resolve(path + ".md5"), digest("MD5", content));
        out.add(path);
        out.add(path + ".sha1");
        out.add(path + ".md5");
    }

    static String pom(String artifactId, String version) {
        return """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>io.gravitee.it</groupId>
                  <artifactId>%s</artifactId>
                  <version>%s</version>
                  <name>%s</name>
                  <description>A component staged by the gio tests</description>
                  <url>https://gravitee.io</url>
                  <licenses><license><name>Apache-2.0</name></license></licenses>
                  <developers><developer><id>gio</id></developer></developers>
                  <scm><url>https://github.com/gravitee-io/%s</url></scm>
                </project>
                """.formatted(artifactId, version, artifactId, artifactId);
    }

    private static byte[] bytes(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String sha1(byte[] content) {
        return digest("SHA-1", content);
    }

    private static String digest(String algorithm, byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.gravitee.release.gio.sandbox.central;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Plain HTTP calls to the Publisher API, and bundles to upload, for the tests. */
final class PortalClient {
    record Answer(int status, String body) {}

    static final String GROUP = "io.gravitee.it";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final CentralEmulator central;

    PortalClient(CentralEmulator central) {
        this.central = central;
    }

    Answer upload(byte[] zip, String query) throws IOException, InterruptedException {
        return upload(zip, query, central.authorization());
    }

    Answer upload(byte[] zip, String query, String authorization) throws IOException, InterruptedException {
        String boundary = "gio-boundary-42";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"bundle\"; filename=\"bundle.zip\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(zip);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(central.url() + "/api/v1/publisher/upload" + query))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    Answer post(String pathAndQuery) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(central.url() + pathAndQuery))
                .header("Authorization", central.authorization()).POST(HttpRequest.BodyPublishers.noBody()));
    }

    Answer delete(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(central.url() + path))
                .header("Authorization", central.authorization()).DELETE());
    }

    Answer get(String pathAndQuery, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(central.url() + pathAndQuery)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    Answer status(String id) throws IOException, InterruptedException {
        return post("/api/v1/publisher/status?id=" + URLEncoder.encode(id, StandardCharsets.UTF_8));
    }

    Answer published(String artifactId, String version) throws IOException, InterruptedException {
        return get("/api/v1/publisher/published?namespace=" + GROUP + "&name=" + artifactId + "&version=" + version,
                central.authorization());
    }

    private static Answer send(HttpRequest.Builder builder) throws IOException, InterruptedException {
        HttpResponse<String> r = CLIENT.send(builder.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body());
    }

    /** The files of one signed, checksummed component; {@code javadoc} false leaves the javadoc jar out. */
    static Map<String, byte[]> component(String artifactId, String version, boolean javadoc) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        String base = GROUP.replace('.', '/') + "/" + artifactId + "/" + version + "/" + artifactId + "-" + version;
        add(files, base + ".pom", pom(artifactId, version).getBytes(StandardCharsets.UTF_8));
        add(files, base + ".jar", ("classes of " + artifactId).getBytes(StandardCharsets.UTF_8));
        add(files, base + "-sources.jar", ("sources of " + artifactId).getBytes(StandardCharsets.UTF_8));
        if (javadoc) {
            add(files, base + "-javadoc.jar", ("javadoc of " + artifactId).getBytes(StandardCharsets.UTF_8));
        }
        return files;
    }

    private static void add(Map<String, byte[]> files, String path, byte[] content) {
        files.put(path, content);
        files.put(path + ".md5", hex("MD5", content).getBytes(StandardCharsets.US_ASCII));
        files.put(path + ".sha1", hex("SHA-1", content).getBytes(StandardCharsets.US_ASCII));
        files.put(path + ".asc", ("-----BEGIN PGP SIGNATURE-----\n\n" + hex("SHA-1", content)
                + "\n-----END PGP SIGNATURE-----\n").getBytes(StandardCharsets.US_ASCII));
    }

    static String pom(String artifactId, String version) {
        return """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>%s</groupId>
                  <artifactId>%s</artifactId>
                  <version>%s</version>
                  <name>%s</name>
                  <description>A component published by the gio tests</description>
                  <url>https://gravitee.io</url>
                  <licenses><license><name>Apache-2.0</name></license></licenses>
                  <developers><developer><id>gio</id></developer></developers>
                  <scm><url>https://github.com/gravitee-io/%s</url></scm>
                </project>
                """.formatted(GROUP, artifactId, version, artifactId, artifactId);
    }

    static byte[] zip(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static String hex(String algorithm, byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.gravitee.release.gio.bundle.distribution;

import io.gravitee.release.gio.transfer.Checksums;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Small zips standing for Gravitee's four runtimes (Central does not hold the runtime distributions), shaped as the
 * real ones: one top directory named as the real zip's ({@code gravitee-gateway-standalone-X.Y.Z/}...), launchers in
 * {@code bin/}, an empty {@code plugins/} in the servers. {@code apim-3.15.0-layout.txt} was written for these entries.
 */
final class SampleRuntimes {
    private SampleRuntimes() {}

    static void deploy(Path repository, String version) throws Exception {
        zip(repository, "io.gravitee.gateway.standalone", "gravitee-gateway-standalone-distribution-zip", version,
                "gravitee-gateway-standalone-" + version, List.of("bin/gravitee", "bin/gravitee.bat", "config/gravitee.yml",
                        "lib/gravitee-gateway-standalone-bootstrap-" + version + ".jar", "plugins/"));
        zip(repository, "io.gravitee.rest.api.standalone.distribution", "gravitee-rest-api-standalone-distribution-zip", version,
                "gravitee-rest-api-standalone-" + version, List.of("bin/gravitee", "config/gravitee.yml",
                        "lib/gravitee-rest-api-standalone-bootstrap-" + version + ".jar", "plugins/"));
        zip(repository, "io.gravitee.management", "gravitee-management-webui", version, "gravitee-management-webui-" + version,
                List.of("index.html", "constants.json", "assets/logo.svg"));
        zip(repository, "io.gravitee.portal", "gravitee-portal-webui", version, "gravitee-portal-webui-" + version,
                List.of("index.html", "assets/config.json"));
    }

    private static void zip(Path repository, String groupId, String artifactId, String version, String top, List<String> entries)
            throws Exception {
        Path file = repository.resolve(groupId.replace('.', '/')).resolve(artifactId).resolve(version)
                .resolve(artifactId + "-" + version + ".zip");
        Files.createDirectories(file.getParent());
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            put(out, top + "/", null);
            for (String entry : entries) {
                put(out, top + "/" + entry, entry.endsWith("/") ? null : (entry.startsWith("bin/")
                        ? "#!/bin/sh\necho " + artifactId + "\n" : artifactId + " " + entry + "\n"));
            }
        }
        Files.writeString(file.resolveSibling(file.getFileName() + ".sha1"), Checksums.of(file).sha1());
    }

    private static void put(ZipOutputStream out, String name, String content) throws Exception {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(1_640_000_000_000L);
        out.putNextEntry(entry);
        if (content != null) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        out.closeEntry();
    }
}

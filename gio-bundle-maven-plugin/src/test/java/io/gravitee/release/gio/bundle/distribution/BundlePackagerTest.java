package io.gravitee.release.gio.bundle.distribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gravitee.release.gio.bundle.BundleException;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.manifest.Manifest;
import io.gravitee.release.gio.transfer.Checksums;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packaging from zips resolved by maven-resolver out of a file:// repository. */
class BundlePackagerTest {
    private static final RepositorySystem SYSTEM = new RepositorySystemSupplier().get();

    @TempDir
    Path work;

    private Path repository;
    private Path manifestFile;
    private int locals;

    @AfterAll
    static void shutdown() {
        SYSTEM.shutdown();
    }

    @BeforeEach
    void privateRepository() throws Exception {
        repository = work.resolve("repo");
        deploy("io.gravitee.gateway.standalone", "gravitee-gateway-standalone-distribution-zip", "3.9.0", Map.of(
                "graviteeio-gateway-3.9.0/", "",
                "graviteeio-gateway-3.9.0/bin/gravitee", "#!/bin/sh\necho gateway\n",
                "graviteeio-gateway-3.9.0/config/gravitee.yml", "http: 8082\n"));
        deploy("io.gravitee.management.standalone", "gravitee-management-api-standalone-distribution-zip", "3.9.0", Map.of(
                "graviteeio-management-api-3.9.0/bin/gravitee", "#!/bin/sh\necho rest api\n"));
        deploy("io.gravitee.management", "gravitee-management-webui", "3.9.0", Map.of("index.html", "<html>console</html>"));
        deploy("io.gravitee.portal", "gravitee-portal-webui", "3.9.0", Map.of("index.html", "<html>portal</html>"));
        deploy("io.gravitee.policy", "gravitee-policy-mock", "1.13.0", Map.of("gravitee-policy-mock-1.13.0.jar", "mock"));
        deploy("io.gravitee.resource", "gravitee-resource-cache", "1.6.1", Map.of("gravitee-resource-cache-1.6.1.jar", "cache"));
        manifestFile = Files.writeString(work.resolve("release.json"), """
                {
                    "name": "Gravitee.io",
                    "version": "3.9.0",
                    "components": [
                        {"name": "gravitee-common", "version": "1.20.2"},
                        {"name": "gravitee-gateway", "version": "3.9.0"},
                        {"name": "gravitee-management-rest-api", "version": "3.9.0"},
                        {"name": "gravitee-management-webui", "version": "3.9.0"},
                        {"name": "gravitee-portal-webui", "version": "3.9.0"},
                        {"name": "gravitee-policy-api", "version": "1.11.0"},
                        {"name": "gravitee-policy-mock", "version": "1.13.0"},
                        {"name": "gravitee-resource-cache", "version": "1.6.1"}
                    ],
                    "buildDependencies": []
                }""");
    }

    /** A resolver with an empty local repository, so that zips changed by a test are resolved again. */
    private ArtifactSource resolver() {
        DefaultRepositorySystemSession session = MavenRepositorySystemUtils.newSession();
        Path local = work.resolve("local-" + (++locals));
        session.setLocalRepositoryManager(SYSTEM.newLocalRepositoryManager(session, new LocalRepository(local.toFile())));
        return new ResolverArtifactSource(SYSTEM, session,
                List.of(new RemoteRepository.Builder("gravitee-private", "default", repository.toUri().toString()).build()));
    }

    /** Writes a zip and its .sha1 into the repository in Maven's layout. */
    private void deploy(String groupId, String artifactId, String version, Map<String, String> entries) throws Exception {
        Path dir = repository.resolve(groupId.replace('.', '/')).resolve(artifactId).resolve(version);
        Files.createDirectories(dir);
        List<String> names = new ArrayList<>(entries.keySet());
        Collections.sort(names);
        Path file = dir.resolve(artifactId + "-" + version + ".zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (String name : names) {
                ZipEntry entry = new ZipEntry(name);
                entry.setTime(1_600_000_000_000L);
                zip.putNextEntry(entry);
                zip.write(entries.get(name).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        sha1(file);
    }

    /** A POM (and its .sha1) beside the zips. */
    private void deployPom(String groupId, String artifactId, String version, String body) throws Exception {
        Path dir = repository.resolve(groupId.replace('.', '/')).resolve(artifactId).resolve(version);
        Files.createDirectories(dir);
        sha1(Files.writeString(dir.resolve(artifactId + "-" + version + ".pom"), "<project><modelVersion>4.0.0</modelVersion>"
                + "<groupId>" + groupId + "</groupId><artifactId>" + artifactId + "</artifactId><version>" + version + "</version>"
                + body + "</project>"));
    }

    private static void sha1(Path file) throws Exception {
        Files.writeString(file.resolveSibling(file.getFileName() + ".sha1"), Checksums.of(file).sha1());
    }

    private BundlePackager.Result assemble(Path output, boolean dryRun) throws Exception {
        return new BundlePackager(resolver(), DistributionMap.defaults(), Console.silent())
                .assemble(Manifest.read(manifestFile), manifestFile, output, dryRun);
    }

    private static List<String> tree(Path root) throws Exception {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void assemblesTheDownloadLayoutAndAReproducibleFullDistribution() throws Exception {
        Path output = work.resolve("gio-bundle");
        BundlePackager.Result result = assemble(output, false);

        assertEquals(List.of(
                "components/gravitee-gateway/gravitee-gateway-3.9.0.zip",
                "components/gravitee-management-rest-api/gravitee-management-rest-api-3.9.0.zip",
                "components/gravitee-management-webui/gravitee-management-webui-3.9.0.zip",
                "components/gravitee-portal-webui/gravitee-portal-webui-3.9.0.zip",
                "distributions/graviteeio-full-3.9.0.zip",
                "plugins/policies/gravitee-policy-mock/gravitee-policy-mock-1.13.0.zip",
                "plugins/resources/gravitee-resource-cache/gravitee-resource-cache-1.6.1.zip"), tree(output));
        assertEquals(List.of("gravitee-common", "gravitee-policy-api"), result.libraries());

        Path full = output.resolve("distributions/graviteeio-full-3.9.0.zip");
        try (ZipFile zip = new ZipFile(full.toFile())) {
            List<String> names = zip.stream().map(ZipEntry::getName).filter(n -> !n.endsWith("/")).sorted().toList();
            String root = "graviteeio-full-3.9.0/";
            assertEquals(List.of(
                    root + "graviteeio-gateway-3.9.0/bin/gravitee",
                    root + "graviteeio-gateway-3.9.0/config/gravitee.yml",
                    root + "graviteeio-gateway-3.9.0/plugins/gravitee-policy-mock-1.13.0.zip",
                    root + "graviteeio-gateway-3.9.0/plugins/gravitee-resource-cache-1.6.1.zip",
                    root + "graviteeio-management-ui-3.9.0/index.html",
                    root + "graviteeio-portal-ui-3.9.0/index.html",
                    root + "graviteeio-rest-api-3.9.0/bin/gravitee",
                    root + "graviteeio-rest-api-3.9.0/plugins/gravitee-policy-mock-1.13.0.zip",
                    root + "graviteeio-rest-api-3.9.0/plugins/gravitee-resource-cache-1.6.1.zip",
                    "release.json"), names);
            assertArrayEquals(Files.readAllBytes(manifestFile), zip.getInputStream(zip.getEntry("release.json")).readAllBytes());
            assertEquals("#!/bin/sh\necho gateway\n", new String(zip.getInputStream(
                    zip.getEntry(root + "graviteeio-gateway-3.9.0/bin/gravitee")).readAllBytes(), StandardCharsets.UTF_8));
        }
        // unzip(1) agrees that the archive is sound
        Process test = new ProcessBuilder("unzip", "-tq", full.toString()).redirectErrorStream(true).start();
        String said = new String(test.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, test.waitFor(), said);

        byte[] first = Files.readAllBytes(full);
        Thread.sleep(1100);
        assemble(output, false);
        assertArrayEquals(first, Files.readAllBytes(full), "the same release packages to the same bytes");
    }

    @Test
    void dryRunResolvesAndChecksButWritesNothing() throws Exception {
        Path output = work.resolve("gio-bundle");
        BundlePackager.Result result = assemble(output, true);
        assertEquals(7, result.files().size());
        assertFalse(Files.exists(output));
    }

    @Test
    void aZipEntryEscapingItsDirectoryFailsBeforeAnythingIsWritten() throws Exception {
        deploy("io.gravitee.resource", "gravitee-resource-cache", "1.6.1", Map.of(
                "gravitee-resource-cache-1.6.1.jar", "cache", "lib/../../../../home/user/.bashrc", "evil"));
        Path output = work.resolve("gio-bundle");
        BundleException e = assertThrows(BundleException.class, () -> assemble(output, false));
        assertTrue(e.getMessage().startsWith("Unsafe entry in the zip of gravitee-resource-cache ("), e.getMessage());
        assertTrue(e.getMessage().contains("'lib/../../../../home/user/.bashrc' has a '..' segment and would be unpacked"
                + " outside its directory (zip slip). Nothing was written"), e.getMessage());
        assertEquals(List.of(), tree(output));

        deploy("io.gravitee.resource", "gravitee-resource-cache", "1.6.1", Map.of("gravitee-resource-cache-1.6.1.jar", "cache"));
        for (String bad : List.of("/etc/passwd", "C:/Windows/evil.dll", "bin\\..\\..\\evil")) {
            deploy("io.gravitee.portal", "gravitee-portal-webui", "3.9.0", Map.of(bad, "x"));
            BundleException again = assertThrows(BundleException.class, () -> assemble(output, false));
            assertTrue(again.getMessage().contains("'" + bad + "'"), again.getMessage());
        }
    }

    @Test
    void aMissingZipNamesItsCoordinatesAndTheRepository() throws Exception {
        Files.walk(repository.resolve("io/gravitee/policy")).sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
        BundleException e = assertThrows(BundleException.class, () -> assemble(work.resolve("out"), false));
        assertTrue(e.getMessage().startsWith("Cannot resolve io.gravitee.policy:gravitee-policy-mock:zip:1.13.0 from gravitee-private ("
                + repository.toUri()), e.getMessage());
    }

    @Test
    void aBrokenDistributionMapNamesTheFileAndThePlace() throws Exception {
        Path map = Files.writeString(work.resolve("map.json"), "{\n  \"product\": \"graviteeio-full\",\n  \"runtime\": []\n}");
        BundleException e = assertThrows(BundleException.class, () -> DistributionMap.read(map));
        assertTrue(e.getMessage().startsWith(map + ", line "), e.getMessage());
        assertTrue(e.getMessage().contains(": unknown field \"runtime\" in the map; expected one of ["), e.getMessage());

        Path escaping = Files.writeString(work.resolve("map2.json"), """
                {"product": "graviteeio-full", "runtimes": [], "plugins": [{"prefix": "x-", "type": "../up", "groupId": "g"}]}""");
        BundleException e2 = assertThrows(BundleException.class, () -> DistributionMap.read(escaping));
        assertTrue(e2.getMessage().startsWith(escaping + ": \"../up\" contains a '..' segment"), e2.getMessage());
    }

    @Test
    void aZipWhoseChecksumDoesNotMatchFailsBeforeAnythingIsWritten() throws Exception {
        Path zip = repository.resolve("io/gravitee/policy/gravitee-policy-mock/1.13.0/gravitee-policy-mock-1.13.0.zip");
        Files.writeString(zip.resolveSibling(zip.getFileName() + ".sha1"), "0".repeat(40));
        Path output = work.resolve("gio-bundle");
        BundleException e = assertThrows(BundleException.class, () -> assemble(output, false));
        assertTrue(e.getMessage().startsWith("Cannot resolve io.gravitee.policy:gravitee-policy-mock:zip:1.13.0"), e.getMessage());
        assertTrue(e.getMessage().toLowerCase().contains("checksum"), e.getMessage());
        assertEquals(List.of(), tree(output));

        Files.delete(zip.resolveSibling(zip.getFileName() + ".sha1"));
        BundleException none = assertThrows(BundleException.class, () -> assemble(output, false));
        assertTrue(none.getMessage().toLowerCase().contains("checksum"), "a zip served without checksums is refused: " + none.getMessage());
    }

    @Test
    void thePluginPomSaysWhereThePluginIsPublishedEvenWhenItsParentDeclaresIt() throws Exception {
        // The property is inherited: Maven's model builder reads the parent from the same repository.
        deployPom("io.gravitee", "gravitee-plugins-parent", "3", "<packaging>pom</packaging><properties>"
                + "<publish-folder-path>graviteeio-apim/plugins/caches</publish-folder-path></properties>");
        deployPom("io.gravitee.resource", "gravitee-resource-cache", "1.6.1",
                "<parent><groupId>io.gravitee</groupId><artifactId>gravitee-plugins-parent</artifactId><version>3</version></parent>");
        // Another site's folder cannot be honoured from this tree: the map's type decides, with a warning.
        deployPom("io.gravitee.policy", "gravitee-policy-mock", "1.13.0",
                "<properties><publish-folder-path>graviteeio-am/plugins/policies</publish-folder-path></properties>");
        DistributionMap defaults = DistributionMap.defaults();
        DistributionMap map = new DistributionMap(defaults.product(), "graviteeio-apim", defaults.runtimes(), defaults.plugins(),
                defaults.exclude(), List.of(), List.of(), List.of(), false);
        Path output = work.resolve("gio-bundle");
        new BundlePackager(resolver(), map, Console.silent()).assemble(Manifest.read(manifestFile), manifestFile, output, false);
        assertTrue(Files.exists(output.resolve("plugins/caches/gravitee-resource-cache/gravitee-resource-cache-1.6.1.zip")), tree(output).toString());
        assertTrue(Files.exists(output.resolve("plugins/policies/gravitee-policy-mock/gravitee-policy-mock-1.13.0.zip")));

        // A parent that no repository has stops the packaging: the folder cannot be known.
        deployPom("io.gravitee.resource", "gravitee-resource-cache", "1.6.1",
                "<parent><groupId>io.gravitee</groupId><artifactId>gravitee-gone</artifactId><version>1</version></parent>");
        Path other = work.resolve("other");
        BundleException e = assertThrows(BundleException.class, () -> new BundlePackager(resolver(), map, Console.silent())
                .assemble(Manifest.read(manifestFile), manifestFile, other, false));
        assertTrue(e.getMessage().startsWith("Cannot read where gravitee-resource-cache 1.6.1 is published"), e.getMessage());
        assertEquals(List.of(), tree(other));
    }
}

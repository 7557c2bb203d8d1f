package io.gravitee.release.gio.bundle.distribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gravitee.release.gio.bundle.BucketLayout;
import io.gravitee.release.gio.bundle.Channel;
import io.gravitee.release.gio.bundle.distribution.ArtifactSource.Coordinates;
import io.gravitee.release.gio.bundle.s3.S3Store;
import io.gravitee.release.gio.bundle.s3.TestS3;
import io.gravitee.release.gio.bundle.sync.Uploader;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.manifest.Manifest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gravitee APIM 3.15.0 as Gravitee released it ({@code shared/fixtures/gravitee/history/release-3.15.0.json}), packaged
 * with {@code quickstart/distribution-map-apim3.json} from its real plugin zips and POMs (Maven Central holds all 59 of
 * this release: checked with curl, unlike 3.10.x-3.11.x whose older plugins were never published there) and small
 * sample zips standing for the four runtimes, all served by a {@code file:} repository with their checksums. The
 * layout must be, file for file, what Gravitee's script produced for the same inputs ({@code apim-3.15.0-layout.txt}
 * says which version of the script and how it was written down). Then the tree is uploaded to S3Proxy, a copy of the
 * bucket passes {@code sha1sum -c}, {@code md5sum -c} and {@code sha512sum -c}, and headless Chromium renders its
 * index pages (screenshots kept in {@code target/apim3-bundle/}).
 */
class Apim3RealReleaseTest {
    private static final String V = "3.15.0";
    private static final RepositorySystem SYSTEM = new RepositorySystemSupplier().get();
    private static final Path KEPT = Path.of("target/apim3-bundle").toAbsolutePath();

    @RegisterExtension
    static final S3ProxyExtension S3 = TestS3.server();

    @TempDir
    Path work;

    @AfterAll
    static void shutdown() {
        SYSTEM.shutdown();
    }

    @Test
    void aRealReleasePackagesAsGraviteesScriptDidAndIsServedWithCheckingChecksums() throws Exception {
        Path manifestFile = Files.copy(up("shared/fixtures/gravitee/history/release-" + V + ".json"), work.resolve("release.json"));
        Manifest manifest = Manifest.read(manifestFile);
        DistributionMap map = DistributionMap.read(up("quickstart/distribution-map-apim3.json"));
        Path repository = work.resolve("repo");
        List<Coordinates> real = new ArrayList<>();
        for (ReleaseContents.PluginArtifact plugin : ReleaseContents.of(manifest, map).plugins()) {
            real.add(plugin.zip());
            real.add(plugin.pom());
        }
        new CentralCache(SYSTEM, Path.of("target/central-cache").toAbsolutePath()).copy(real, repository);
        SampleRuntimes.deploy(repository, V);

        Path output = work.resolve("gio-bundle");
        BundlePackager.Result result = new BundlePackager(resolver(repository), map, Console.silent())
                .assemble(manifest, manifestFile, output, false);

        Map<String, List<String>> expected = layout();
        assertEquals(expected.get("tree"), tree(output));
        for (Map.Entry<String, List<String>> zip : expected.entrySet()) {
            if (!zip.getKey().equals("tree")) {
                assertZipHolds(output.resolve(zip.getKey()), zip.getValue());
            }
        }
        assertTrue(result.libraries().containsAll(List.of("gravitee-policy-api", "gravitee-resource-oauth2-provider-keycloak",
                "gravitee-reporter-kafka", "gravitee-service-discovery-eureka")), "not packaged by the script: " + result.libraries());
        specialCases(output.resolve("distributions/graviteeio-full-" + V + ".zip"), repository);
        modes(output.resolve("distributions/graviteeio-full-" + V + ".zip"));

        Path bucket = uploadAndMirror(output);
        checksums(bucket.resolve("graviteeio-apim"));
        screenshots(bucket);
    }

    /** The cases the map has fields for, spelled out (the layout file has them among 380 lines). */
    private static void specialCases(Path full, Path repository) throws Exception {
        String gateway = "graviteeio-full-" + V + "/graviteeio-gateway-" + V + "/plugins/";
        String restApi = "graviteeio-full-" + V + "/graviteeio-rest-api-" + V + "/plugins/";
        try (ZipFile zip = new ZipFile(full.toFile())) {
            for (String plugin : List.of("gravitee-policy-ratelimit", "gravitee-policy-quota", "gravitee-policy-spikearrest")) {
                assertTrue(zip.getEntry(gateway + plugin + "-1.15.0.zip") != null && zip.getEntry(restApi + plugin + "-1.15.0.zip") != null, plugin);
            }
            // gravitee-policy-ratelimit's rate-limit service runs in the gateway only
            assertTrue(zip.getEntry(gateway + "gravitee-gateway-services-ratelimit-1.15.0.zip") != null);
            assertEquals(null, zip.getEntry(restApi + "gravitee-gateway-services-ratelimit-1.15.0.zip"));
            // gravitee-elasticsearch ships a reporter (gateway) and a repository (rest API: the gateway excludes it)
            assertTrue(zip.getEntry(gateway + "gravitee-reporter-elasticsearch-3.11.0.zip") != null);
            assertEquals(null, zip.getEntry(gateway + "gravitee-repository-elasticsearch-3.11.0.zip"));
            assertTrue(zip.getEntry(restApi + "gravitee-repository-elasticsearch-3.11.0.zip") != null);
            assertEquals(null, zip.getEntry(restApi + "gravitee-reporter-elasticsearch-3.11.0.zip"));
            // fetchers go to the rest API only
            assertEquals(null, zip.getEntry(gateway + "gravitee-fetcher-git-1.7.0.zip"));
            // a plugin inside the distribution is Central's file, byte for byte
            try (InputStream in = zip.getInputStream(zip.getEntry(gateway + "gravitee-policy-apikey-2.4.0.zip"))) {
                assertArrayEquals(Files.readAllBytes(repository.resolve(
                        "io/gravitee/policy/gravitee-policy-apikey/2.4.0/gravitee-policy-apikey-2.4.0.zip")), in.readAllBytes());
            }
        }
    }

    /** {@code unzip} gives the launchers their execute bit, and nothing else. */
    private void modes(Path full) throws Exception {
        Path unpacked = work.resolve("unpacked");
        run(work, "unzip", "-q", full.toString(), "-d", unpacked.toString());
        Path gateway = unpacked.resolve("graviteeio-full-" + V + "/graviteeio-gateway-" + V);
        for (String launcher : List.of("bin/gravitee", "bin/gravitee.bat")) {
            assertTrue(Files.getPosixFilePermissions(gateway.resolve(launcher)).contains(PosixFilePermission.OTHERS_EXECUTE), launcher);
        }
        assertTrue(Files.getPosixFilePermissions(unpacked.resolve("graviteeio-full-" + V + "/graviteeio-rest-api-" + V + "/bin/gravitee"))
                .contains(PosixFilePermission.OWNER_EXECUTE));
        assertFalse(Files.getPosixFilePermissions(gateway.resolve("config/gravitee.yml")).contains(PosixFilePermission.OWNER_EXECUTE));
        assertTrue(Files.isDirectory(gateway.resolve("plugins/ext/repository-jdbc")));
    }

    /** {@code gio-bundle:upload}'s uploader into S3Proxy, then every object of the bucket copied to a local directory. */
    private Path uploadAndMirror(Path output) throws Exception {
        TestS3.makeBucket(S3, "downloads");
        Path bucket = work.resolve("bucket");
        try (S3Store store = TestS3.connect(S3, "downloads")) {
            Uploader.of(store, Console.silent()).upload(new Uploader.Options(output, new BucketLayout("graviteeio-apim"),
                    Channel.RELEASE, false, 4, Uploader.Options.DEFAULT_PART_SIZE, work.resolve("digests.properties")));
            for (S3Store.RemoteObject object : store.list("")) {
                Path file = bucket.resolve(object.key());
                Files.createDirectories(file.getParent());
                try (InputStream in = store.get(object.key())) {
                    Files.copy(in, file);
                }
            }
        }
        return bucket;
    }

    /** Each zip has its three checksum files, and coreutils checks them where they are downloaded. */
    private static void checksums(Path site) throws Exception {
        int zips = 0;
        try (Stream<Path> walk = Files.walk(site)) {
            for (Path zip : walk.filter(p -> p.toString().endsWith(".zip")).toList()) {
                zips++;
                String name = zip.getFileName().toString();
                for (String[] tool : new String[][] {{"sha1sum", ".sha1"}, {"md5sum", ".md5"}, {"sha512sum", ".sha512sum"}}) {
                    String said = run(zip.getParent(), tool[0], "-c", "--strict", name + tool[1]);
                    assertEquals(name + ": OK", said.strip(), tool[0] + " in " + zip.getParent());
                }
            }
        }
        assertEquals(69, zips, "4 components, 6 distributions, 59 plugins");
    }

    /** The index pages as a browser shows them, from a plain HTTP server over the bucket's copy. */
    private static void screenshots(Path bucket) throws Exception {
        if (run(bucket, "sh", "-c", "command -v chromium || true").isBlank()) {
            throw new AssertionError("chromium is needed to render the index pages: apt-get install -y chromium");
        }
        Files.createDirectories(KEPT);
        try (StaticServer server = StaticServer.start(bucket)) {
            for (String page : List.of("distributions", "plugins/policies")) {
                String url = server.url() + "graviteeio-apim/" + page + "/index.html";
                Path png = KEPT.resolve("index-" + page.replace('/', '-') + ".png");
                Files.deleteIfExists(png);
                Path profile = Files.createTempDirectory(bucket.getParent(), "chromium");
                String dom = run(bucket, "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--user-data-dir=" + profile, "--dump-dom", url);
                assertTrue(dom.contains(page.equals("distributions") ? "graviteeio-full-" + V + ".zip" : "gravitee-policy-apikey"), dom);
                run(bucket, "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                        "--user-data-dir=" + profile, "--window-size=1200,900", "--screenshot=" + png, url);
                assertTrue(Files.size(png) > 1000, png + " written");
            }
        }
    }

    private static Map<String, List<String>> layout() throws Exception {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        List<String> current = null;
        try (InputStream in = Apim3RealReleaseTest.class.getResourceAsStream("apim-3.15.0-layout.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("# ") && line.indexOf(' ', 2) < 0) { // a section: "# tree", "# distributions/..."
                    current = new ArrayList<>();
                    sections.put(line.substring(2), current);
                } else if (current != null && !line.isBlank()) {
                    current.add(line);
                }
            }
        }
        return sections;
    }

    /** Its files exactly; the directory entries the script writes (directories without files) among its own. */
    private static void assertZipHolds(Path zip, List<String> expected) throws Exception {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            List<String> names = file.stream().map(ZipEntry::getName).toList();
            assertEquals(expected.stream().filter(n -> !n.endsWith("/")).sorted().toList(),
                    names.stream().filter(n -> !n.endsWith("/")).sorted().toList(), zip.getFileName().toString());
            List<String> directories = expected.stream().filter(n -> n.endsWith("/")).toList();
            assertTrue(names.containsAll(directories), zip.getFileName() + " has " + directories);
        }
    }

    private ArtifactSource resolver(Path repository) {
        DefaultRepositorySystemSession session = MavenRepositorySystemUtils.newSession();
        session.setLocalRepositoryManager(SYSTEM.newLocalRepositoryManager(session, new LocalRepository(work.resolve("local").toFile())));
        return new ResolverArtifactSource(SYSTEM, session,
                List.of(new RemoteRepository.Builder("gravitee-private", "default", repository.toUri().toString()).build()));
    }

    /** {@code relative} in the working directory or the nearest directory above it that has it (CI lays shared/ beside its clone). */
    static Path up(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new IllegalStateException("No " + relative + " in " + Path.of("").toAbsolutePath() + " or above it");
    }

    private static List<String> tree(Path root) throws Exception {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    static String run(Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + said);
        return said;
    }
}

package io.gravitee.release.gio.staging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gravitee.release.gio.credentials.Credentials;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.sandbox.maven.Nexus3Peer;
import io.gravitee.release.gio.staging.resolve.ArtifactResolver;
import io.gravitee.release.gio.staging.resolve.AttachedFileDiscovery;
import io.gravitee.release.gio.staging.resolve.HttpArtifactFetcher;
import io.gravitee.release.gio.staging.resolve.ReleaseTag;
import io.gravitee.release.gio.staging.resolve.ResolvedComponent;
import io.gravitee.release.gio.staging.resolve.ResolvedFile;
import io.gravitee.release.gio.staging.resolve.SourceRepository;
import io.gravitee.release.gio.transfer.Checksums;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attached files are discovered through the search API of a REAL Nexus Repository OSS 3: a module released there with
 * an extra classifier (a distribution zip no POM mentions) is resolved completely.
 */
class Nexus3DiscoveryTest {
    @TempDir
    Path dir;

    @Test
    void findsEveryClassifierOfAModuleDeployedToNexus3ThroughItsSearchApi() throws Exception {
        Nexus3Peer nexus = Nexus3Peer.shared();
        String group = "io.gravitee.d" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        TestComponent component = TestComponent.create(dir, 2048, group);
        try (Stream<Path> files = Files.walk(component.repository)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".sha1")
                    && !f.toString().endsWith(".md5")).toList()) {
                String path = component.repository.relativize(file).toString().replace('\\', '/');
                assertEquals(201, RepositoryStagingTest.put(nexus.url() + path, Files.readAllBytes(file)), path);
            }
        }
        Console console = Console.silent();
        SourceRepository source = SourceRepository.parse("nexus3::" + nexus.url());
        HttpArtifactFetcher fetcher = new HttpArtifactFetcher(source, new Credentials("gio-maven",
                nexus.credentials().username(), nexus.credentials().password()), console);
        AttachedFileDiscovery discovery = new AttachedFileDiscovery(source, fetcher, List.of());

        // The search index may trail the uploads by a moment: wait (bounded) until the zip shows.
        ResolvedComponent resolved = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        for (int attempt = 0; resolved == null || resolved.files().size() < 7; attempt++) {
            assertTrue(System.nanoTime() < deadline, "the search API never listed the distribution zip");
            if (attempt > 0) {
                Thread.sleep(250);
            }
            resolved = new ArtifactResolver(fetcher, discovery, console, 4).resolveAtTag(component.checkout,
                    ReleaseTag.LAST_TAG, dir.resolve("files-" + attempt));
        }
        assertEquals(AttachedFileDiscovery.Method.NEXUS3_SEARCH, resolved.discovery().get(group + ":demo-distribution:1.0.0"));
        assertEquals(AttachedFileDiscovery.Method.NEXUS3_SEARCH, resolved.discovery().get(group + ":demo-core:1.0.0"));
        List<String> paths = resolved.files().stream().map(ResolvedFile::path).sorted().toList();
        assertEquals(component.releasedPaths.stream().sorted().toList(), paths);
        for (ResolvedFile file : resolved.files()) {
            assertEquals(Checksums.of(component.repository.resolve(file.path())), Checksums.of(file.file()), file.path());
            assertTrue(file.signature() != null, "signature of " + file.path());
        }
    }
}

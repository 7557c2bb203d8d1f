package io.gravitee.release.gio.staging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.sandbox.nexus2.Nexus2Config;
import io.gravitee.release.gio.sandbox.nexus2.Nexus2Emulator;
import io.gravitee.release.gio.staging.resolve.ArtifactFile;
import io.gravitee.release.gio.staging.resolve.ArtifactResolver;
import io.gravitee.release.gio.staging.resolve.AttachedFileDiscovery;
import io.gravitee.release.gio.staging.resolve.HttpArtifactFetcher;
import io.gravitee.release.gio.staging.resolve.ReleaseTag;
import io.gravitee.release.gio.staging.resolve.ResolvedComponent;
import io.gravitee.release.gio.staging.resolve.SourceRepository;
import io.gravitee.release.gio.staging.validate.Validator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resolution from an HTTP repository that cannot list (expected files and configured classifiers) and tag handling. */
class ResolveTest {
    @TempDir
    Path dir;
    final Console console = Console.silent();

    @Test
    void resolvesOverHttpWithExpectedFilesAndConfiguredClassifiers() throws Exception {
        TestComponent component = TestComponent.create(dir);
        try (Nexus2Emulator source = new Nexus2Emulator(Nexus2Config.defaults()).start(0)) {
            HttpClient http = HttpClient.newHttpClient();
            String auth = "Basic " + Base64.getEncoder().encodeToString((source.username() + ":" + source.password()).getBytes());
            try (Stream<Path> files = Files.walk(component.repository)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String path = component.repository.relativize(file).toString().replace('\\', '/');
                    HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(source.releasesUrl() + path))
                            .header("Authorization", auth).PUT(HttpRequest.BodyPublishers.ofFile(file)).build(),
                            HttpResponse.BodyHandlers.discarding());
                    assertEquals(201, r.statusCode(), path);
                }
            }
            SourceRepository repo = SourceRepository.parse("private::" + source.releasesUrl());
            HttpArtifactFetcher fetcher = new HttpArtifactFetcher(repo, null, console);

            ResolvedComponent plain = new ArtifactResolver(fetcher, new AttachedFileDiscovery(repo, fetcher, List.of()),
                    console, 4).resolveAtTag(component.checkout, ReleaseTag.LAST_TAG, dir.resolve("a"));
            assertEquals(AttachedFileDiscovery.Method.EXPECTED, plain.discovery().get("io.gravitee.demo:demo-core:1.0.0"));
            assertEquals(6, plain.files().size(), "no listing: the distribution zip is unknown");

            // Without a listing, a configured classifier is expected on every module: those lacking it are all named.
            StagingException e = assertThrows(StagingException.class, () -> new ArtifactResolver(fetcher,
                    new AttachedFileDiscovery(repo, fetcher, ArtifactFile.Extra.parseList("distribution:zip")), console, 4)
                    .resolveAtTag(component.checkout, "1.0.0", dir.resolve("b")));
            assertTrue(e.getMessage().contains("lacks 2 released file(s)") && e.getMessage().contains("demo-1.0.0-distribution.zip")
                    && e.getMessage().contains("demo-core-1.0.0-distribution.zip"), e.getMessage());
        }
    }

    @Test
    void readsTheModulesAtTheTagNotTheWorkTree() throws Exception {
        TestComponent component = TestComponent.create(dir);
        ResolvedComponent resolved = component.resolve(dir.resolve("files"));
        assertEquals("1.0.0", resolved.tag());
        assertEquals(List.of("demo", "demo-core", "demo-distribution"),
                resolved.modules().stream().map(m -> m.artifactId()).toList());
        assertEquals("1.0.0", resolved.root().version(), "the work tree is at 1.0.1-SNAPSHOT");
    }

    @Test
    void anUnknownTagIsAClearError() throws Exception {
        TestComponent component = TestComponent.create(dir);
        StagingException e = assertThrows(StagingException.class, () -> ReleaseTag.open(component.checkout, "9.9.9"));
        assertTrue(e.getMessage().contains("No tag '9.9.9'") && e.getMessage().contains("gio.staging.gitReleaseTag"),
                e.getMessage());
    }

    @Test
    void aMalformedSourceRepositoryIsAClearError() {
        StagingException e = assertThrows(StagingException.class, () -> SourceRepository.parse("https://repo.example.com"));
        assertTrue(e.getMessage().contains("id::url"), e.getMessage());
    }
}

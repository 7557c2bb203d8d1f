package io.gravitee.release.gio.manifest;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The name rule must not refuse a manifest Gravitee really released: every file of its release
 * history (shared/fixtures/gravitee, read in place as gio-sandbox's tests do) still validates.
 */
class GraviteeNamesTest {
    private static final Path GRAVITEE = shared();

    /** shared/ beside the checkout or above it (CI lays it beside its clone); else where the workplace keeps it. */
    private static Path shared() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (java.nio.file.Files.isDirectory(dir.resolve("shared/fixtures/gravitee/history"))) {
                return dir.resolve("shared/fixtures/gravitee");
            }
        }
        return Path.of("/work/shared/fixtures/gravitee");
    }

    static Stream<Path> realManifests() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> top = Files.list(GRAVITEE); Stream<Path> history = Files.list(GRAVITEE.resolve("history"))) {
            Stream.concat(top, history).filter(p -> p.getFileName().toString().matches("release-.*\\.json"))
                    .sorted().forEach(files::add);
        }
        return files.stream();
    }

    @Test
    void theCorpusIsThere() throws IOException {
        // Without it the parameterised test below would pass on nothing.
        assertEquals(3 + 118, realManifests().count());
    }

    @ParameterizedTest
    @MethodSource("realManifests")
    void everyRealManifestValidatesAndEveryNameInItIsARepositoryName(Path file) {
        Manifest manifest = assertDoesNotThrow(() -> Manifest.read(file));

        for (Component component : manifest.components()) {
            assertEquals(Optional.empty(), ComponentName.problem(component.name()), file + ": " + component.name());
        }
        for (Wave wave : manifest.waves()) {
            wave.components().forEach(n -> assertEquals(Optional.empty(), ComponentName.problem(n), file + ": " + n));
        }
        assertTrue(manifest.components().size() > 10, file + " lists its components");
    }
}

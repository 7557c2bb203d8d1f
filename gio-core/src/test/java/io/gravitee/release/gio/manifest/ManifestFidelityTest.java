package io.gravitee.release.gio.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ManifestFidelityTest {

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.START_3_8_7, Fixtures.RELEASED_3_8_7, Fixtures.MASTER})
    void everyRealManifestReserialisesByteForByte(String fixture) throws Exception {
        String original = Fixtures.text(fixture);
        String expected = original.endsWith("\n") ? original.substring(0, original.length() - 1) : original;

        assertEquals(expected, Fixtures.manifest(fixture).toJson());
    }

    @Test
    void releasingEveryPendingComponentThenTheProductYieldsGraviteesOwnFile() throws Exception {
        Manifest manifest = Fixtures.manifest(Fixtures.START_3_8_7);
        Version product = manifest.version().release();

        assertEquals(10, manifest.pending().size());
        for (Component component : manifest.plan().components()) {
            manifest = manifest.withComponentReleased(component.name(), product);
        }
        manifest = manifest.withProductReleased();

        assertEquals(Fixtures.text(Fixtures.RELEASED_3_8_7), manifest.toJson());
        assertEquals(0, manifest.pending().size());
    }

    @Test
    void releasingAComponentTwiceIsANoOpSoAReplayedLedgerChangeIsHarmless() throws Exception {
        Manifest once = Fixtures.manifest(Fixtures.START_3_8_7)
                .withComponentReleased("gravitee-common", Version.parse("3.8.7"));

        assertSame(once, once.withComponentReleased("gravitee-common", Version.parse("3.8.7")));
        assertThrows(IllegalStateException.class,
                () -> once.withComponentReleased("gravitee-common", Version.parse("3.8.8")));
    }

    @Test
    void sinceIsInsertedRightAfterVersionWhenTheEntryHadNone() throws Exception {
        Manifest manifest = Manifest.parse("""
                {"name": "P", "version": "1.0.0-SNAPSHOT", "components": [
                  {"name": "a", "version": "2.0.1-SNAPSHOT", "note": "kept"}],
                 "buildDependencies": [["a"]]}""", "inline");

        String json = manifest.withComponentReleased("a", Version.parse("1.0.0")).toJson();

        assertEquals("""
                {
                    "name": "P",
                    "version": "1.0.0-SNAPSHOT",
                    "components": [
                        {
                            "name": "a",
                            "version": "2.0.1",
                            "since": "1.0.0",
                            "note": "kept"
                        }
                    ],
                    "buildDependencies": [
                        [
                            "a"
                        ]
                    ]
                }""", json);
    }

    @Test
    void theProductCannotBeReleasedWhileAComponentIsPending() throws Exception {
        Manifest manifest = Fixtures.manifest(Fixtures.START_3_8_7);

        IllegalStateException e = assertThrows(IllegalStateException.class, manifest::withProductReleased);
        assertEquals(true, e.getMessage().contains("gravitee-common"));
    }

    @Test
    void writeIsAtomicAndHasNoTrailingNewline(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("release.json");
        Files.writeString(file, Fixtures.text(Fixtures.START_3_8_7));
        Manifest released = Manifest.read(file).withComponentReleased("gravitee-common", Version.parse("3.8.7"));

        released.write(file);

        String written = Files.readString(file);
        assertEquals(released.toJson(), written);
        assertNotEquals('\n', written.charAt(written.length() - 1));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void stringifyEscapesLikeJavaScript() throws Exception {
        Manifest manifest = Manifest.parse("{\"name\": \"a\\\"b\\\\c\\n\\t\\u0001\\u00e9/\\u2028\\ud800x\", "
                + "\"version\": \"1.0.0\", \"components\": [], \"empty\": {}, \"n\": [1, -2.50, 1e21, 0.0000001, true, null]}",
                "inline");

        assertEquals("{\n    \"name\": \"a\\\"b\\\\c\\n\\t\\u0001\u00e9/\u2028\\ud800x\",\n    \"version\": \"1.0.0\",\n"
                + "    \"components\": [],\n    \"empty\": {},\n    \"n\": [\n        1,\n        -2.5,\n        1e+21,\n"
                + "        1e-7,\n        true,\n        null\n    ]\n}", manifest.toJson());
    }
}

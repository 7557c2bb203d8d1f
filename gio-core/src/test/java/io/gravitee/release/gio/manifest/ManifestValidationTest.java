package io.gravitee.release.gio.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed or inconsistent manifests: each is rejected naming the file, the place and the fix. */
class ManifestValidationTest {
    private static final String OK_HEAD = "{\"name\": \"P\", \"version\": \"1.0.0-SNAPSHOT\", ";

    static Stream<Arguments> badManifests() {
        return Stream.of(
                bad("truncated JSON", "{\"name\": \"P\",\n  \"version\": \"1.0.0\",\n  \"components\": [",
                        "line 3", "malformed JSON", "syntax"),
                bad("missing comma", "{\"name\": \"P\"\n \"version\": \"1.0.0\"}", "line 2, column 2", "malformed JSON",
                        "comma"),
                bad("trailing garbage", "{\"name\": \"P\", \"version\": \"1.0.0\", \"components\": []} x", "line 1",
                        "malformed JSON", "syntax"),
                bad("duplicate key", "{\"name\": \"P\", \"name\": \"Q\", \"version\": \"1.0.0\", \"components\": []}",
                        "line 1", "Duplicate field 'name'", "syntax"),
                bad("not an object", "[1, 2]", "line 1, column 1", "where an object is expected", "must be an object"),
                bad("empty file", "  \n", "line 1, column 1", "empty", "write the release manifest"),
                bad("missing components", "{\"name\": \"P\", \"version\": \"1.0.0\"}", "top level",
                        "\"components\" list is missing", "add \"components\""),
                bad("components not a list", OK_HEAD + "\"components\": {\"a\": 1}}", "line 1, column 58 (components)",
                        "must be a list", "write \"components\""),
                bad("missing name", "{\"version\": \"1.0.0\", \"components\": []}", "top level", "\"name\" is missing",
                        "give the product a name"),
                bad("missing version", "{\"name\": \"P\", \"components\": []}", "top level", "\"version\" is missing",
                        "add the product version"),
                bad("non-semver product version", "{\"name\": \"P\", \"version\": \"3.8\", \"components\": []}",
                        "line 1, column 26 (version)", "'3.8' is not a semantic version", "MAJOR.MINOR.PATCH"),
                bad("non-semver component version", OK_HEAD + "\"components\": [\n  {\"name\": \"a\", \"version\": \"1.x\"}],"
                                + " \"buildDependencies\": [[\"a\"]]}", "line 2, column 28 (components[0] (a).version)",
                        "'1.x' is not a semantic version", "MAJOR.MINOR.PATCH"),
                bad("non-semver since", OK_HEAD + "\"components\": [{\"name\": \"a\", \"version\": \"1.0.0\", \"since\": 3}]}",
                        "components[0] (a).since", "a number is not a semantic version", "MAJOR.MINOR.PATCH"),
                bad("component without name", OK_HEAD + "\"components\": [{\"version\": \"1.0.0\"}]}",
                        "components[0]", "has no name", "add \"name\""),
                bad("component not an object", OK_HEAD + "\"components\": [\"a\"]}", "components[0]",
                        "must be an object, not a string", "write {\"name\""),
                bad("duplicate component", OK_HEAD + "\"components\": [{\"name\": \"a\", \"version\": \"1.0.0\"},\n"
                                + "{\"name\": \"a\", \"version\": \"1.0.1\"}]}", "line 2, column 1 (components[1] (a))",
                        "'a' is listed twice", "keep a single entry"),
                bad("pending component in no wave", OK_HEAD + "\"components\": [{\"name\": \"a\", \"version\": \"2.0.0-SNAPSHOT\"},"
                                + " {\"name\": \"b\", \"version\": \"1.0.0-SNAPSHOT\"}], \"buildDependencies\": [[\"a\"]]}",
                        "(components[1] (b))", "pending component 'b' (1.0.0-SNAPSHOT) is in no wave",
                        "add it to the wave"),
                bad("misspelt pending component", OK_HEAD + "\"components\": [{\"name\": \"gravitee-common\","
                                + " \"version\": \"2.0.0-SNAPSHOT\"}], \"buildDependencies\": [[\"gravitee-comon\"]]}",
                        "(components[0] (gravitee-common))", "'gravitee-comon' looks like a misspelling", "add it"),
                bad("pending without buildDependencies", OK_HEAD + "\"components\": [{\"name\": \"a\"}]}",
                        "components[0] (a)", "pending component 'a' (1.0.0-SNAPSHOT) is in no wave", "add it"),
                bad("component in two waves", OK_HEAD + "\"components\": [{\"name\": \"a\", \"version\": \"1.0.0\"}],"
                                + " \"buildDependencies\": [[\"a\"], [\"a\"]]}",
                        "buildDependencies[1] (wave 2)[0]", "already in buildDependencies[0] (wave 1)[0]",
                        "exactly one wave"),
                bad("wave not a list", OK_HEAD + "\"components\": [], \"buildDependencies\": [\"a\"]}",
                        "buildDependencies[0] (wave 1)", "must be a list of component names", "write the wave"),
                bad("wave entry not a name", OK_HEAD + "\"components\": [], \"buildDependencies\": [[3]]}",
                        "buildDependencies[0] (wave 1)[0]", "must be a component name, not a number", "as a string"),
                bad("buildDependencies not a list", OK_HEAD + "\"components\": [], \"buildDependencies\": \"a\"}",
                        "buildDependencies", "must be a list of waves", "write \"buildDependencies\""),
                bad("scm url not a string", OK_HEAD + "\"scmHttpUrl\": 3, \"components\": []}", "scmHttpUrl",
                        "must be a string", "quoted URL"));
    }

    private static Arguments bad(String why, String json, String place, String problem, String fix) {
        return Arguments.of(why, json, place, problem, fix);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badManifests")
    void isRejectedNamingFilePlaceAndFix(String why, String json, String place, String problem, String fix) {
        ManifestException e = assertThrows(ManifestException.class, () -> Manifest.parse(json, "some/release.json"));

        String message = e.getMessage();
        assertTrue(message.contains("some/release.json"), message);
        assertTrue(message.contains(place), "place '" + place + "' in: " + message);
        assertTrue(message.contains(problem), "problem '" + problem + "' in: " + message);
        assertTrue(message.contains("Fix: ") && message.contains(fix), "fix '" + fix + "' in: " + message);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        ManifestException e = assertThrows(ManifestException.class, () -> Manifest.parse(
                "{\"name\": \"P\", \"version\": \"1.0\", \"components\": [{\"name\": \"a\", \"version\": \"x\"},"
                        + " {\"name\": \"a\", \"version\": \"1.0.0\"}]}", "r.json"));

        assertEquals(3, e.problems().size(), e.getMessage());
    }

    @Test
    void strictModeRejectsNamesInWavesThatAreNotComponents() throws Exception {
        String json = Fixtures.text(Fixtures.START_3_8_7);

        ManifestException e = assertThrows(ManifestException.class, () -> Manifest.parse(json, "r.json", true));
        assertTrue(e.getMessage().contains("'gravitee-cockpit-api' is not a component"), e.getMessage());
        assertEquals(2, e.problems().size());
    }

    @Test
    void aMissingFileSaysWhereToRunOrWhatToPass(@TempDir Path dir) {
        ManifestException e = assertThrows(ManifestException.class, () -> Manifest.read(dir.resolve("release.json")));

        assertTrue(e.getMessage().contains(dir.resolve("release.json").toString()));
        assertTrue(e.getMessage().contains("-Dgio.manifest"));
    }

    @Test
    void aFileThatIsNotUtf8IsRejected(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("release.json");
        Files.write(file, new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});

        ManifestException e = assertThrows(ManifestException.class, () -> Manifest.read(file));
        assertTrue(e.getMessage().contains("not UTF-8"));
    }
}

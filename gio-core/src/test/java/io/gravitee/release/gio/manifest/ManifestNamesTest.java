package io.gravitee.release.gio.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Component names that are not repository names are manifest errors naming the name, its place and the fix. */
class ManifestNamesTest {

    /** The bad name, and how the message must show it (escaped, between quotes). */
    static Stream<Arguments> badNames() {
        return Stream.of(
                Arguments.of("../../../../tmp/evil", "'../../../../tmp/evil'"),
                Arguments.of("a;touch pwned", "'a;touch pwned'"),
                Arguments.of("a\nb", "'a\\nb'"),
                Arguments.of("evil\n[INFO] BUILD SUCCESS", "'evil\\n[INFO] BUILD SUCCESS'"),
                Arguments.of(".hidden", "'.hidden'"),
                Arguments.of("a/b", "'a/b'"),
                Arguments.of("a..b", "'a..b'"),
                Arguments.of("a\tb", "'a\\tb'"),
                Arguments.of("", "''"),
                Arguments.of(" ", "' '"),
                Arguments.of("gravitee common", "'gravitee common'"),
                Arguments.of("gravitee-cömmon", "'gravitee-cömmon'"),
                Arguments.of("a\u202e", "'a\\u202e'"));
    }

    /** A manifest whose second component has {@code name}, placed in the second wave. */
    private static String manifest(String name) {
        String json = TextNode.valueOf(name).toString();
        return "{\"name\": \"P\", \"version\": \"1.0.0-SNAPSHOT\", \"components\": [\n"
                + "  {\"name\": \"good\", \"version\": \"1.0.0-SNAPSHOT\"},\n"
                + "  {\"name\": " + json + ", \"version\": \"2.0.0-SNAPSHOT\"}],\n"
                + " \"buildDependencies\": [[\"good\"],\n  [" + json + "]]}";
    }

    @ParameterizedTest
    @MethodSource("badNames")
    void isRefusedInComponentsAndInItsWave(String name, String shown) {
        ManifestException e = assertThrows(ManifestException.class,
                () -> Manifest.parse(manifest(name), "some/release.json"));

        List<String> problems = e.problems().stream().map(ManifestProblem::toString).toList();
        assertEquals(2, problems.size(), e.getMessage());
        String inComponents = problems.get(0);
        assertTrue(inComponents.startsWith("line 3, column 12 (components[1] (" + shown + "))"), inComponents);
        assertTrue(inComponents.contains("component name " + shown + " "), inComponents);
        assertTrue(inComponents.contains("Fix: rename it to the component's repository name"), inComponents);
        String inWave = problems.get(1);
        assertTrue(inWave.startsWith("line 5, column 4 (buildDependencies[1] (wave 2)[0] (" + shown + "))"), inWave);
        assertTrue(inWave.contains("component name " + shown + " "), inWave);
        assertTrue(e.getMessage().startsWith("Invalid manifest some/release.json, 2 problems:"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("badNames")
    void theMessageHoldsNoControlCharacterButItsOwnLineBreaks(String name, String shown) {
        ManifestException e = assertThrows(ManifestException.class, () -> Manifest.parse(manifest(name), "r.json"));

        for (String line : e.getMessage().split("\n")) {
            assertTrue(line.chars().noneMatch(c -> Character.isISOControl(c) || c == 0x202e), line);
        }
        assertEquals(3, e.getMessage().split("\n").length, "a heading and one line per problem: " + e.getMessage());
    }

    @Test
    void aBadNameOnlyInAWaveIsAnErrorNotAnUnknownNameWarning() {
        String json = "{\"name\": \"P\", \"version\": \"1.0.0-SNAPSHOT\", \"components\": [{\"name\": \"good\"}],"
                + " \"buildDependencies\": [[\"good\"], [\"x\", \"../evil\"]]}";

        ManifestException e = assertThrows(ManifestException.class, () -> Manifest.parse(json, "r.json"));

        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("buildDependencies[1] (wave 2)[1] ('../evil')"), e.getMessage());
        assertTrue(e.getMessage().contains("component name '../evil' contains '/' at position 3"), e.getMessage());
    }

    @Test
    void theOtherProblemsOfTheManifestAreStillReported() {
        String json = "{\"name\": \"P\", \"version\": \"1.0.0-SNAPSHOT\", \"components\": ["
                + "{\"name\": \"a;b\"}, {\"name\": \"c\", \"version\": \"x\"}], \"buildDependencies\": [[\"c\"]]}";

        ManifestException e = assertThrows(ManifestException.class, () -> Manifest.parse(json, "r.json"));

        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("'x' is not a semantic version"), e.getMessage());
    }

    @Test
    void aNameThatIsNotAStringStillHasNoName() {
        String json = "{\"name\": \"P\", \"version\": \"1.0.0\", \"components\": [{\"name\": 3}]}";

        ManifestException e = assertThrows(ManifestException.class, () -> Manifest.parse(json, "r.json"));

        assertTrue(e.getMessage().contains("(components[0]): the component has no name."), e.getMessage());
    }
}

package io.gravitee.release.gio.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The name rule on its own; {@link ManifestNamesTest} covers how a manifest reports it. */
class ComponentNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"gravitee-common", "gravitee-policy-ratelimit", "gravitee_x", "a", "A1", "v1.2.3",
            "gravitee-.-x", "name.", "-leading-dash", "_"})
    void repositoryNamesAreAccepted(String name) {
        assertEquals(Optional.empty(), ComponentName.problem(name));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "../../../../tmp/evil | contains '/' at position 3",
            "a;touch pwned        | contains ';' at position 2",
            "a/b                  | contains '/' at position 2",
            ".hidden              | starts with '.'",
            "a..b                 | contains '..'",
            "..                   | starts with '.'",
            "'a b'                | contains a space at position 2",
            "a$(id)               | contains '$' at position 2",
            "a\\b                 | contains '\\' at position 2",
            "gravítee             | contains the non-ASCII character 'í' (U+00ED) at position 5"})
    void otherNamesAreRefusedSayingWhy(String name, String why) {
        assertEquals(Optional.of(why), ComponentName.problem(name));
    }

    @Test
    void invisibleCharactersAreNamedByTheirEscapes() {
        assertEquals(Optional.of("contains the control character '\\n' at position 2"), ComponentName.problem("a\nb"));
        assertEquals(Optional.of("contains the control character '\\t' at position 2"), ComponentName.problem("a\tb"));
        assertEquals(Optional.of("contains the control character '\\r' at position 1"), ComponentName.problem("\ra"));
        assertEquals(Optional.of("contains the control character '\\u0000' at position 2"),
                ComponentName.problem("a\u0000"));
        assertEquals(Optional.of("contains the invisible character '\\u202e' at position 2"),
                ComponentName.problem("a\u202eb"));
        assertEquals(Optional.of("is empty"), ComponentName.problem(""));
    }

    @Test
    void quotingSpellsOutWhatATerminalWouldHideOrReadAmbiguously() {
        assertEquals("'a\\nb'", ComponentName.quoted("a\nb"));
        assertEquals("'a\\\\nb'", ComponentName.quoted("a\\nb"), "a backslash typed in the name is not a newline");
        assertEquals("'x\\u202e'", ComponentName.quoted("x\u202e"));
        assertEquals("'a\\t\\u0007'", ComponentName.quoted("a\t\u0007"));
        assertEquals("'gravítee'", ComponentName.quoted("gravítee"), "a printable letter is shown as it is");
    }
}

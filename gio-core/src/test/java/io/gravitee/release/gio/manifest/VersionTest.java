package io.gravitee.release.gio.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VersionTest {

    @Test
    void snapshotsReleaseAndMoveToTheNextPatch() {
        Version snapshot = Version.parse("1.20.2-SNAPSHOT");

        assertTrue(snapshot.isSnapshot());
        assertEquals("1.20.2", snapshot.release().toString());
        assertEquals("1.20.3-SNAPSHOT", snapshot.release().nextPatchSnapshot().toString());
        assertFalse(Version.parse("1.0.0-alpha.1").isSnapshot());
        assertEquals("1.0.0-alpha.1", Version.parse("1.0.0-alpha.1").release().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "1.2", "1.2.3.4", "01.2.3", "1.2.3-", "v1.2.3", "1.2.3 ", "", "99999999999.0.0"})
    void rejectsWhatIsNotSemver(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Version.parse(text));
        assertTrue(e.getMessage().contains("MAJOR.MINOR.PATCH"));
    }
}

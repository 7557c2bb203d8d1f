package io.gravitee.release.gio.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class BucketLayoutTest {

    @Test
    void aPathsDirectoriesGoFromItsOwnUpToThePrefix() {
        assertEquals(List.of("plugins/policies/mock", "plugins/policies", "plugins", ""),
                BucketLayout.directoriesOf("plugins/policies/mock/mock-1.0.0.zip"));
        assertEquals(List.of("distributions", ""), BucketLayout.directoriesOf("distributions/full-4.0.0.zip"));
        assertEquals(List.of(""), BucketLayout.directoriesOf("index.html"));
    }
}

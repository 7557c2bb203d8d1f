package io.gravitee.release.gio.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Gravitee's real release manifests (copied from shared/fixtures/gravitee). */
final class Fixtures {
    static final String START_3_8_7 = "release-3.8.7_START.json";
    static final String RELEASED_3_8_7 = "release-3.8.7.json";
    static final String MASTER = "release-master.json";

    private Fixtures() {}

    static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/gravitee/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Manifest manifest(String name) throws ManifestException {
        return Manifest.parse(text(name), name);
    }
}

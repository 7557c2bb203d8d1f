package io.gravitee.release.gio.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

class RequiredTest {

    @Test
    void everyMissingParameterIsNamedByItsPropertyWithALineToCopy() {
        MojoFailureException e = assertThrows(MojoFailureException.class, () -> Required.of("gio-bundle:upload")
                .check(null, "gio.bundle.endpoint", "the URL of the S3-compatible server", "https://s3.example.com")
                .check("downloads", "gio.bundle.bucket", "the bucket", "downloads")
                .check(" ", "gio.bundle.serverId", "the settings.xml <server>", "gio-s3")
                .verify());

        assertEquals("gio-bundle:upload needs 2 parameters that are not set (on the command line, or as <properties> of"
                + " the POM):\n  -Dgio.bundle.endpoint: the URL of the S3-compatible server, e.g."
                + " -Dgio.bundle.endpoint=https://s3.example.com\n  -Dgio.bundle.serverId: the settings.xml <server>,"
                + " e.g. -Dgio.bundle.serverId=gio-s3", e.getMessage());
    }

    @Test
    void nothingMissingPasses() throws Exception {
        Required.of("gio-bundle:upload").check("https://s3.example.com", "gio.bundle.endpoint", "", "").verify();
    }
}

package io.gravitee.release.gio.bundle.plugin;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Required parameters are named by the properties a user types, each with a line to copy. */
class RequiredParametersTest {
    @TempDir
    Path work;

    @Test
    void pruneWithoutAnyParameterNamesEveryPropertyWithAnExample() throws Exception {
        PruneMojo prune = BundleMojos.configure(new PruneMojo(BundleMojos.decrypter(work)), null, null, "", null,
                work.resolve("target/gio"));
        BundleMojos.set(prune, "serverId", null);

        String message = assertThrows(MojoFailureException.class, prune::execute).getMessage();

        assertTrue(message.startsWith("gio-bundle:prune needs 4 parameters that are not set"), message);
        assertTrue(message.contains("\n  -Dgio.bundle.endpoint: the URL of the S3-compatible server, e.g."
                + " -Dgio.bundle.endpoint=https://s3.eu-west-1.amazonaws.com"), message);
        assertTrue(message.contains("\n  -Dgio.bundle.bucket: the bucket serving the download site, e.g."
                + " -Dgio.bundle.bucket=gravitee-downloads"), message);
        assertTrue(message.contains("e.g. -Dgio.bundle.serverId=gio-s3"), message);
        assertTrue(message.contains("e.g. -Dgio.bundle.policy=retention-policy.json"), message);
        assertFalse(message.contains("'endpoint'") || message.contains("'bucket'"), message);
        assertTrue(Files.readString(work.resolve("target/gio/prune-report.md")).contains("-Dgio.bundle.policy"));
    }
}

package io.gravitee.release.gio.staging.plugin;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Required parameters are named by the properties a user types, each with a line to copy. */
class RequiredParametersTest {
    @TempDir
    Path dir;

    @Test
    void stageWithoutItsServersNamesEachProperty() throws Exception {
        StageMojo stage = StagingMojos.stage(dir, null, "nexus2", null);
        StagingMojos.set(stage, "serverId", null);

        String message = assertThrows(MojoFailureException.class, stage::execute).getMessage();

        assertTrue(message.startsWith("gio-staging:stage needs 3 parameters that are not set"), message);
        assertTrue(message.contains("\n  -Dgio.staging.sourceRepository: the private repository the component was"
                + " released to, as id::url (the id names its settings.xml <server>), e.g."
                + " -Dgio.staging.sourceRepository=gio-maven::https://nexus.example.com/repository/maven-releases/"), message);
        assertTrue(message.contains("\n  -Dgio.staging.url: the staging server's base URL"), message);
        assertTrue(message.contains("e.g. -Dgio.staging.serverId=ossrh"), message);
    }

    @Test
    void resolveWithoutASourceRepositoryNamesIt() throws Exception {
        String message = assertThrows(MojoFailureException.class, () -> StagingMojos.resolve(dir, " ").execute())
                .getMessage();

        assertTrue(message.startsWith("gio-staging:resolve needs a parameter that is not set"), message);
        assertTrue(message.contains("-Dgio.staging.sourceRepository=gio-maven::https://"), message);
    }
}

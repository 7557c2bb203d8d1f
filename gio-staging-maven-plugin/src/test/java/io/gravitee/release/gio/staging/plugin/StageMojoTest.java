package io.gravitee.release.gio.staging.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gio-staging:stage} as Maven runs it: a failed run's report. */
class StageMojoTest {

    @TempDir
    Path dir;

    @Test
    void aStageRefusedBeforeAnythingIsReadReportsFailedAndWhyInPlaceOfTheOlderReport() throws Exception {
        Path gio = dir.resolve("target/gio");
        Files.createDirectories(gio);
        Files.writeString(gio.resolve("stage-report.md"), "## gio-staging:stage\n\n| sample-staged | 1.4.0 | PUBLISHED |\n");
        StageMojo stage = new StageMojo(null, null);
        StagingMojos.set(stage, "backend", "nexus3");
        StagingMojos.set(stage, "url", "http://127.0.0.1:1");
        StagingMojos.set(stage, "serverId", "gio-nexus2");
        StagingMojos.set(stage, "sourceRepository", "gio-maven::http://127.0.0.1:1/releases");
        StagingMojos.set(stage, "settings", new Settings());
        StagingMojos.set(stage, "outputDirectory", gio.toFile());
        StagingMojos.set(stage, "artifactId", "sample-staged");
        StagingMojos.set(stage, "projectVersion", "1.4.0");

        MojoFailureException e = assertThrows(MojoFailureException.class, stage::execute);

        String md = Files.readString(gio.resolve("stage-report.md"));
        assertTrue(md.startsWith("## gio-staging:stage: FAILED\n"), md);
        assertTrue(md.contains("| gio-staging:stage | sample-staged | 1.4.0 | FAILED |"), md);
        assertTrue(md.contains("Unknown -Dgio.staging.backend=nexus3: use one of nexus2, central, repository"), md);
        assertFalse(md.contains("PUBLISHED"), md);
        JsonNode json = new ObjectMapper().readTree(gio.resolve("stage-report.json").toFile());
        assertEquals("FAILED", json.path("result").asText());
        assertEquals(e.getMessage(), json.path("error").asText());
    }
}

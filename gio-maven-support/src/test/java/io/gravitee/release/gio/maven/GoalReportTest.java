package io.gravitee.release.gio.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run leaves in {@code target/gio}: its own report, and the last report of a run that did work. */
class GoalReportTest {

    @TempDir
    Path dir;

    private static GoalReport run(String result, boolean didWork, String detail) {
        return new GoalReport("gio-bundle:upload", "downloads/apim", "", result, didWork, Duration.ofMillis(1500), null,
                List.of(), detail + "\n", null);
    }

    @Test
    void aRunThatDidNothingKeepsTheLastWorkReportAndPointsAtIt() throws Exception {
        run("UPLOADED", true, "wrote 4 objects").write(dir);
        run(GoalReport.NOTHING_TO_DO, false, "nothing to write").write(dir);

        String latest = Files.readString(dir.resolve("upload-report.md"));
        assertTrue(latest.startsWith("## gio-bundle:upload: NOTHING_TO_DO\n\n| goal | product | version | result | duration |\n"
                + "|---|---|---|---|---:|\n| gio-bundle:upload | downloads/apim |  | NOTHING_TO_DO | 1.5s |\n"), latest);
        assertTrue(latest.contains("`upload-report.last-work.md`"), latest);
        String lastWork = Files.readString(dir.resolve("upload-report.last-work.md"));
        assertTrue(lastWork.contains("wrote 4 objects"), lastWork);
        assertTrue(Files.readString(dir.resolve("upload-report.last-work.json")).contains("\"result\" : \"UPLOADED\""));
    }

    @Test
    void aFailureAfterSomeWorkIsTheLastWorkAndListsWhatWasDone() throws Exception {
        run("UPLOADED", true, "wrote 4 objects").write(dir);
        GoalReport.failed("gio-bundle:upload", "downloads/apim", "", Duration.ZERO, "Upload failed: 1 write failed",
                List.of("wrote apim/a.zip")).write(dir);

        String lastWork = Files.readString(dir.resolve("upload-report.last-work.md"));
        assertTrue(lastWork.contains("**Error:**\n\n```\nUpload failed: 1 write failed\n```\n"), lastWork);
        assertTrue(lastWork.contains("Done before the failure:\n- wrote apim/a.zip\n"), lastWork);
        assertEquals(lastWork, Files.readString(dir.resolve("upload-report.md")));
        assertFalse(lastWork.contains("wrote 4 objects"));
    }
}

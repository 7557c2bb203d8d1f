package io.gravitee.release.gio.bundle.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gravitee.release.gio.bundle.BucketLayout;
import io.gravitee.release.gio.bundle.BundleException;
import io.gravitee.release.gio.bundle.s3.S3Store.RemoteObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Policy files with errors, and nightly retention by count and age, without a server. */
class RetentionPolicyTest {
    @TempDir
    Path dir;

    private String problem(String json) throws Exception {
        Path file = Files.writeString(dir.resolve("retention.json"), json);
        BundleException e = assertThrows(BundleException.class, () -> RetentionPolicy.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        return e.getMessage().substring(file.toString().length());
    }

    @Test
    void errorsNameTheFileAndThePlace() throws Exception {
        assertTrue(problem("{\"releases\": {\n  \"supportMonths\": }\n}")
                .startsWith(", line 2, column 20: not valid JSON: Unexpected character ('}' (code 125))"));
        assertEquals(", line 1, column 31 (/releases/supportMonth): unknown setting \"supportMonth\"; expected one of"
                + " [lts, releaseDates, supportMonths]", problem("{\"releases\": {\"supportMonth\": 12}}"));
        assertEquals(", line 3, column 24 (/nightly/keep): must be a whole number from 1 to 10000, not -2",
                problem("{\n  \"nightly\": {\"directory\": \"nightly\",\n               \"keep\": -2}\n}"));
        assertEquals(", line 1, column 61 (/releases/lts/lines/1): an LTS line is MAJOR.MINOR, e.g. \"4.4\", not \"4\"",
                problem("{\"releases\": {\"supportMonths\": 6, \"lts\": {\"lines\": [\"3.20\", \"4\"], \"supportMonths\": 24}}}"));
        assertEquals(" (/releases): missing \"supportMonths\"", problem("{\"releases\": {}}").replaceFirst(", line \\d+, column \\d+", ""));
        assertTrue(problem("{}").contains("needs a \"releases\" or a \"nightly\" section"));
        assertTrue(problem("{\"nightly\": {\"directory\": \"../up\", \"keep\": 1}}").contains("(/nightly/directory): directory '../up' contains a '..' segment"));
        assertTrue(problem("{\"releases\": {\"supportMonths\": 6, \"releaseDates\": \"nope.json\"}}").contains("nope.json does not exist"));
    }

    @Test
    void errorsInTheReleaseDatesFileNameThatFile() throws Exception {
        Path dates = Files.writeString(dir.resolve("dates.json"), "{\n  \"3.0.0\": \"2020-01-15\",\n  \"3.0.1\": \"15/02/2020\"\n}");
        Path file = Files.writeString(dir.resolve("retention.json"), "{\"releases\": {\"supportMonths\": 6, \"releaseDates\": \"dates.json\"}}");
        BundleException e = assertThrows(BundleException.class, () -> RetentionPolicy.read(file));
        assertEquals(dates + ", line 3, column 12 (/3.0.1): release day of 3.0.1 must be a date YYYY-MM-DD, not \"15/02/2020\"",
                e.getMessage());
    }

    @Test
    void nightliesBeyondTheCountOrOlderThanTheMaximumAgeGo() throws Exception {
        Path file = Files.writeString(dir.resolve("retention.json"),
                "{\"nightly\": {\"directory\": \"/nightly/\", \"keep\": 4, \"maxAgeDays\": 10}}");
        RetentionPolicy policy = RetentionPolicy.read(file);
        Instant now = Instant.parse("2025-06-01T12:00:00Z");
        List<RemoteObject> objects = new ArrayList<>();
        for (int age = 1; age <= 14; age += 2) { // builds 1, 3, ... 13 days old
            String build = "apim/nightly/build-" + (100 - age);
            Instant built = now.minus(age, ChronoUnit.DAYS);
            objects.add(new RemoteObject(build + "/graviteeio-full.zip", 10, "x", built));
            objects.add(new RemoteObject(build + "/graviteeio-full.zip.sha1", 10, "x", built));
            objects.add(new RemoteObject(build + "/index.html", 10, "x", built));
        }
        objects.add(new RemoteObject("apim/nightly/index.html", 1, "x", now.minus(30, ChronoUnit.DAYS)));
        PrunePlan plan = new RetentionPlanner(policy, new BucketLayout("apim")).plan(objects, now);
        List<String> gone = plan.removals().stream().map(PrunePlan.Removal::subject).toList();
        // Newest four: 1, 3, 5, 7 days; of those, none is older than 10 days. 9, 11, 13 days old go.
        assertEquals(List.of("nightly/build-91", "nightly/build-89", "nightly/build-87"), gone);
        assertEquals(List.of("nightly/build-91/graviteeio-full.zip", "nightly/build-91/graviteeio-full.zip.sha1"),
                plan.removals().get(0).paths());
        assertTrue(plan.removals().get(0).reason().contains("nightly build #5 from the newest"), plan.removals().get(0).reason());

        RetentionPolicy young = RetentionPolicy.read(Files.writeString(dir.resolve("young.json"),
                "{\"nightly\": {\"directory\": \"nightly\", \"keep\": 10, \"maxAgeDays\": 4}}"));
        PrunePlan byAge = new RetentionPlanner(young, new BucketLayout("apim")).plan(objects, now);
        assertEquals(Set.of("nightly/build-95", "nightly/build-93", "nightly/build-91", "nightly/build-89", "nightly/build-87"),
                Set.copyOf(byAge.removals().stream().map(PrunePlan.Removal::subject).toList()));
        assertTrue(byAge.removals().get(0).reason().contains("older than 4 days"), byAge.removals().get(0).reason());
    }
}

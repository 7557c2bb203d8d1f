package io.gravitee.release.gio.bundle.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gravitee.release.gio.bundle.s3.S3Store;
import io.gravitee.release.gio.bundle.s3.TestS3;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code gio-bundle:upload} as Maven runs it, against S3Proxy: the report of every run, failed ones included. */
class UploadMojoTest {
    @RegisterExtension
    static final S3ProxyExtension S3 = TestS3.server();

    @TempDir
    Path work;

    private UploadMojo upload(String bucket, boolean dryRun) throws Exception {
        UploadMojo mojo = BundleMojos.configure(new UploadMojo(BundleMojos.decrypter(work)), S3.getUri().toString(),
                bucket, "graviteeio-apim", S3, work.resolve("target/gio"));
        BundleMojos.set(mojo, "source", work.resolve("gio-bundle").toFile());
        BundleMojos.set(mojo, "channel", "release");
        BundleMojos.set(mojo, "threads", 2);
        BundleMojos.set(mojo, "partSizeMiB", 16);
        BundleMojos.set(mojo, "dryRun", dryRun);
        return mojo;
    }

    private void write(String relative, String content) throws Exception {
        Path file = work.resolve("gio-bundle").resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private String report(String name) throws Exception {
        return Files.readString(work.resolve("target/gio").resolve(name));
    }

    @Test
    void aRefusedUploadReportsFailedAndWhyWhileTheLastWorkReportStays() throws Exception {
        TestS3.makeBucket(S3, "refused");
        write("components/gravitee-gateway/gravitee-gateway-3.8.7.zip", "gateway 3.8.7");
        upload("refused", false).execute();
        assertTrue(report("upload-report.md").startsWith("## gio-bundle:upload: UPLOADED\n"), report("upload-report.md"));
        String lastWork = report("upload-report.last-work.md");

        write("components/gravitee-gateway/gravitee-gateway-3.8.7.zip", "gateway 3.8.7, rebuilt differently");
        MojoFailureException e = assertThrows(MojoFailureException.class, () -> upload("refused", false).execute());

        String md = report("upload-report.md");
        assertTrue(md.startsWith("## gio-bundle:upload: FAILED\n"), md);
        assertTrue(md.contains("| goal | product | version | result | duration |"), md);
        assertTrue(md.contains("| gio-bundle:upload | refused/graviteeio-apim |  | FAILED |"), md);
        assertTrue(md.contains("graviteeio-apim/components/gravitee-gateway/gravitee-gateway-3.8.7.zip: bucket has 13 bytes"),
                md);
        assertTrue(md.contains("Nothing was written."), md);
        assertTrue(md.contains("Done before the failure: nothing; nothing was written."), md);
        assertTrue(md.contains(e.getMessage().lines().findFirst().orElseThrow()), md);
        JsonNode json = new ObjectMapper().readTree(new File(work.toFile(), "target/gio/upload-report.json"));
        assertEquals("FAILED", json.path("result").asText());
        assertTrue(json.path("failed").asBoolean());
        assertTrue(json.path("error").asText().contains("with different content"), json.toString());
        assertEquals(lastWork, report("upload-report.last-work.md"), "a failed run that wrote nothing keeps the last work");
        assertTrue(md.contains("`upload-report.last-work.md`"), "and points at it: " + md);
    }

    @Test
    void aRunWithNothingToDoSaysSoAndKeepsTheLastWork() throws Exception {
        TestS3.makeBucket(S3, "noop");
        write("distributions/graviteeio-full-3.8.7.zip", "full 3.8.7");
        upload("noop", false).execute();
        String lastWork = report("upload-report.last-work.md");

        upload("noop", false).execute();

        assertTrue(report("upload-report.md").startsWith("## gio-bundle:upload: NOTHING_TO_DO\n"), report("upload-report.md"));
        assertEquals(lastWork, report("upload-report.last-work.md"));
        assertTrue(lastWork.contains("| UPLOADED |"), lastWork);
    }

    @Test
    void aDryRunPlansExactlyTheKeysTheRealUploadThenWrites() throws Exception {
        TestS3.makeBucket(S3, "planned");
        write("distributions/graviteeio-full-3.8.7.zip", "full 3.8.7");
        write("components/gravitee-gateway/gravitee-gateway-3.8.7.zip", "gateway 3.8.7");
        write("components/gravitee-rest-api/gravitee-rest-api-3.8.7.zip", "rest api 3.8.7");
        write("plugins/policies/gravitee-policy-mock/gravitee-policy-mock-1.13.0.zip", "mock policy");

        upload("planned", true).execute();
        JsonNode plan = json("upload-report.json");
        assertTrue(report("upload-report.md").startsWith("## gio-bundle:upload: PLANNED\n"), report("upload-report.md"));
        assertFalse(Files.exists(work.resolve("target/gio/upload-report.last-work.md")), "a plan is no work");
        try (S3Store store = TestS3.connect(S3, "planned")) {
            assertEquals(List.of(), store.list(""), "a dry run writes nothing in the bucket");
        }

        upload("planned", false).execute();
        JsonNode real = json("upload-report.json");

        assertEquals(sorted(real.path("written")), sorted(plan.path("written")));
        assertEquals(sorted(real.path("deleted")), sorted(plan.path("deleted")));
        // 4 files, 12 checksum files, and a page for each of the 8 directories, the bucket's prefix included.
        assertEquals(24, plan.path("written").size(), plan.toString());
        assertEquals(8, sorted(plan.path("written")).stream().filter(k -> k.endsWith("/index.html")).count());
        assertTrue(sorted(plan.path("written")).contains("graviteeio-apim/plugins/index.html"), plan.toString());
    }

    private JsonNode json(String name) throws Exception {
        return new ObjectMapper().readTree(work.resolve("target/gio").resolve(name).toFile());
    }

    private static List<String> sorted(JsonNode keys) {
        List<String> list = new ArrayList<>();
        keys.forEach(key -> list.add(key.asText()));
        Collections.sort(list);
        return list;
    }
}

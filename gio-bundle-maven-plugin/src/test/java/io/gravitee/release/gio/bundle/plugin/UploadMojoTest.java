package io.gravitee.release.gio.bundle.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gravitee.release.gio.bundle.s3.TestS3;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
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
}

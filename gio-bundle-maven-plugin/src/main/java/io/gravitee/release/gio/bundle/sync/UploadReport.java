package io.gravitee.release.gio.bundle.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.gravitee.release.gio.transfer.Progress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What an upload did (or, in dry-run, would do), written as {@code upload-report.json} and {@code .md}.
 *
 * @param written keys written, in order: files, checksum files, index pages
 * @param deleted keys deleted
 * @param unchanged source files already in the bucket with the same content
 * @param bytesUploaded bytes of source files uploaded (generated files not counted)
 */
public record UploadReport(
        String endpoint,
        String bucket,
        String prefix,
        String channel,
        boolean dryRun,
        int filesUploaded,
        int unchanged,
        long bytesUploaded,
        List<String> written,
        List<String> deleted,
        long durationMillis) {

    public UploadReport {
        written = List.copyOf(written);
        deleted = List.copyOf(deleted);
    }

    /** Writes {@code upload-report.json} and {@code upload-report.md} into {@code directory}. */
    public void writeTo(Path directory) throws IOException {
        Files.createDirectories(directory);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Files.writeString(directory.resolve("upload-report.json"), json.writeValueAsString(this), StandardCharsets.UTF_8);
        Files.writeString(directory.resolve("upload-report.md"), markdown(), StandardCharsets.UTF_8);
    }

    /** A summary fit for a CI job summary: one table, then the keys written and deleted. */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("## gio-bundle:upload").append(dryRun ? " (dry run: nothing written)" : "").append("\n\n");
        md.append("| target | channel | files uploaded | unchanged | bytes | objects written | objects deleted | duration |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        md.append("| `").append(bucket).append('/').append(prefix).append("` | ").append(channel).append(" | ")
                .append(filesUploaded).append(" | ").append(unchanged).append(" | ").append(Progress.bytes(bytesUploaded))
                .append(" | ").append(written.size()).append(" | ").append(deleted.size()).append(" | ")
                .append(Progress.duration(durationMillis / 1000)).append(" |\n");
        appendKeys(md, dryRun ? "Would write" : "Written", written);
        appendKeys(md, dryRun ? "Would delete" : "Deleted", deleted);
        return md.toString();
    }

    private static void appendKeys(StringBuilder md, String title, List<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        md.append("\n<details><summary>").append(title).append(" (").append(keys.size()).append(")</summary>\n\n");
        for (String key : keys) {
            md.append("- `").append(key.replace("`", "'")).append("`\n");
        }
        md.append("\n</details>\n");
    }
}

package io.gravitee.release.gio.bundle.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gravitee.release.gio.transfer.Progress;
import java.util.List;

/**
 * What an upload did (or, in dry-run, would do): the upload's own part of {@code upload-report.json} and {@code .md}.
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

    /** The report's result word: {@code PLANNED} for a dry run, {@code NOTHING_TO_DO}, or {@code UPLOADED}. */
    public String result() {
        if (dryRun) {
            return "PLANNED";
        }
        return writesNothing() ? "NOTHING_TO_DO" : "UPLOADED";
    }

    /** Whether the run wrote or deleted nothing (a dry run never writes). */
    public boolean writesNothing() {
        return written.isEmpty() && deleted.isEmpty();
    }

    /** The fields of {@code upload-report.json}. */
    public ObjectNode json() {
        return new ObjectMapper().valueToTree(this);
    }

    /** The upload's own part of {@code upload-report.md}: one table, then the keys written and deleted. */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        if (dryRun) {
            md.append("Dry run: nothing was written. This is the plan: what the same upload would write and delete now.\n\n");
        }
        md.append("| target | channel | files uploaded | unchanged | bytes | objects written | objects deleted |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|\n");
        md.append("| `").append(bucket).append('/').append(prefix).append("` | ").append(channel).append(" | ")
                .append(filesUploaded).append(" | ").append(unchanged).append(" | ").append(Progress.bytes(bytesUploaded))
                .append(" | ").append(written.size()).append(" | ").append(deleted.size()).append(" |\n");
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

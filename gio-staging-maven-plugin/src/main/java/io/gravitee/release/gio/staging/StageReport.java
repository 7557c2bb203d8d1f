package io.gravitee.release.gio.staging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gravitee.release.gio.staging.validate.Problem;
import io.gravitee.release.gio.transfer.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes {@code stage-report.json} and {@code stage-report.md} (Markdown for a CI job summary): the outcome,
 * or the validation problems or error that stopped the run.
 */
public final class StageReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StageReport() {}

    /**
     * @param outcome  the run's outcome, or null when it stopped before
     * @param problems validation problems (empty when none)
     * @param error    the error that stopped the run, or null
     */
    public static void write(Path directory, String goal, String component, String version, StageOutcome outcome,
            List<Problem> problems, String error) throws IOException {
        Files.createDirectories(directory);
        ObjectNode root = JSON.createObjectNode();
        root.put("goal", goal);
        root.put("component", component);
        root.put("version", version);
        root.put("result", outcome != null ? outcome.result().name() : "FAILED");
        if (outcome != null) {
            root.put("stagingRepositoryId", outcome.areaId());
            root.put("filesUploaded", outcome.filesUploaded());
            root.put("bytesUploaded", outcome.bytesUploaded());
            root.put("durationMillis", outcome.duration().toMillis());
            ArrayNode notes = root.putArray("notes");
            outcome.notes().forEach(notes::add);
        }
        ArrayNode list = root.putArray("problems");
        for (Problem p : problems) {
            list.addObject().put("rule", p.rule()).put("where", p.where()).put("message", p.message());
        }
        root.put("error", error);
        Files.writeString(directory.resolve(goal + "-report.json"), JSON.writeValueAsString(root) + "\n");

        StringBuilder md = new StringBuilder("## gio-staging:" + goal + "\n\n");
        md.append("| component | version | result | staging repository | uploaded | duration |\n");
        md.append("|---|---|---|---|---|---|\n");
        md.append("| ").append(cell(component)).append(" | ").append(cell(version)).append(" | ")
                .append(outcome != null ? outcome.result() : "FAILED").append(" | ")
                .append(outcome == null || outcome.areaId() == null ? "" : cell(outcome.areaId())).append(" | ")
                .append(outcome == null ? "" : outcome.filesUploaded() + " files, " + Progress.bytes(outcome.bytesUploaded()))
                .append(" | ").append(outcome == null ? "" : Progress.duration(outcome.duration().toSeconds())).append(" |\n");
        if (outcome != null && !outcome.notes().isEmpty()) {
            md.append("\n");
            outcome.notes().forEach(n -> md.append("- ").append(cell(n)).append('\n'));
        }
        if (!problems.isEmpty()) {
            md.append("\n### ").append(problems.size()).append(" problem(s)\n\n| rule | where | problem |\n|---|---|---|\n");
            problems.forEach(p -> md.append("| ").append(cell(p.rule())).append(" | ").append(cell(p.where()))
                    .append(" | ").append(cell(p.message())).append(" |\n"));
        }
        if (error != null) {
            md.append("\n**Error:** ").append(cell(error)).append('\n');
        }
        Files.writeString(directory.resolve(goal + "-report.md"), md.toString());
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }
}

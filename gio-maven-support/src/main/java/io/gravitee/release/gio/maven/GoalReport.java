package io.gravitee.release.gio.maven;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The report every goal writes at the end of every run, failed ones included, as {@code <name>-report.json} and
 * {@code <name>-report.md} ({@code <name>} is the goal without its prefix: {@code upload-report.md}). All goals share
 * one heading and one summary table (goal, product, version, result, duration), then the error and what was done
 * before it, then the goal's own details.
 * <p>
 * A run that changed nothing (nothing to do, a dry run, a failure before the first write) must not hide what the
 * last run that did work recorded: every run writes {@code <name>-report.*}, and a run that did work (or failed after
 * doing some) also writes the same report as {@code <name>-report.last-work.*}, which the others leave alone and
 * point at.
 *
 * @param goal     the goal with its prefix, e.g. {@code gio-bundle:upload}
 * @param product  what the goal worked on: the product, the component, or the bucket and prefix
 * @param version  its version, or "" when the goal has none (or stopped before it was known)
 * @param result   the goal's own word for the outcome; {@code FAILED} for every failure
 * @param didWork  whether the run wrote anything anywhere (then it is also the "last work" report)
 * @param duration how long the run took
 * @param error    what stopped the run, or null
 * @param done     what the run did, as sentences (on a failure: what was done before it)
 * @param details  the goal's own Markdown, shown after the summary ("" for none)
 * @param data     the goal's own JSON fields, merged at the top level of the JSON report (null for none)
 */
public record GoalReport(String goal, String product, String version, String result, boolean didWork, Duration duration,
        String error, List<String> done, String details, ObjectNode data) {

    public static final String FAILED = "FAILED";
    public static final String NOTHING_TO_DO = "NOTHING_TO_DO";
    /** A dry run's report: what the real run would write. */
    public static final String PLANNED = "PLANNED";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public GoalReport {
        product = product == null ? "" : product;
        version = version == null ? "" : version;
        done = done == null ? List.of() : List.copyOf(done);
        details = details == null ? "" : details;
    }

    /** A failed run's report. */
    public static GoalReport failed(String goal, String product, String version, Duration duration, String error,
            List<String> done) {
        return new GoalReport(goal, product, version, FAILED, !done.isEmpty(), duration, error, done, "", null);
    }

    /** A fresh JSON object for {@link #data}. */
    public static ObjectNode newData() {
        return JSON.createObjectNode();
    }

    public boolean failed() {
        return FAILED.equals(result);
    }

    /** The report's file name without extension, e.g. {@code upload-report}. */
    public String name() {
        return goal.substring(goal.indexOf(':') + 1) + "-report";
    }

    /** Writes the report into {@code directory} (and as the last-work report when the run did work). */
    public void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path lastWork = directory.resolve(name() + ".last-work.md");
        String markdown = markdown(didWork || !Files.isRegularFile(lastWork) ? null : lastWork.getFileName().toString());
        byte[] json = JSON.writeValueAsBytes(json());
        write(directory.resolve(name() + ".json"), json);
        write(directory.resolve(name() + ".md"), markdown.getBytes(StandardCharsets.UTF_8));
        if (didWork) {
            write(directory.resolve(name() + ".last-work.json"), json);
            write(lastWork, markdown.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Writes the report, and on failure to write returns why instead of throwing: used while a goal is already
     * failing, whose own error must not be replaced by the report's.
     */
    public Optional<String> writeQuietly(Path directory) {
        try {
            write(directory);
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of("Cannot write the report " + name() + ".md in " + directory + ": " + e.getMessage());
        }
    }

    ObjectNode json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("goal", goal);
        root.put("product", product);
        root.put("version", version);
        root.put("result", result);
        root.put("didWork", didWork);
        root.put("failed", failed());
        root.put("finishedAt", Instant.now().toString());
        root.put("durationSeconds", duration.toMillis() / 1000.0);
        root.put("error", error);
        done.forEach(root.putArray("done")::add);
        if (data != null) {
            // The goal's own fields come after the common ones; a goal never redefines those.
            data.fields().forEachRemaining(field -> {
                if (!root.has(field.getKey()) || root.get(field.getKey()).isNull()) {
                    root.set(field.getKey(), field.getValue());
                }
            });
        }
        return root;
    }

    /** @param lastWork the last-work report to point at, or null */
    String markdown(String lastWork) {
        StringBuilder md = new StringBuilder("## ").append(goal).append(": ").append(result).append("\n\n");
        md.append("| goal | product | version | result | duration |\n|---|---|---|---|---:|\n");
        md.append("| ").append(goal).append(" | ").append(cell(product)).append(" | ").append(cell(version)).append(" | ")
                .append(result).append(" | ").append(String.format("%.1fs", duration.toMillis() / 1000.0)).append(" |\n");
        if (error != null) {
            md.append("\n**Error:**\n\n```\n").append(error.replace("```", "'''")).append("\n```\n");
            md.append("\nDone before the failure:").append(done.isEmpty() ? " nothing; nothing was written.\n" : "\n");
        } else if (!done.isEmpty()) {
            md.append('\n');
        }
        done.forEach(line -> md.append("- ").append(cell(line)).append('\n'));
        if (!details.isEmpty()) {
            md.append('\n').append(details);
            if (!details.endsWith("\n")) {
                md.append('\n');
            }
        }
        if (lastWork != null) {
            md.append("\nThis run wrote nothing. What the last run that did work recorded is in `").append(lastWork)
                    .append("`.\n");
        }
        return md.toString();
    }

    /** A value fit for a table cell: no pipe, no newline. */
    public static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }

    private static void write(Path file, byte[] content) throws IOException {
        // Written beside, then moved: a reader (a CI step) never sees half a report.
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.write(partial, content);
        Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}

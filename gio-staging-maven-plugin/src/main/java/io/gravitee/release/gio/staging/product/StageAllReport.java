package io.gravitee.release.gio.staging.product;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.maven.GoalReport;
import io.gravitee.release.gio.staging.StageOutcome;
import io.gravitee.release.gio.staging.StageOutcome.Result;
import io.gravitee.release.gio.transfer.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The summary of a {@code stage-all} run: one row per component to stage (state, duration, what was done or
 * skipped and why), printed as a table and written as {@code stage-all-report.json} and {@code .md}.
 *
 * @param product  the product's name
 * @param version  the product release staged
 * @param dryRun   nothing was written
 * @param atomic   the whole product went into one staging repository
 * @param rows     one outcome per component, manifest order
 * @param notes    run-wide notes
 * @param duration the whole run
 */
public record StageAllReport(String product, String version, boolean dryRun, boolean atomic, List<StageOutcome> rows,
        List<String> notes, Duration duration) {

    public StageAllReport {
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
    }

    /** True when some component is neither published nor (dry run / autoRelease off) where it should stop. */
    public boolean failed() {
        return rows.stream().anyMatch(r -> r.result() == Result.FAILED || r.result() == Result.IN_PROGRESS);
    }

    public void print(Console console) {
        console.info("");
        console.info("Staging of " + product + " " + version + (dryRun ? " (dry run)" : "") + (atomic ? " (atomic)" : "")
                + " summary:");
        int width = Math.max(9, rows.stream().mapToInt(r -> r.component().length()).max().orElse(9));
        String format = "  %-" + width + "s  %-10s  %-17s  %-22s  %8s  %s";
        console.info(String.format(format, "component", "version", "state", "staging repository", "time", "details"));
        for (StageOutcome o : rows) {
            console.info(String.format(format, o.component(), o.version(), o.result(), o.areaId() == null ? "" : o.areaId(),
                    seconds(o.duration()), details(o)));
        }
        notes.forEach(n -> console.info("  " + n));
        console.info("  total " + seconds(duration));
    }

    /** Writes {@code stage-all-report.json} and {@code stage-all-report.md} into {@code directory}. */
    public void write(Path directory) throws IOException {
        toGoalReport().write(directory);
    }

    /**
     * This run as the report every goal writes: {@code STAGED}, {@code NOTHING_TO_DO} (every component found
     * published), {@code PLANNED} (dry run) or {@code FAILED} (some component failed or is still in progress).
     */
    public GoalReport toGoalReport() {
        boolean nothing = rows.stream().allMatch(r -> r.result() == Result.ALREADY_PUBLISHED);
        String result = failed() ? GoalReport.FAILED : dryRun ? GoalReport.PLANNED
                : nothing ? GoalReport.NOTHING_TO_DO : "STAGED";
        String error = rows.stream().filter(r -> r.result() == Result.FAILED || r.result() == Result.IN_PROGRESS)
                .findFirst().map(r -> r.component() + " " + r.version() + " " + r.result() + ": " + details(r))
                .orElse(null);
        List<String> done = rows.stream().filter(r -> r.result() == Result.PUBLISHED || r.result() == Result.CLOSED)
                .map(r -> r.result().name().toLowerCase(java.util.Locale.ROOT) + " " + r.component() + " " + r.version())
                .toList();
        return new GoalReport("gio-staging:stage-all", product, version, result, !dryRun && !nothing, duration, error,
                done, markdown(), json());
    }

    private ObjectNode json() {
        ObjectNode root = GoalReport.newData();
        root.put("dryRun", dryRun);
        root.put("atomic", atomic);
        ArrayNode components = root.putArray("components");
        for (StageOutcome o : rows) {
            ObjectNode c = components.addObject();
            c.put("component", o.component());
            c.put("version", o.version());
            c.put("state", o.result().name());
            c.put("stagingRepositoryId", o.areaId());
            c.put("filesUploaded", o.filesUploaded());
            c.put("bytesUploaded", o.bytesUploaded());
            c.put("durationSeconds", o.duration().toMillis() / 1000.0);
            ArrayNode n = c.putArray("notes");
            o.notes().forEach(n::add);
        }
        ArrayNode n = root.putArray("notes");
        notes.forEach(n::add);
        return root;
    }

    private String markdown() {
        StringBuilder md = new StringBuilder(atomic ? "The whole product in one staging repository (atomic).\n\n" : "");
        if (!rows.isEmpty()) {
            md.append("| component | version | state | staging repository | uploaded | time | details |\n");
            md.append("|---|---|---|---|---|---:|---|\n");
        }
        for (StageOutcome o : rows) {
            md.append("| ").append(cell(o.component())).append(" | ").append(cell(o.version())).append(" | ")
                    .append(o.result()).append(" | ").append(cell(o.areaId())).append(" | ")
                    .append(o.filesUploaded()).append(" files, ").append(Progress.bytes(o.bytesUploaded())).append(" | ")
                    .append(seconds(o.duration())).append(" | ").append(cell(details(o))).append(" |\n");
        }
        md.append('\n');
        notes.forEach(x -> md.append("- ").append(cell(x)).append('\n'));
        return md.toString();
    }

    private static String details(StageOutcome o) {
        return o.notes().isEmpty() ? "" : firstLine(String.join("; ", o.notes()));
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }

    private static String seconds(Duration d) {
        return String.format("%.1fs", d.toMillis() / 1000.0);
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}

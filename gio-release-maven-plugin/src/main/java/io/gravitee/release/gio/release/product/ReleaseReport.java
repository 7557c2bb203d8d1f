package io.gravitee.release.gio.release.product;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.maven.GoalReport;
import io.gravitee.release.gio.release.component.ComponentOutcome;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The summary of a release run: one row per pending component (wave, state, duration, what was
 * done or skipped and why), printed as a table and written as {@code release-report.json} and
 * {@code release-report.md} (the Markdown fits a CI job summary).
 */
public record ReleaseReport(String product, String version, boolean dryRun, List<Row> rows, List<String> notes,
                            Duration duration) {

    /** One component's line. */
    public record Row(int wave, ComponentOutcome outcome) {}

    public ReleaseReport {
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
    }

    public boolean failed() {
        return rows.stream().anyMatch(r -> !r.outcome().done());
    }

    public void print(Console console) {
        console.info("");
        console.info("Release " + product + " " + version + (dryRun ? " (dry run)" : "") + " summary:");
        int width = Math.max(9, rows.stream().mapToInt(r -> r.outcome().component().length()).max().orElse(9));
        console.info(String.format("  %-4s  %-" + width + "s  %-10s  %-16s  %8s  %s", "wave", "component", "version",
                "state", "time", "details"));
        for (Row row : rows) {
            ComponentOutcome o = row.outcome();
            console.info(String.format("  %-4d  %-" + width + "s  %-10s  %-16s  %8s  %s", row.wave(), o.component(),
                    o.version(), o.status(), seconds(o.duration()), firstLine(o.detail())));
        }
        notes.forEach(n -> console.info("  " + n));
        console.info("  total " + seconds(duration));
    }

    public void write(Path directory) throws IOException {
        write(directory, "release-report");
    }

    /** Writes {@code <name>.json} and {@code <name>.md} in {@code directory}, {@code <name>} being {@code <goal>-report}. */
    public void write(Path directory, String name) throws IOException {
        toGoalReport("gio-release:" + name.replaceFirst("-report$", "")).write(directory);
    }

    /**
     * This run as the report every goal writes: {@code COMPLETE}, {@code NOTHING_TO_DO} (no component pending),
     * {@code PLANNED} (dry run) or {@code FAILED}, with this table of components below.
     */
    public GoalReport toGoalReport(String goal) {
        String result = failed() ? GoalReport.FAILED : dryRun ? GoalReport.PLANNED
                : rows.isEmpty() ? GoalReport.NOTHING_TO_DO : "COMPLETE";
        String error = rows.stream().map(Row::outcome).filter(o -> o.status() == ComponentOutcome.Status.FAILED)
                .findFirst().map(o -> o.component() + " " + o.version() + " failed: " + o.detail()).orElse(null);
        List<String> done = rows.stream().map(Row::outcome)
                .filter(o -> o.status() == ComponentOutcome.Status.RELEASED)
                .map(o -> "released " + o.component() + " " + o.version()).toList();
        return new GoalReport(goal, product, version, result, !dryRun && !rows.isEmpty(), duration, error, done,
                markdown(), json());
    }

    private ObjectNode json() {
        ObjectNode root = GoalReport.newData();
        root.put("dryRun", dryRun);
        ArrayNode components = root.putArray("components");
        for (Row row : rows) {
            ComponentOutcome o = row.outcome();
            ObjectNode c = components.addObject();
            c.put("wave", row.wave());
            c.put("component", o.component());
            c.put("version", o.version());
            c.put("state", o.status().name());
            c.put("durationSeconds", o.duration().toMillis() / 1000.0);
            c.put("buildSeconds", o.build().toMillis() / 1000.0);
            c.put("details", o.detail());
            o.tagCommit().ifPresent(t -> c.put("tagCommit", t));
            o.log().ifPresent(l -> c.put("buildLog", l));
        }
        ArrayNode notesNode = root.putArray("notes");
        notes.forEach(notesNode::add);
        return root;
    }

    private String markdown() {
        StringBuilder md = new StringBuilder();
        if (!rows.isEmpty()) {
            md.append("| wave | component | version | state | time | details |\n|---:|---|---|---|---:|---|\n");
        }
        for (Row row : rows) {
            ComponentOutcome o = row.outcome();
            md.append("| ").append(row.wave()).append(" | ").append(o.component()).append(" | ").append(o.version())
                    .append(" | ").append(o.status()).append(" | ").append(seconds(o.duration())).append(" | ")
                    .append(GoalReport.cell(firstLine(o.detail()))).append(" |\n");
        }
        md.append('\n');
        notes.forEach(n -> md.append("- ").append(n).append('\n'));
        return md.toString();
    }

    private static String seconds(Duration d) {
        return String.format("%.1fs", d.toMillis() / 1000.0);
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}

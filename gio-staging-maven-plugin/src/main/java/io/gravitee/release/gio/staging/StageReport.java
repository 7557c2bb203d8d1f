package io.gravitee.release.gio.staging;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gravitee.release.gio.maven.GoalReport;
import io.gravitee.release.gio.staging.StageOutcome.Result;
import io.gravitee.release.gio.staging.validate.Problem;
import io.gravitee.release.gio.transfer.Progress;
import java.time.Duration;
import java.util.List;

/**
 * The report of {@code stage} and {@code resolve} ({@code <goal>-report.{json,md}}, Markdown for a CI job summary):
 * the outcome, or the validation problems or error that stopped the run.
 */
public final class StageReport {

    private StageReport() {}

    /**
     * @param goal     {@code stage} or {@code resolve}
     * @param outcome  the run's outcome, or null when it stopped before (or only resolved)
     * @param problems validation problems (empty when none)
     * @param error    the error that stopped the run, or null
     * @param duration how long the run took
     */
    public static GoalReport of(String goal, String component, String version, StageOutcome outcome,
            List<Problem> problems, String error, Duration duration) {
        String result = error != null ? GoalReport.FAILED : outcome != null ? outcome.result().name() : "RESOLVED";
        // Found published, or a dry run: nothing was written, so the last report of a run that wrote stays.
        boolean didWork = outcome != null && outcome.result() != Result.ALREADY_PUBLISHED
                && outcome.result() != Result.DRY_RUN;
        ObjectNode data = GoalReport.newData();
        data.put("component", component);
        StringBuilder md = new StringBuilder();
        if (outcome != null) {
            data.put("stagingRepositoryId", outcome.areaId());
            data.put("filesUploaded", outcome.filesUploaded());
            data.put("bytesUploaded", outcome.bytesUploaded());
            data.put("durationMillis", outcome.duration().toMillis());
            ArrayNode notes = data.putArray("notes");
            outcome.notes().forEach(notes::add);
            md.append("| staging repository | uploaded |\n|---|---|\n| ")
                    .append(outcome.areaId() == null ? "" : GoalReport.cell(outcome.areaId())).append(" | ")
                    .append(outcome.filesUploaded()).append(" files, ").append(Progress.bytes(outcome.bytesUploaded()))
                    .append(" |\n");
            if (!outcome.notes().isEmpty()) {
                md.append('\n');
                outcome.notes().forEach(n -> md.append("- ").append(GoalReport.cell(n)).append('\n'));
            }
        }
        ArrayNode list = data.putArray("problems");
        for (Problem p : problems) {
            list.addObject().put("rule", p.rule()).put("where", p.where()).put("message", p.message());
        }
        if (!problems.isEmpty()) {
            md.append("\n### ").append(problems.size()).append(" problem(s)\n\n| rule | where | problem |\n|---|---|---|\n");
            problems.forEach(p -> md.append("| ").append(GoalReport.cell(p.rule())).append(" | ")
                    .append(GoalReport.cell(p.where())).append(" | ").append(GoalReport.cell(p.message())).append(" |\n"));
        }
        return new GoalReport("gio-staging:" + goal, component, version, result, didWork, duration, error, List.of(),
                md.toString(), data);
    }
}

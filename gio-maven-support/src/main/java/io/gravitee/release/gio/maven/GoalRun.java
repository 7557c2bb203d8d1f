package io.gravitee.release.gio.maven;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gravitee.release.gio.log.Console;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * One run of a goal, from its first line on, so that its report is written whatever happens: the mojo names what it
 * works on as soon as it knows, records what it did, and ends with {@link #finish} or, on any failure,
 * {@link #failed}, which writes a FAILED report saying why and what was done before.
 */
public final class GoalRun {
    private final String goal;
    private final Path directory;
    private final Console console;
    private final long started = System.nanoTime();
    private final List<String> done = Collections.synchronizedList(new ArrayList<>());
    private volatile String product;
    private volatile String version = "";
    /** Set once this run's report is written: a failure thrown after it (the goal's verdict) keeps that report. */
    private volatile boolean reported;

    /**
     * @param goal      with its prefix, e.g. {@code gio-bundle:upload}
     * @param directory where the report goes (usually {@code target/gio})
     * @param product   what the goal works on, as far as known before anything is read
     */
    public GoalRun(String goal, Path directory, String product, Console console) {
        this.goal = goal;
        this.directory = directory;
        this.product = product;
        this.console = console;
    }

    /** Names what the run works on, once known (e.g. once the manifest is read). */
    public GoalRun subject(String product, String version) {
        this.product = product;
        this.version = version == null ? "" : version;
        return this;
    }

    /** Records something the run did (written, pushed, published): a failed report lists them. */
    public void did(String what) {
        done.add(what);
    }

    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    public String goal() {
        return goal;
    }

    public Path directory() {
        return directory;
    }

    /** Writes the report of a run that ended as it should (its own result word, NOTHING_TO_DO, PLANNED...). */
    public GoalReport finish(String result, boolean didWork, String details, ObjectNode data) throws MojoExecutionException {
        GoalReport report = new GoalReport(goal, product, version, result, didWork, elapsed(), null, done(), details, data);
        return write(report);
    }

    /** Writes a report built by the goal itself (e.g. one that failed with a table of components). */
    public GoalReport write(GoalReport report) throws MojoExecutionException {
        try {
            report.write(directory);
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write the report " + report.name() + ".md in " + directory + ": "
                    + e.getMessage(), e);
        }
        reported = true;
        console.info("Report: " + directory.resolve(report.name() + ".md"));
        return report;
    }

    /**
     * Writes the FAILED report of {@code failure} and gives it back, to be thrown: {@code throw run.failed(e)}. A report
     * that cannot be written is said in a warning, never in place of the failure. When the goal wrote its own report
 * already (a FAILED one with its table), that one stays.
     */
    public <T extends Exception> T failed(T failure) {
        if (reported) {
            return failure;
        }
        String message = failure.getMessage() == null ? "failed without a message (run with -e)" : failure.getMessage();
        GoalReport report = GoalReport.failed(goal, product, version, elapsed(), message, done());
        report.writeQuietly(directory).ifPresentOrElse(console::warn,
                () -> console.info("Report: " + directory.resolve(report.name() + ".md")));
        return failure;
    }

    private List<String> done() {
        synchronized (done) {
            return List.copyOf(done);
        }
    }
}

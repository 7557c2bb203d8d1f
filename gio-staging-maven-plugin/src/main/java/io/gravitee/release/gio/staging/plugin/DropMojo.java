package io.gravitee.release.gio.staging.plugin;

import io.gravitee.release.gio.ledger.LedgerException;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.maven.Failures;
import io.gravitee.release.gio.maven.GoalReport;
import io.gravitee.release.gio.maven.GoalRun;
import io.gravitee.release.gio.staging.StagingException;
import io.gravitee.release.gio.staging.product.LeftoverAreas;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Drops the staging repositories {@code gio-staging:status} shows as left behind (open, failed, or closed and
 * never released) that are gio's: recorded in the staging ledger or marked {@code gio:...} on the server; or
 * exactly those named by {@code -Dgio.staging.drop.ids}. Released and transitioning repositories are never
 * touched. Prints the plan and drops nothing unless {@code -Dgio.staging.drop.apply=true} ({@code -Dgio.dryRun=true}
 * always only prints). The ledger is not rewritten: the next {@code stage-all} finds the dropped repositories gone
 * and starts those components afresh.
 */
@Mojo(name = "drop", requiresProject = false, aggregator = true, threadSafe = true)
public class DropMojo extends StatusMojo {

    /** Really drop; without it the goal prints what it would drop. */
    @Parameter(property = "gio.staging.drop.apply", defaultValue = "false")
    boolean apply;

    /** Drop exactly these staging repository ids (comma separated), gio's or not. */
    @Parameter(property = "gio.staging.drop.ids")
    String ids;

    /** Print only, even with apply. */
    @Parameter(property = "gio.dryRun", defaultValue = "false")
    boolean dryRun;

    @Inject
    public DropMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        Console console = Console.of(getLog()::info, getLog()::warn, getLog()::debug);
        GoalRun run = run("drop", console);
        try (LeftoverAreas areas = areas(console)) {
            LeftoverAreas.Inventory inventory = areas.inventory(ledger());
            print(inventory, console);
            Set<String> chosen = ids == null ? Set.of() : Arrays.stream(ids.split(",")).map(String::trim)
                    .filter(s -> !s.isEmpty()).collect(Collectors.toSet());
            boolean really = apply && !dryRun;
            var lines = areas.drop(inventory, chosen, really);
            lines.forEach(run::did);
            if (!really) {
                console.info(lines.isEmpty() ? "Nothing to drop." : "Nothing was dropped: run again with"
                        + " -Dgio.staging.drop.apply=true to drop " + lines.size() + " staging repositories.");
            } else if (lines.stream().anyMatch(l -> l.startsWith("could not"))) {
                throw new MojoFailureException("Some staging repositories could not be dropped:\n  "
                        + String.join("\n  ", lines));
            }
            run.finish(lines.isEmpty() ? GoalReport.NOTHING_TO_DO : really ? "DROPPED" : GoalReport.PLANNED,
                    really && !lines.isEmpty(), table(inventory), null);
        } catch (StagingException | LedgerException e) {
            throw run.failed(Failures.translate(e, AbstractStagingMojo.stagingPeers(url, stagingUrl, null)));
        } catch (MojoFailureException e) {
            throw run.failed(Failures.translate(e, AbstractStagingMojo.stagingPeers(url, stagingUrl, null)));
        }
    }
}

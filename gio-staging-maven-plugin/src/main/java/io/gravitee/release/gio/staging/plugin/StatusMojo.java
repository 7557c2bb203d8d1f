package io.gravitee.release.gio.staging.plugin;

import io.gravitee.release.gio.maven.Failures;
import io.gravitee.release.gio.maven.GoalReport;
import io.gravitee.release.gio.maven.GoalRun;
import io.gravitee.release.gio.maven.Required;
import io.gravitee.release.gio.maven.ServerCredentials;
import io.gravitee.release.gio.credentials.Credentials;
import io.gravitee.release.gio.git.GitCredentials;
import io.gravitee.release.gio.ledger.LedgerException;
import io.gravitee.release.gio.ledger.LedgerState;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.staging.StagingException;
import io.gravitee.release.gio.staging.product.LeftoverAreas;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Lists the staging repositories the staging ledger of the release repository checkout knows (read back from
 * the server), and every other one the server lists ({@code profile_repositories}, or the {@code
 * manual/search/repositories} of Sonatype's OSSRH Staging API service; from a server offering neither, only the
 * ledger's, as the output says). No {@code pom.xml} needed.
 */
@Mojo(name = "status", requiresProject = false, aggregator = true, threadSafe = true)
public class StatusMojo extends AbstractMojo {

    /**
     * The backend the staging areas were made with, as for {@code stage}: {@code nexus2}, {@code central} or
     * {@code repository}. Areas the ledger did not record are found only on a server that lists them (Nexus 2, OSSRH).
     */
    @Parameter(property = "gio.staging.backend", defaultValue = "nexus2")
    String backend;

    /** The staging server's base URL. */
    @Parameter(property = "gio.staging.url")
    String url;

    /** {@code repository} backend: the hosted repository used for staging. */
    @Parameter(property = "gio.staging.stagingUrl")
    String stagingUrl;

    /** The settings.xml server of the deployment user. */
    @Parameter(property = "gio.staging.serverId")
    String serverId;

    /** The settings.xml server holding git credentials of the release repository. */
    @Parameter(property = "gio.scm.serverId")
    String scmServerId;

    /** Where the report ({@code <goal>-report.{json,md}}) is written. */
    @Parameter(property = "gio.outputDirectory", defaultValue = "${basedir}/target/gio")
    java.io.File outputDirectory;

    @Parameter(defaultValue = "${session}", readonly = true)
    MavenSession session;

    final SettingsDecrypter decrypter;

    @Inject
    public StatusMojo(SettingsDecrypter decrypter) {
        this.decrypter = decrypter;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        Console console = Console.of(getLog()::info, getLog()::warn, getLog()::debug);
        GoalRun run = run("status", console);
        try (LeftoverAreas areas = areas(console)) {
            LeftoverAreas.Inventory inventory = areas.inventory(ledger());
            print(inventory, console);
            run.finish(inventory.leftovers().isEmpty() ? GoalReport.NOTHING_TO_DO : "LEFT_BEHIND", false,
                    table(inventory), null);
        } catch (StagingException | LedgerException e) {
            throw run.failed(Failures.translate(e, AbstractStagingMojo.stagingPeers(url, stagingUrl, null)));
        } catch (MojoFailureException e) {
            throw run.failed(Failures.translate(e, AbstractStagingMojo.stagingPeers(url, stagingUrl, null)));
        }
    }

    /** This run of {@code goal}: its report goes to {@code target/gio/<goal>-report.{json,md}}. */
    GoalRun run(String goal, Console console) {
        return new GoalRun("gio-staging:" + goal, outputDirectory.toPath(), url, console);
    }

    static String table(LeftoverAreas.Inventory inventory) {
        StringBuilder md = new StringBuilder("| staging repository | status | component (ledger) | gio's | marker |\n"
                + "|---|---|---|---|---|\n");
        for (LeftoverAreas.Row r : inventory.rows()) {
            md.append("| ").append(GoalReport.cell(r.id())).append(" | ").append(r.status()).append(" | ")
                    .append(GoalReport.cell(r.component().isEmpty() ? "" : r.component() + " " + r.ledgerState()))
                    .append(" | ").append(r.gios() ? "yes" : "no").append(" | ").append(GoalReport.cell(r.marker()))
                    .append(" |\n");
        }
        return md.append('\n').append(inventory.leftovers().size()).append(" left behind.\n").toString();
    }

    LeftoverAreas areas(Console console) throws MojoFailureException {
        AbstractStagingMojo.stagingServer(Required.of("gio-staging:" + (this instanceof DropMojo ? "drop" : "status")),
                url, serverId).verify();
        Credentials credentials = ServerCredentials.resolve(session.getSettings(), decrypter, serverId,
                "gio.staging.serverId");
        return new LeftoverAreas(new BackendSelection(backend, url, stagingUrl, null, null, 1, Duration.ofSeconds(2),
                Long.MAX_VALUE).create(credentials, console), url, credentials, console);
    }

    Optional<LedgerState> ledger() throws MojoFailureException {
        GitCredentials git = null;
        if (scmServerId != null && !scmServerId.isBlank()) {
            Credentials c = ServerCredentials.resolve(session.getSettings(), decrypter, scmServerId, "gio.scm.serverId");
            git = new GitCredentials(c.username(), c.secret());
        }
        Path dir = Path.of(session.getRequest().getBaseDirectory() == null ? System.getProperty("user.dir")
                : session.getRequest().getBaseDirectory());
        return LeftoverAreas.ledgerOf(dir, git);
    }

    static void print(LeftoverAreas.Inventory inventory, Console console) {
        console.info(String.format("  %-26s  %-10s  %-24s  %-10s  %s", "staging repository", "status", "component (ledger)",
                "gio's", "marker"));
        for (LeftoverAreas.Row r : inventory.rows()) {
            console.info(String.format("  %-26s  %-10s  %-24s  %-10s  %s", r.id(), r.status(),
                    r.component().isEmpty() ? "" : r.component() + " " + r.ledgerState(), r.gios() ? "yes" : "no",
                    r.marker()));
        }
        console.info("  " + inventory.leftovers().size() + " left behind (open, failed, or closed and not released)"
                + (inventory.serverListed() ? "" : "; the server cannot list staging repositories:"
                        + " only those the ledger recorded are shown"));
    }
}

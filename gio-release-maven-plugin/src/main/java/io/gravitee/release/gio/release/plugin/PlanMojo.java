package io.gravitee.release.gio.release.plugin;

import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.manifest.Manifest;
import io.gravitee.release.gio.manifest.ManifestException;
import io.gravitee.release.gio.maven.GoalReport;
import io.gravitee.release.gio.maven.GoalRun;
import io.gravitee.release.gio.release.plan.ReleasePlan;
import io.gravitee.release.gio.release.plan.ReleasePlanner;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Prints the waves of pending components of a release manifest and what is already done, and
 * writes the plan to {@code target/gio/release-plan.json} (and, as every goal, {@code plan-report.{json,md}}). Reads only: safe to run at any time,
 * in the release repository checkout (no {@code pom.xml} needed).
 */
@Mojo(name = "plan", requiresProject = false, threadSafe = true)
public class PlanMojo extends AbstractMojo {

    /** The release manifest, relative to the directory Maven runs in. */
    @Parameter(property = "gio.manifest", defaultValue = "release.json")
    private File manifest;

    /** Where reports and plans are written. */
    @Parameter(property = "gio.outputDirectory", defaultValue = "${basedir}/target/gio")
    private File outputDirectory;

    /** Git URL of a component, {@code {name}} being its name and {@code ${scmHttpUrl}} the manifest's. */
    @Parameter(property = "gio.scm.urlTemplate", defaultValue = "${scmHttpUrl}{name}.git")
    private String urlTemplate;

    /** The {@code <server>} of settings.xml holding git credentials. */
    @Parameter(property = "gio.scm.serverId")
    private String scmServerId;

    /** Only read the manifest: do not ask the release repository and the components' remotes. */
    @Parameter(property = "gio.plan.offline", defaultValue = "false")
    private boolean offline;

    @Parameter(defaultValue = "${session}", readonly = true)
    private org.apache.maven.execution.MavenSession session;

    private final org.apache.maven.settings.crypto.SettingsDecrypter decrypter;

    @javax.inject.Inject
    public PlanMojo(org.apache.maven.settings.crypto.SettingsDecrypter decrypter) {
        this.decrypter = decrypter;
    }

    /** Also reject names in {@code buildDependencies} that are not components of the manifest. */
    @Parameter(property = "gio.manifest.strict", defaultValue = "false")
    private boolean strict;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        Console console = Console.of(getLog()::info, getLog()::warn, getLog()::debug);
        GoalRun run = new GoalRun("gio-release:plan", outputDirectory.toPath(), manifest.getName(), console);
        ReleasePlan plan;
        try {
            Manifest release = Manifest.read(manifest.toPath(), strict);
            run.subject(release.name(), release.version().release().toString());
            ReleasePlanner planner = new ReleasePlanner(console);
            if (offline) {
                plan = planner.plan(release);
            } else {
                var git = io.gravitee.release.gio.maven.ServerCredentials.resolveOptional(session.getSettings(), decrypter,
                        scmServerId, "gio.scm.serverId").map(c -> new io.gravitee.release.gio.git.GitCredentials(
                        c.username(), c.secret()));
                String template = urlTemplate.replace("${scmHttpUrl}", release.scmHttpUrl().orElse(""));
                plan = planner.plan(release, manifest.toPath().toAbsolutePath().getParent(),
                        name -> template.replace("{name}", name), git);
            }
        } catch (ManifestException e) {
            throw run.failed(new MojoFailureException(e.getMessage(), e));
        }
        plan.print(console);
        Path out = outputDirectory.toPath().resolve("release-plan.json");
        try {
            Files.createDirectories(out.getParent());
            Files.writeString(out, plan.toJson());
        } catch (IOException e) {
            throw run.failed(new MojoExecutionException("Cannot write " + out + ": " + e.getMessage(), e));
        }
        console.info("Plan written to " + out);
        StringBuilder md = new StringBuilder();
        plan.status().forEach((component, status) -> md.append("- ").append(GoalReport.cell(component)).append(": ")
                .append(GoalReport.cell(status)).append('\n'));
        run.finish(plan.status().isEmpty() ? GoalReport.NOTHING_TO_DO : GoalReport.PLANNED, false,
                md.append("\nThe whole plan: `").append(out).append("`.\n").toString(), null);
    }
}

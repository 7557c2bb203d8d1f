package io.gravitee.release.gio.release.plugin;

import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.manifest.Manifest;
import io.gravitee.release.gio.manifest.ManifestException;
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
 * writes the plan to {@code target/gio/release-plan.json}. Reads only: safe to run at any time,
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

    /** Also reject names in {@code buildDependencies} that are not components of the manifest. */
    @Parameter(property = "gio.manifest.strict", defaultValue = "false")
    private boolean strict;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        Console console = Console.of(getLog()::info, getLog()::warn, getLog()::debug);
        ReleasePlan plan;
        try {
            Manifest release = Manifest.read(manifest.toPath(), strict);
            plan = new ReleasePlanner(console).plan(release);
        } catch (ManifestException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        plan.print(console);
        Path out = outputDirectory.toPath().resolve("release-plan.json");
        try {
            Files.createDirectories(out.getParent());
            Files.writeString(out, plan.waves().toJson());
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write " + out + ": " + e.getMessage(), e);
        }
        console.info("Plan written to " + out);
    }
}

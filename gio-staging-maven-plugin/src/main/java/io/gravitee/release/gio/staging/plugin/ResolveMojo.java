package io.gravitee.release.gio.staging.plugin;

import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.maven.GoalRun;
import io.gravitee.release.gio.staging.resolve.ResolvedComponent;
import io.gravitee.release.gio.staging.validate.Problem;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/**
 * Resolves every file of every released module (pom, main artifact, sources, javadoc, other classifiers and
 * their {@code .asc}) from {@code -Dgio.staging.sourceRepository} at the release tag into
 * {@code target/gio-staging/files}, verifies checksums, validates everything against Maven Central's rules and
 * prints one report of every problem ({@code target/gio/resolve-report.{json,md}}). Writes nothing elsewhere.
 */
@Mojo(name = "resolve", aggregator = true, threadSafe = true)
public class ResolveMojo extends AbstractStagingMojo {

    @Inject
    public ResolveMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem) {
        super(decrypter, repositorySystem);
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        Console console = console();
        GoalRun run = run("resolve", console);
        try {
            required("resolve").verify();
            ResolvedComponent component = resolve(console);
            List<Problem> problems = validate(component, console);
            report(run, "resolve", component.root().artifactId(), component.root().version(), null, problems,
                    problems.isEmpty() ? null : summary(problems));
            if (!problems.isEmpty()) {
                throw new MojoFailureException(summary(problems));
            }
            console.info("Resolved " + component.files().size() + " files into " + component.directory());
        } catch (MojoFailureException e) {
            throw run.failed(e);
        } catch (MojoExecutionException e) {
            throw run.failed(e);
        }
    }
}

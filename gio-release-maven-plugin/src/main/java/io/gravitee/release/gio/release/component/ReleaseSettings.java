package io.gravitee.release.gio.release.component;

import io.gravitee.release.gio.git.GitCredentials;
import io.gravitee.release.gio.release.build.DeployRepository;
import io.gravitee.release.gio.release.build.MavenBuild;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * How components are released: where their remotes are, how they are built and deployed, and
 * whether anything may be written ({@code dryRun} builds and deploys into {@code dryRunRepository},
 * commits and tags locally, and pushes nothing).
 *
 * @param urlTemplate a component's git URL with {@code {name}} for its name
 * @param branchOverride a branch to release every component from instead of master / M.m.x
 */
public record ReleaseSettings(
        String urlTemplate,
        Optional<GitCredentials> gitCredentials,
        Optional<String> branchOverride,
        DeployRepository deployRepository,
        String profile,
        MavenBuild build,
        Optional<Path> userSettings,
        Optional<Path> globalSettings,
        Optional<Path> localRepository,
        Path workDirectory,
        Duration buildTimeout,
        PersonIdent author,
        boolean dryRun,
        Path dryRunRepository) {

    public String urlOf(String component) {
        return urlTemplate.replace("{name}", component);
    }
}

package io.gravitee.release.gio.release.component;

import io.gravitee.release.gio.git.GitCredentials;
import io.gravitee.release.gio.release.build.DeployRepository;
import io.gravitee.release.gio.release.build.MavenBuild;
import io.gravitee.release.gio.release.build.RepositoryReleases;
import io.gravitee.release.gio.release.pom.PropertyUpdates;
import io.gravitee.release.gio.release.pom.ReleaseLookup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * How components are released: where their remotes are, how they are built and deployed, and
 * whether anything may be written ({@code dryRun} builds and deploys into {@code dryRunRepository},
 * commits and tags locally, and pushes nothing).
 *
 * @param urlTemplate a component's git URL with {@code {name}} for its name
 * @param branchOverride a branch to release every component from instead of master / M.m.x
 * @param releases where io.gravitee snapshots are looked for as releases before a build (the deploy repository,
 *     then {@code -Dgio.release.lookupRepositories})
 * @param propertyUpdates the opt-in {@code -Dgio.release.updateProperties}
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
        Path dryRunRepository,
        ReleaseLookup releases,
        Optional<PropertyUpdates> propertyUpdates) {

    /** Snapshots are looked for as releases in the deploy repository only; no property is updated. */
    public ReleaseSettings(String urlTemplate, Optional<GitCredentials> gitCredentials, Optional<String> branchOverride,
                           DeployRepository deployRepository, String profile, MavenBuild build,
                           Optional<Path> userSettings, Optional<Path> globalSettings, Optional<Path> localRepository,
                           Path workDirectory, Duration buildTimeout, PersonIdent author, boolean dryRun,
                           Path dryRunRepository) {
        this(urlTemplate, gitCredentials, branchOverride, deployRepository, profile, build, userSettings, globalSettings,
                localRepository, workDirectory, buildTimeout, author, dryRun, dryRunRepository,
                new RepositoryReleases(List.of(deployRepository)), Optional.empty());
    }

    /** These settings, looking for releases with {@code lookup} and updating properties as {@code updates} says. */
    public ReleaseSettings withAlignment(ReleaseLookup lookup, Optional<PropertyUpdates> updates) {
        return new ReleaseSettings(urlTemplate, gitCredentials, branchOverride, deployRepository, profile, build,
                userSettings, globalSettings, localRepository, workDirectory, buildTimeout, author, dryRun,
                dryRunRepository, lookup, updates);
    }

    public String urlOf(String component) {
        return urlTemplate.replace("{name}", component);
    }
}

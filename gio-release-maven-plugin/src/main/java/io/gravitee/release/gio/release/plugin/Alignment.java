package io.gravitee.release.gio.release.plugin;

import io.gravitee.release.gio.credentials.Credentials;
import io.gravitee.release.gio.maven.ServerCredentials;
import io.gravitee.release.gio.release.build.DeployRepository;
import io.gravitee.release.gio.release.build.RepositoryReleases;
import io.gravitee.release.gio.release.component.ReleaseSettings;
import io.gravitee.release.gio.release.pom.PropertyUpdates;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * What {@code release} and {@code component} share about alignment: {@code -Dgio.release.lookupRepositories}
 * ({@code id::url} list, each id also a settings.xml server) looked at after the deploy repository for releases of
 * io.gravitee snapshots, and the opt-in {@code -Dgio.release.updateProperties}.
 */
final class Alignment {
    private Alignment() {}

    /** The deploy repository, then the lookup repositories. */
    static RepositoryReleases releases(DeployRepository deployRepository, String lookupRepositories,
                                       Settings mavenSettings, SettingsDecrypter decrypter) throws MojoFailureException {
        List<DeployRepository> repositories = new ArrayList<>();
        repositories.add(deployRepository);
        if (lookupRepositories != null) {
            for (String spec : lookupRepositories.split(",")) {
                if (spec.isBlank()) {
                    continue;
                }
                int separator = spec.indexOf("::");
                Optional<Credentials> credentials = ServerCredentials.resolveOptional(mavenSettings, decrypter,
                        separator > 0 ? spec.trim().substring(0, separator) : "", "gio.release.lookupRepositories");
                try {
                    repositories.add(DeployRepository.parse(spec.trim(), credentials));
                } catch (IllegalArgumentException e) {
                    throw new MojoFailureException("-Dgio.release.lookupRepositories: " + e.getMessage()
                            .replace("-Dgio.release.deployRepository must be", "each entry must be"), e);
                }
            }
        }
        return new RepositoryReleases(repositories);
    }

    static ReleaseSettings apply(ReleaseSettings settings, RepositoryReleases releases, String updateProperties) {
        return settings.withAlignment(releases, PropertyUpdates.parse(updateProperties));
    }
}

package io.gravitee.release.gio.staging.plugin;

import io.gravitee.release.gio.staging.StagingException;
import java.util.function.Supplier;
import io.gravitee.release.gio.credentials.Credentials;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.staging.backend.StagingBackend;
import io.gravitee.release.gio.staging.central.CentralBackend;
import io.gravitee.release.gio.staging.central.CentralOptions;
import io.gravitee.release.gio.staging.nexus2.Nexus2Backend;
import io.gravitee.release.gio.staging.nexus2.Nexus2Options;
import io.gravitee.release.gio.staging.repository.RepositoryBackend;
import io.gravitee.release.gio.staging.repository.RepositoryOptions;
import java.time.Duration;
import org.apache.maven.plugin.MojoFailureException;

/**
 * The one place mapping {@code -Dgio.staging.backend} and its properties to a {@link StagingBackend}.
 *
 * @param backend        {@code nexus2}, {@code central} or {@code repository}
 * @param url            Nexus 2 base URL, Central Portal base URL, or the release repository
 * @param stagingUrl     the staging hosted repository ({@code repository} only)
 * @param profileId      Nexus 2 staging profile, or null
 * @param publicUrl      where published files are served, or null for the backend's default
 * @param threads        parallel transfers
 * @param pollInterval   between two status reads
 * @param maxBundleBytes the Central Portal's bundle size limit
 */
record BackendSelection(String backend, String url, String stagingUrl, String profileId, String publicUrl, int threads,
        Duration pollInterval, long maxBundleBytes) {

    static final String NAMES = "nexus2, central, repository";

    /** Fails on an unknown backend or a missing property, before anything is resolved. */
    void check() throws MojoFailureException {
        switch (backend == null ? "" : backend) {
            case "nexus2", "central" -> { }
            case "repository" -> {
                if (stagingUrl == null || stagingUrl.isBlank()) {
                    throw new MojoFailureException("-Dgio.staging.backend=repository needs -Dgio.staging.stagingUrl: the"
                            + " hosted repository (redeploy allowed) where files wait before their promotion into"
                            + " -Dgio.staging.url");
                }
            }
            default -> throw new MojoFailureException("Unknown -Dgio.staging.backend=" + backend + ": use one of " + NAMES);
        }
    }

    /**
     * Fresh backends for the orchestrated goals, which need one per component (a backend keeps per-run state, such
     * as the evaluated staging profile). Checked now, so that a bad selection fails before anything is resolved.
     */
    Supplier<StagingBackend> factory(Credentials credentials, Console console) throws MojoFailureException {
        create(credentials, console);
        return () -> {
            try {
                return create(credentials, console);
            } catch (MojoFailureException e) {
                throw new StagingException(e.getMessage());
            }
        };
    }

    StagingBackend create(Credentials credentials, Console console) throws MojoFailureException {
        check();
        try {
            return switch (backend) {
                case "nexus2" -> new Nexus2Backend(Nexus2Options.of(url, credentials, profileId).withPublicUrl(publicUrl)
                        .withThreads(threads).withTimings(Duration.ofMinutes(2), pollInterval), console);
                case "central" -> new CentralBackend(CentralOptions.of(url, credentials).withPublicUrl(publicUrl)
                        .withTimings(Duration.ofMinutes(5), pollInterval).withMaxBundleBytes(maxBundleBytes), console);
                default -> new RepositoryBackend(RepositoryOptions.of(url, stagingUrl, credentials).withThreads(threads),
                        console);
            };
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }
}

package io.gravitee.release.gio.staging.product;

import io.gravitee.release.gio.credentials.Credentials;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.staging.StagingException;
import io.gravitee.release.gio.staging.backend.StagingBackend;
import io.gravitee.release.gio.staging.nexus2.Nexus2Backend;
import io.gravitee.release.gio.staging.nexus2.Nexus2Options;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The backends the orchestrated goals can stage through. Only {@code nexus2} for now: this is meant to be
 * replaced by the single backend selection of {@code gio-staging:stage} once {@code central} and
 * {@code repository} exist there.
 *
 * @param name        {@code nexus2}
 * @param url         the staging server's base URL
 * @param credentials the deployment user
 * @param profileId   the staging profile, null to evaluate it
 * @param publicUrl   where released files are served, null for the server's default
 * @param threads     parallel uploads per staging area
 * @param pollInterval between two reads of a transitioning area
 */
public record ProductBackends(String name, String url, Credentials credentials, String profileId, String publicUrl,
        int threads, Duration pollInterval) {

    /** A factory of fresh backends (a backend remembers per-run state, e.g. the evaluated profile). */
    public Supplier<StagingBackend> factory(Console console) {
        if (!"nexus2".equals(name)) {
            throw new StagingException("-Dgio.staging.backend=" + name + " is not available for the orchestrated goals"
                    + " yet: use nexus2");
        }
        Nexus2Options options = Nexus2Options.of(url, credentials, profileId).withPublicUrl(publicUrl)
                .withThreads(threads).withTimings(Duration.ofMinutes(2), pollInterval);
        return () -> new Nexus2Backend(options, console);
    }
}

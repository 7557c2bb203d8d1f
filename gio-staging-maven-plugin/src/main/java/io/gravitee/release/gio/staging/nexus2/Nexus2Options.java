package io.gravitee.release.gio.staging.nexus2;

import io.gravitee.release.gio.credentials.Credentials;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach a Nexus 2 staging server.
 *
 * @param url            base URL ({@code https://oss.sonatype.org}): the API is under {@code service/local/}
 * @param credentials    the deployment user
 * @param profileId      the staging profile, or null to ask {@code profile_evaluate} for the groupId's profile
 * @param publicUrl      where released files are served, to check what is already published; null for the
 *                       server's default, chosen by {@link PublicRepository}: {@code url/content/repositories/releases}
 *                       on a full Nexus 2, Maven Central on the OSSRH Staging API service
 * @param requestTimeout per request; a stalled request past it is retried (idempotent ones) or inspected
 * @param pollInterval   between two reads of a transitioning repository
 * @param threads        parallel uploads
 */
public record Nexus2Options(
        String url,
        Credentials credentials,
        String profileId,
        String publicUrl,
        Duration requestTimeout,
        Duration pollInterval,
        int threads) {

    public Nexus2Options {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(credentials, "credentials");
        url = strip(url);
        publicUrl = publicUrl == null || publicUrl.isBlank() ? null : strip(publicUrl);
        profileId = profileId == null || profileId.isBlank() ? null : profileId.trim();
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(pollInterval, "pollInterval");
        threads = Math.max(1, threads);
    }

    /** Defaults: 2 minute requests, polls every 2 s, 4 parallel uploads. */
    public static Nexus2Options of(String url, Credentials credentials, String profileId) {
        return new Nexus2Options(url, credentials, profileId, null, Duration.ofMinutes(2), Duration.ofSeconds(2), 4);
    }

    public Nexus2Options withTimings(Duration requestTimeout, Duration pollInterval) {
        return new Nexus2Options(url, credentials, profileId, publicUrl, requestTimeout, pollInterval, threads);
    }

    public Nexus2Options withThreads(int count) {
        return new Nexus2Options(url, credentials, profileId, publicUrl, requestTimeout, pollInterval, count);
    }

    public Nexus2Options withPublicUrl(String url) {
        return new Nexus2Options(this.url, credentials, profileId, url, requestTimeout, pollInterval, threads);
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

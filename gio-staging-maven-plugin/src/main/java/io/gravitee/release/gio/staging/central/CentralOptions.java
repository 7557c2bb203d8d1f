package io.gravitee.release.gio.staging.central;

import io.gravitee.release.gio.credentials.Credentials;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the Central Portal Publisher API.
 *
 * @param url            the Portal's base URL ({@code https://central.sonatype.com}); the API is under
 *                       {@code api/v1/publisher/}
 * @param credentials    the Portal user token (name and password), sent as {@code Bearer base64(name:password)}
 * @param publicUrl      where published files are served (e.g. {@code https://repo1.maven.org/maven2}), to compare
 *                       the checksums of what is already out; null to trust {@code GET /published} alone
 * @param requestTimeout per request
 * @param pollInterval   between two status reads of a deployment
 * @param maxBundleBytes the Portal's upload limit: a larger bundle is split per Maven component
 */
public record CentralOptions(
        String url,
        Credentials credentials,
        String publicUrl,
        Duration requestTimeout,
        Duration pollInterval,
        long maxBundleBytes) {

    /** The Portal's documented upload limit (1 GB). */
    public static final long PORTAL_MAX_BUNDLE_BYTES = 1024L * 1024 * 1024;

    public CentralOptions {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(credentials, "credentials");
        url = strip(url);
        publicUrl = publicUrl == null || publicUrl.isBlank() ? null : strip(publicUrl);
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (maxBundleBytes <= 0) {
            throw new IllegalArgumentException("maxBundleBytes must be positive: " + maxBundleBytes);
        }
    }

    /** Defaults: 5 minute requests (bundles are large), polls every 5 s, the Portal's 1 GB limit. */
    public static CentralOptions of(String url, Credentials credentials) {
        return new CentralOptions(url, credentials, null, Duration.ofMinutes(5), Duration.ofSeconds(5),
                PORTAL_MAX_BUNDLE_BYTES);
    }

    public CentralOptions withTimings(Duration requestTimeout, Duration pollInterval) {
        return new CentralOptions(url, credentials, publicUrl, requestTimeout, pollInterval, maxBundleBytes);
    }

    public CentralOptions withPublicUrl(String publicUrl) {
        return new CentralOptions(url, credentials, publicUrl, requestTimeout, pollInterval, maxBundleBytes);
    }

    public CentralOptions withMaxBundleBytes(long max) {
        return new CentralOptions(url, credentials, publicUrl, requestTimeout, pollInterval, max);
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

package io.gravitee.release.gio.staging.repository;

import io.gravitee.release.gio.credentials.Credentials;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where two-phase staging writes: a release repository (redeploy disabled) and a hosted repository used for
 * staging (redeploy allowed), on the same server and under the same credentials.
 *
 * @param releaseUrl     the release repository ({@code -Dgio.staging.url}), e.g. {@code .../repository/maven-releases}
 * @param stagingUrl     the staging repository ({@code -Dgio.staging.stagingUrl}), e.g. {@code .../repository/gio-staging}
 * @param credentials    the deployment user
 * @param requestTimeout per request
 * @param threads        parallel transfers
 */
public record RepositoryOptions(String releaseUrl, String stagingUrl, Credentials credentials, Duration requestTimeout,
        int threads) {

    private static final Pattern NEXUS3 = Pattern.compile("^(https?://.+?)/repository/([^/]+)$");

    public RepositoryOptions {
        Objects.requireNonNull(releaseUrl, "releaseUrl");
        Objects.requireNonNull(stagingUrl, "stagingUrl");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        releaseUrl = strip(releaseUrl);
        stagingUrl = strip(stagingUrl);
        if (releaseUrl.equals(stagingUrl)) {
            throw new IllegalArgumentException("The staging repository (-Dgio.staging.stagingUrl) must not be the"
                    + " release repository (-Dgio.staging.url): " + releaseUrl);
        }
        threads = Math.max(1, threads);
    }

    /** Defaults: 2 minute requests, 4 parallel transfers. */
    public static RepositoryOptions of(String releaseUrl, String stagingUrl, Credentials credentials) {
        return new RepositoryOptions(releaseUrl, stagingUrl, credentials, Duration.ofMinutes(2), 4);
    }

    public RepositoryOptions withThreads(int count) {
        return new RepositoryOptions(releaseUrl, stagingUrl, credentials, requestTimeout, count);
    }

    public RepositoryOptions withRequestTimeout(Duration timeout) {
        return new RepositoryOptions(releaseUrl, stagingUrl, credentials, timeout, threads);
    }

    /** The Nexus 3 base URL of the staging repository, or null when its URL is not {@code <base>/repository/<name>}. */
    String nexusBase() {
        Matcher m = NEXUS3.matcher(stagingUrl);
        return m.matches() ? m.group(1) : null;
    }

    /** The staging repository's name (last path segment). */
    String stagingName() {
        return stagingUrl.substring(stagingUrl.lastIndexOf('/') + 1);
    }

    private static String strip(String url) {
        String out = url.strip();
        while (out.endsWith("/")) {
            out = out.substring(0, out.length() - 1);
        }
        return out;
    }
}

package io.gravitee.release.gio.sandbox.central;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Configuration of a {@link CentralEmulator}.
 *
 * @param username           user token name: clients send {@code Bearer base64(username:password)}
 * @param password           user token password
 * @param namespaces         the verified namespaces (group ids, children included) the user may publish to; empty
 *                           for any
 * @param validationDuration how long a deployment stays {@code VALIDATING}
 * @param publishingDuration how long a deployment stays {@code PUBLISHING}
 * @param maxBundleBytes     the largest bundle accepted by {@code upload}; the Portal documents 1 GB
 */
public record CentralConfig(
        String username,
        String password,
        List<String> namespaces,
        Duration validationDuration,
        Duration publishingDuration,
        long maxBundleBytes) {

    /** The Portal's documented upload limit: "You can upload an archive up to 1GB in size". */
    public static final long PORTAL_MAX_BUNDLE_BYTES = 1024L * 1024 * 1024;

    public CentralConfig {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        namespaces = List.copyOf(namespaces);
        Objects.requireNonNull(validationDuration, "validationDuration");
        Objects.requireNonNull(publishingDuration, "publishingDuration");
        if (validationDuration.isNegative() || publishingDuration.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
        if (maxBundleBytes <= 0) {
            throw new IllegalArgumentException("maxBundleBytes must be positive: " + maxBundleBytes);
        }
    }

    /** Token {@code central}/{@code central123}, any namespace, 300 ms validation and publishing, 1 GB bundles. */
    public static CentralConfig defaults() {
        return new CentralConfig("central", "central123", List.of(), Duration.ofMillis(300), Duration.ofMillis(300),
                PORTAL_MAX_BUNDLE_BYTES);
    }

    public CentralConfig withCredentials(String username, String password) {
        return new CentralConfig(username, password, namespaces, validationDuration, publishingDuration, maxBundleBytes);
    }

    public CentralConfig withNamespaces(List<String> namespaces) {
        return new CentralConfig(username, password, namespaces, validationDuration, publishingDuration, maxBundleBytes);
    }

    public CentralConfig withDurations(Duration validation, Duration publishing) {
        return new CentralConfig(username, password, namespaces, validation, publishing, maxBundleBytes);
    }

    public CentralConfig withMaxBundleBytes(long maxBundleBytes) {
        return new CentralConfig(username, password, namespaces, validationDuration, publishingDuration, maxBundleBytes);
    }

    /** True when {@code groupId} is within a verified namespace. */
    public boolean allows(String groupId) {
        return namespaces.isEmpty()
                || namespaces.stream().anyMatch(n -> groupId.equals(n) || groupId.startsWith(n + "."));
    }

    @Override
    public String toString() {
        return "CentralConfig[username=" + username + ", password=****, namespaces=" + namespaces
                + ", validationDuration=" + validationDuration + ", publishingDuration=" + publishingDuration
                + ", maxBundleBytes=" + maxBundleBytes + "]";
    }
}

package io.gravitee.release.gio.sandbox.central;

import java.time.Instant;

/**
 * One request a {@link CentralEmulator} answered, faulted or reset.
 *
 * @param time          when it arrived
 * @param method        HTTP method
 * @param path          request path
 * @param query         raw query string, or empty
 * @param status        the status sent, or -1 when the connection was reset
 * @param requestBytes  bytes of bundle received (uploads)
 * @param responseBytes bytes of response body sent
 * @param fault         the injected fault ({@code RESPOND}, {@code RESET}, {@code STALL}), or null
 */
public record LoggedRequest(
        Instant time, String method, String path, String query, int status, long requestBytes, long responseBytes,
        String fault) {}

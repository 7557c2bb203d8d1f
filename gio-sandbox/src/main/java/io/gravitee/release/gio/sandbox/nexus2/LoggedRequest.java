package io.gravitee.release.gio.sandbox.nexus2;

import java.time.Instant;

/**
 * One request the emulator answered (or faulted).
 *
 * @param time          when it arrived
 * @param method        HTTP method
 * @param path          request path, without the query
 * @param status        the status sent, or -1 when the connection was reset
 * @param requestBytes  bytes of request body stored (uploads)
 * @param responseBytes bytes of response body sent
 * @param fault         the injected fault ({@code RESPOND}, {@code RESET}, {@code STALL}), or null
 */
public record LoggedRequest(
        Instant time, String method, String path, int status, long requestBytes, long responseBytes, String fault) {

    /** True for a successful upload (PUT answered 2xx). */
    public boolean isStoredUpload() {
        return "PUT".equals(method) && status >= 200 && status < 300;
    }
}

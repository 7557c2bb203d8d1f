package io.gravitee.release.gio.sandbox.http;

import java.time.Instant;

/**
 * One request an emulator answered, faulted or reset.
 *
 * @param time          when it arrived
 * @param method        HTTP method
 * @param path          request path, without the query
 * @param query         raw query string, or empty
 * @param status        the status sent, or -1 when the connection was reset
 * @param requestBytes  bytes of request body received (uploads)
 * @param responseBytes bytes of response body sent
 * @param fault         the injected fault ({@code RESPOND}, {@code RESET}, {@code STALL}), or null
 */
public record LoggedRequest(
        Instant time, String method, String path, String query, int status, long requestBytes, long responseBytes,
        String fault) {

    /** True for a successful upload (PUT answered 2xx): the server stored the file. */
    public boolean isStoredUpload() {
        return "PUT".equals(method) && status >= 200 && status < 300;
    }
}

package io.gravitee.release.gio.sandbox.http;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One fault an emulator injects: which requests it matches (method and a regular expression over the whole request
 * path, e.g. {@code /service/local/staging/bulk/close}), when it fires (the nth matching request, every one, or with a
 * probability drawn from the injector's seeded random), and what it does.
 *
 * <pre>{@code
 * FaultRule.on("PUT", ".*deployByRepositoryId/.*\\.jar").nth(2).respond(503)
 * FaultRule.on("POST", "/service/local/staging/bulk/promote").always().afterHandling().reset()
 * FaultRule.on("GET", "/service/local/staging/repository/[^/]+").probability(0.1).stall(Duration.ofSeconds(5))
 * }</pre>
 *
 * @param method       HTTP method, or {@code *} for any
 * @param path         matched against the whole request path
 * @param nthMatch     fire on this matching request only (1-based); 0 when not counted
 * @param chance       fire with this probability; used when {@code nthMatch} is 0
 * @param action       what happens
 * @param status       the status of a {@link Action#RESPOND} fault
 * @param stallDuration the delay of a {@link Action#STALL} fault
 * @param whenHandled  apply the fault after the server did the work (the client never learns it succeeded)
 */
public record FaultRule(
        String method,
        Pattern path,
        int nthMatch,
        double chance,
        Action action,
        int status,
        Duration stallDuration,
        boolean whenHandled) {

    /** What a fault does to the request. */
    public enum Action {
        /** Answer with {@link #status()} and the emulated server's error body. */
        RESPOND,
        /** Reset the TCP connection (RST) without an answer. */
        RESET,
        /** Sleep {@link #stallDuration()} then handle the request normally. */
        STALL
    }

    public FaultRule {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(stallDuration, "stallDuration");
        if (nthMatch < 0) {
            throw new IllegalArgumentException("nthMatch must be >= 1 (or 0 for a probability): " + nthMatch);
        }
        if (chance < 0 || chance > 1) {
            throw new IllegalArgumentException("chance must be within [0, 1]: " + chance);
        }
    }

    /** Starts a rule matching {@code method} ({@code *} for any) and {@code pathRegex}; it fires on every match until narrowed. */
    public static FaultRule on(String method, String pathRegex) {
        return new FaultRule(method, Pattern.compile(pathRegex), 0, 1.0, Action.RESPOND, 503, Duration.ZERO, false);
    }

    /** Fires on the nth matching request only (1-based). */
    public FaultRule nth(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("nth is 1-based: " + n);
        }
        return new FaultRule(method, path, n, chance, action, status, stallDuration, whenHandled);
    }

    /** Fires on every matching request. */
    public FaultRule always() {
        return new FaultRule(method, path, 0, 1.0, action, status, stallDuration, whenHandled);
    }

    /** Fires on a matching request with this probability (the injector's random is seeded). */
    public FaultRule probability(double p) {
        return new FaultRule(method, path, 0, p, action, status, stallDuration, whenHandled);
    }

    /** Lets the server do the work, then applies the fault to the answer. */
    public FaultRule afterHandling() {
        return new FaultRule(method, path, nthMatch, chance, action, status, stallDuration, true);
    }

    public FaultRule respond(int httpStatus) {
        return new FaultRule(method, path, nthMatch, chance, Action.RESPOND, httpStatus, stallDuration, whenHandled);
    }

    public FaultRule reset() {
        return new FaultRule(method, path, nthMatch, chance, Action.RESET, status, stallDuration, whenHandled);
    }

    public FaultRule stall(Duration duration) {
        return new FaultRule(method, path, nthMatch, chance, Action.STALL, status, duration, whenHandled);
    }

    boolean matches(String requestMethod, String requestPath) {
        return ("*".equals(method) || method.equalsIgnoreCase(requestMethod)) && path.matcher(requestPath).matches();
    }
}

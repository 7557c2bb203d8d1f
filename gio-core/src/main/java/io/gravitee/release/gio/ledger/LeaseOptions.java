package io.gravitee.release.gio.ledger;

import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

/**
 * How to take the orchestration lease.
 *
 * @param ttl how long the lease stays valid without renewal ({@code -Dgio.lock.ttl} seconds, default 120)
 * @param force take over a lease that still looks alive ({@code -Dgio.lock.force=true}), for when a
 *     person knows its holder is dead
 * @param note free text shown to whoever is refused (e.g. "release 4.8.0 by the release manager")
 */
public record LeaseOptions(Duration ttl, boolean force, String note) {

    /** Default TTL when {@code gio.lock.ttl} is not set. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(120);

    public LeaseOptions {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.toMillis() < 300) {
            throw new IllegalArgumentException("gio.lock.ttl must be a positive number of seconds, got " + ttl);
        }
    }

    public static LeaseOptions defaults() {
        return new LeaseOptions(DEFAULT_TTL, false, null);
    }

    /** Reads {@code gio.lock.ttl} (seconds), {@code gio.lock.force} and {@code gio.lock.note}. */
    public static LeaseOptions fromProperties(Properties properties) {
        String ttl = properties.getProperty("gio.lock.ttl");
        Duration duration = DEFAULT_TTL;
        if (ttl != null && !ttl.isBlank()) {
            try {
                duration = Duration.ofSeconds(Long.parseLong(ttl.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("gio.lock.ttl must be a number of seconds, got '" + ttl + "'", e);
            }
        }
        return new LeaseOptions(duration, Boolean.parseBoolean(properties.getProperty("gio.lock.force", "false")),
                properties.getProperty("gio.lock.note"));
    }

    public LeaseOptions withForce(boolean force) {
        return new LeaseOptions(ttl, force, note);
    }
}

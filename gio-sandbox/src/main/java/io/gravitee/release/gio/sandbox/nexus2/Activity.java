package io.gravitee.release.gio.sandbox.nexus2;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One staging activity (open, close, release) of a repository and its events. Guarded by the store's lock. */
final class Activity {
    final String name;
    final Instant started = Instant.now();
    final String userId;
    final String ipAddress;
    Instant stopped;
    final List<ActivityEvent> events = new ArrayList<>();

    Activity(String name, String userId, String ipAddress) {
        this.name = name;
        this.userId = userId;
        this.ipAddress = ipAddress;
    }
}

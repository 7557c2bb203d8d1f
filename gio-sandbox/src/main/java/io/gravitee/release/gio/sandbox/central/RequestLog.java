package io.gravitee.release.gio.sandbox.central;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Every request a {@link CentralEmulator} saw, in order of completion. Thread-safe. */
public final class RequestLog {
    private final List<LoggedRequest> entries = new ArrayList<>();

    synchronized void add(LoggedRequest request) {
        entries.add(request);
    }

    public synchronized List<LoggedRequest> entries() {
        return List.copyOf(entries);
    }

    public synchronized List<LoggedRequest> matching(Predicate<LoggedRequest> filter) {
        return entries.stream().filter(filter).toList();
    }

    /** Entries with this method whose path matches the regular expression. */
    public List<LoggedRequest> matching(String method, String pathRegex) {
        return matching(r -> r.method().equalsIgnoreCase(method) && r.path().matches(pathRegex));
    }

    public synchronized void clear() {
        entries.clear();
    }
}

package io.gravitee.release.gio.sandbox.http;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Every request the emulator saw, in arrival order of completion. Thread-safe. */
public final class RequestLog {
    private final List<LoggedRequest> entries = new ArrayList<>();

    public synchronized void add(LoggedRequest request) {
        entries.add(request);
    }

    /** A copy of all entries. */
    public synchronized List<LoggedRequest> entries() {
        return List.copyOf(entries);
    }

    public synchronized List<LoggedRequest> matching(Predicate<LoggedRequest> filter) {
        return entries.stream().filter(filter).toList();
    }

    /** Entries whose method is {@code method} and whose path matches the regular expression. */
    public List<LoggedRequest> matching(String method, String pathRegex) {
        return matching(r -> r.method().equalsIgnoreCase(method) && r.path().matches(pathRegex));
    }

    public synchronized void clear() {
        entries.clear();
    }
}

package io.gravitee.release.gio.sandbox.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/** The faults an emulator injects; changed by tests while it runs. Thread-safe. */
public final class FaultInjector {
    private final List<FaultRule> rules = new ArrayList<>();
    private final List<Integer> matchCounts = new ArrayList<>();
    private Random random = new Random(0);

    /** Adds a rule; the first rule that fires for a request wins. */
    public synchronized FaultInjector add(FaultRule rule) {
        rules.add(rule);
        matchCounts.add(0);
        return this;
    }

    /** Re-seeds the random used by probability rules, so that a run is reproducible. */
    public synchronized FaultInjector seed(long seed) {
        random = new Random(seed);
        return this;
    }

    public synchronized void clear() {
        rules.clear();
        matchCounts.clear();
    }

    /** The rule that fires for this request, if any; counts the request against every matching rule. */
    public synchronized Optional<FaultRule> select(String method, String path) {
        FaultRule fired = null;
        for (int i = 0; i < rules.size(); i++) {
            FaultRule rule = rules.get(i);
            if (!rule.matches(method, path)) {
                continue;
            }
            int count = matchCounts.get(i) + 1;
            matchCounts.set(i, count);
            boolean fires = rule.nthMatch() > 0 ? count == rule.nthMatch() : random.nextDouble() < rule.chance();
            if (fires && fired == null) {
                fired = rule;
            }
        }
        return Optional.ofNullable(fired);
    }
}

package io.gravitee.release.gio.staging.product;

import io.gravitee.release.gio.staging.StagingException;
import io.gravitee.release.gio.transfer.Parallel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;

/** Runs per-component tasks side by side; one component's failure never stops the others. */
final class Concurrently {
    private Concurrently() {}

    /** Each task's value, or {@code onFailure(index, failure)} for a task that threw. */
    static <T> List<T> run(List<Callable<T>> tasks, int threads, BiFunction<Integer, Throwable, T> onFailure) {
        Parallel.Results<T> results;
        try {
            results = Parallel.run(tasks, Math.max(1, threads), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StagingException("Interrupted while staging the components", e);
        }
        List<T> values = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            Parallel.Outcome<T> outcome = results.outcomes().get(i);
            if (outcome instanceof Parallel.Outcome.Done<T> done) {
                values.add(done.value());
            } else if (outcome instanceof Parallel.Outcome.Failed<T> failed) {
                values.add(onFailure.apply(i, failed.failure()));
            } else {
                values.add(onFailure.apply(i, new StagingException("not run")));
            }
        }
        return values;
    }
}

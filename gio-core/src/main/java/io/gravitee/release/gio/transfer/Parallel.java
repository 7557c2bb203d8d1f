package io.gravitee.release.gio.transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Runs tasks with at most a given number in flight and collects every outcome, in task order.
 * With fail-fast, the first failure stops new tasks from starting (those in flight finish: an upload cut
 * half-way would leave more to clean up than one allowed to complete); the tasks never started are
 * reported as {@link Outcome.NotRun}.
 */
public final class Parallel {
    private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

    private Parallel() {}

    /** What became of one task. */
    public sealed interface Outcome<T> {
        record Done<T>(T value) implements Outcome<T> {}

        record Failed<T>(Throwable failure) implements Outcome<T> {
            public Failed {
                Objects.requireNonNull(failure, "failure");
            }
        }

        record NotRun<T>() implements Outcome<T> {}
    }

    /** Every task's outcome, in the order the tasks were given. */
    public record Results<T>(List<Outcome<T>> outcomes) {
        public Results {
            outcomes = List.copyOf(outcomes);
        }

        public boolean allDone() {
            return outcomes.stream().allMatch(o -> o instanceof Outcome.Done);
        }

        /** The values of the tasks that completed, in task order. */
        public List<T> values() {
            List<T> values = new ArrayList<>();
            for (Outcome<T> outcome : outcomes) {
                if (outcome instanceof Outcome.Done<T> done) {
                    values.add(done.value());
                }
            }
            return values;
        }

        public List<Throwable> failures() {
            List<Throwable> failures = new ArrayList<>();
            for (Outcome<T> outcome : outcomes) {
                if (outcome instanceof Outcome.Failed<T> failed) {
                    failures.add(failed.failure());
                }
            }
            return failures;
        }

        public long notRun() {
            return outcomes.stream().filter(o -> o instanceof Outcome.NotRun).count();
        }
    }

    /**
     * Runs {@code tasks} on at most {@code maxInFlight} threads and waits for them.
     *
     * @param failFast whether the first failure stops tasks not yet started
     * @throws InterruptedException if the caller is interrupted while waiting; running tasks are interrupted too
     */
    public static <T> Results<T> run(List<? extends Callable<T>> tasks, int maxInFlight, boolean failFast)
            throws InterruptedException {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1: " + maxInFlight);
        }
        int count = tasks.size();
        AtomicReferenceArray<Outcome<T>> outcomes = new AtomicReferenceArray<>(count);
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                if (stopped.get()) {
                    outcomes.set(i, new Outcome.NotRun<>());
                    continue;
                }
                try {
                    outcomes.set(i, new Outcome.Done<>(tasks.get(i).call()));
                } catch (Throwable e) {
                    outcomes.set(i, new Outcome.Failed<>(e));
                    if (failFast) {
                        stopped.set(true);
                    }
                    if (e instanceof Error && !(e instanceof AssertionError)) {
                        stopped.set(true);
                    }
                }
            }
        };
        int threads = Math.min(maxInFlight, count);
        int pool = POOL_NUMBER.incrementAndGet();
        List<Thread> workers = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(worker, "gio-parallel-" + pool + "-" + (t + 1));
            thread.setDaemon(true);
            workers.add(thread);
            thread.start();
        }
        try {
            for (Thread thread : workers) {
                thread.join();
            }
        } catch (InterruptedException e) {
            stopped.set(true);
            workers.forEach(Thread::interrupt);
            throw e;
        }
        List<Outcome<T>> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(outcomes.get(i));
        }
        return new Results<>(list);
    }
}

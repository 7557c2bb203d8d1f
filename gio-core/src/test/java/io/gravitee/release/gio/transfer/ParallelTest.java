package io.gravitee.release.gio.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ParallelTest {

    @Test
    void neverMoreThanTheLimitInFlightAndResultsInTaskOrder() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int n = i;
            tasks.add(() -> {
                peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                Thread.sleep(2);
                inFlight.decrementAndGet();
                return n * n;
            });
        }

        Parallel.Results<Integer> results = Parallel.run(tasks, 3, false);

        assertTrue(results.allDone());
        assertEquals(40, results.values().size());
        for (int i = 0; i < 40; i++) {
            assertEquals(i * i, results.values().get(i));
        }
        assertTrue(peak.get() <= 3, "peak in flight " + peak.get());
        assertTrue(peak.get() >= 2, "tasks should overlap, peak " + peak.get());
    }

    @Test
    void withoutFailFastEveryTaskRunsAndFailuresAreCollected() throws Exception {
        AtomicInteger ran = new AtomicInteger();
        List<Callable<String>> tasks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int n = i;
            tasks.add(() -> {
                ran.incrementAndGet();
                if (n % 3 == 0) {
                    throw new IOException("task " + n);
                }
                return "t" + n;
            });
        }

        Parallel.Results<String> results = Parallel.run(tasks, 4, false);

        assertEquals(10, ran.get());
        assertFalse(results.allDone());
        assertEquals(List.of("task 0", "task 3", "task 6", "task 9"),
                results.failures().stream().map(Throwable::getMessage).toList());
        assertEquals(List.of("t1", "t2", "t4", "t5", "t7", "t8"), results.values());
        assertInstanceOf(Parallel.Outcome.Failed.class, results.outcomes().get(3));
        assertEquals(0, results.notRun());
    }

    @Test
    void failFastStartsNothingAfterTheFirstFailure() throws Exception {
        AtomicInteger started = new AtomicInteger();
        List<Callable<Integer>> tasks = new ArrayList<>();
        tasks.add(() -> {
            started.incrementAndGet();
            throw new IOException("boom");
        });
        for (int i = 1; i < 50; i++) {
            int n = i;
            tasks.add(() -> {
                started.incrementAndGet();
                return n;
            });
        }

        Parallel.Results<Integer> results = Parallel.run(tasks, 1, true);

        assertEquals(1, started.get());
        assertEquals(1, results.failures().size());
        assertEquals(49, results.notRun());
        assertInstanceOf(Parallel.Outcome.NotRun.class, results.outcomes().get(49));
    }

    @Test
    void failFastLetsTasksInFlightFinish() throws Exception {
        CountDownLatch slowStarted = new CountDownLatch(1);
        List<Callable<String>> tasks = List.of(
                () -> {
                    slowStarted.countDown();
                    Thread.sleep(50);
                    return "slow";
                },
                () -> {
                    assertTrue(slowStarted.await(5, TimeUnit.SECONDS));
                    throw new IOException("fast failure");
                },
                () -> "never");

        Parallel.Results<String> results = Parallel.run(tasks, 2, true);

        assertEquals(List.of("slow"), results.values());
        assertEquals(1, results.failures().size());
        assertEquals(1, results.notRun());
    }

    @Test
    void emptyAndInvalid() throws Exception {
        assertTrue(Parallel.run(List.<Callable<String>>of(), 4, true).allDone());
        assertThrows(IllegalArgumentException.class, () -> Parallel.run(List.<Callable<String>>of(), 0, true));
    }
}

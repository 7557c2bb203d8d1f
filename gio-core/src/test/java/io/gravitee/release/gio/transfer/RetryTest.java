package io.gravitee.release.gio.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gravitee.release.gio.log.Console;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryTest {
    private final List<String> warnings = new ArrayList<>();
    private final List<Duration> waits = new ArrayList<>();
    private final Console console = new Console() {
        @Override
        public void info(String message) {}

        @Override
        public void warn(String message) {
            warnings.add(message);
        }

        @Override
        public void debug(String message) {}
    };

    private Retry retry(int attempts, double jitter) {
        Retry.Policy policy = new Retry.Policy(attempts, Duration.ofMillis(100), Duration.ofMillis(1000), Retry::isTransientIo);
        return Retry.of(policy, console).with(waits::add, () -> jitter);
    }

    /** Fails with the given exceptions in turn, then answers "ok". */
    private static java.util.concurrent.Callable<String> flaky(AtomicInteger calls, Exception... failures) {
        return () -> {
            int call = calls.getAndIncrement();
            if (call < failures.length) {
                throw failures[call];
            }
            return "ok";
        };
    }

    @Test
    void flakyOperationSucceedsAfterRetriesWithGrowingWaits() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        String result = retry(5, 0.999).call("upload of a.zip",
                flaky(calls, new IOException("reset"), new IOException("503"), new IOException("stall")));

        assertEquals("ok", result);
        assertEquals(4, calls.get());
        assertEquals(List.of(Duration.ofMillis(99), Duration.ofMillis(199), Duration.ofMillis(399)), waits);
        assertEquals(3, warnings.size());
        assertEquals("upload of a.zip failed (attempt 1 of 5: IOException: reset); retrying in 99 ms", warnings.get(0));
    }

    @Test
    void jitterKeepsAtLeastHalfTheBackoffAndTheCapHolds() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        IOException e = new IOException("down");
        retry(8, 0.0).call("x", flaky(calls, e, e, e, e, e, e));
        assertEquals(List.of(50L, 100L, 200L, 400L, 500L, 500L), waits.stream().map(Duration::toMillis).toList());
    }

    @Test
    void givesUpAfterMaxAttemptsWithEarlierFailuresSuppressed() {
        AtomicInteger calls = new AtomicInteger();
        IOException first = new IOException("first");
        IOException last = new IOException("last");
        IOException thrown = assertThrows(IOException.class,
                () -> retry(3, 0.5).call("x", flaky(calls, first, new IOException("second"), last)));
        assertSame(last, thrown);
        assertEquals(3, calls.get());
        assertEquals(2, waits.size());
        assertTrue(List.of(thrown.getSuppressed()).contains(first));
    }

    @Test
    void nonRetryableFailureIsRethrownAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        assertThrows(FileNotFoundException.class,
                () -> retry(5, 0.5).call("x", flaky(calls, new FileNotFoundException("gone"))));
        assertThrows(IllegalStateException.class,
                () -> retry(5, 0.5).call("y", () -> {
                    throw new IllegalStateException("bug");
                }));
        assertEquals(1, calls.get());
        assertTrue(waits.isEmpty());
        assertTrue(warnings.isEmpty());
    }

    @Test
    void interruptedWaitStopsRetryingAndKeepsTheFlag() {
        AtomicInteger calls = new AtomicInteger();
        Retry.Policy policy = new Retry.Policy(5, Duration.ofMillis(100), Duration.ofMillis(100), e -> true);
        Retry interrupted = Retry.of(policy, console).with(d -> {
            throw new InterruptedException();
        }, () -> 0.5);
        assertThrows(IOException.class, () -> interrupted.call("x", flaky(calls, new IOException("a"), new IOException("b"))));
        assertEquals(1, calls.get());
        assertTrue(Thread.interrupted());
    }

    @Test
    void policyRejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Retry.Policy(0, Duration.ZERO, Duration.ZERO, e -> true));
        assertThrows(IllegalArgumentException.class,
                () -> new Retry.Policy(3, Duration.ofSeconds(2), Duration.ofSeconds(1), e -> true));
        assertEquals(Duration.ofSeconds(10), Retry.Policy.network().backoff(100));
    }
}

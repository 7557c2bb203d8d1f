package io.gravitee.release.gio.transfer;

import io.gravitee.release.gio.log.Console;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.DoubleSupplier;
import java.util.function.Predicate;

/**
 * Runs an idempotent operation again after a transient failure, waiting longer each time (exponential backoff)
 * with random jitter so that parallel clients hitting the same overloaded server do not retry in lockstep.
 * Each retry is reported to the {@link Console}. Only use it for operations that are safe to repeat.
 */
public final class Retry {

    /**
     * When and how long to retry.
     *
     * @param maxAttempts total attempts including the first one (1 = no retry)
     * @param baseDelay wait before the first retry, doubled for each further retry
     * @param maxDelay cap on any single wait
     * @param retryable which failures are worth another attempt; others are rethrown at once
     */
    public record Policy(int maxAttempts, Duration baseDelay, Duration maxDelay, Predicate<Throwable> retryable) {
        public Policy {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
            }
            Objects.requireNonNull(baseDelay, "baseDelay");
            Objects.requireNonNull(maxDelay, "maxDelay");
            Objects.requireNonNull(retryable, "retryable");
            if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
                throw new IllegalArgumentException("need 0 <= baseDelay <= maxDelay: " + baseDelay + ", " + maxDelay);
            }
        }

        /** 5 attempts, 500 ms doubling up to 10 s, retrying I/O failures: suits HTTP calls to remote repositories. */
        public static Policy network() {
            return new Policy(5, Duration.ofMillis(500), Duration.ofSeconds(10), Retry::isTransientIo);
        }

        /** The un-jittered wait before retry number {@code retry} (1-based), capped at {@link #maxDelay}. */
        public Duration backoff(int retry) {
            long base = baseDelay.toMillis();
            long factor = retry >= 62 ? Long.MAX_VALUE : 1L << (retry - 1);
            long millis = base == 0 ? 0 : (factor > maxDelay.toMillis() / base ? maxDelay.toMillis() : base * factor);
            return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
        }
    }

    /** Waits; injectable so that tests need not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Policy policy;
    private final Console console;
    private final Sleeper sleeper;
    private final DoubleSupplier random;

    private Retry(Policy policy, Console console, Sleeper sleeper, DoubleSupplier random) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.console = Objects.requireNonNull(console, "console");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
    }

    public static Retry of(Policy policy, Console console) {
        return new Retry(policy, console, d -> Thread.sleep(d.toMillis()), Math::random);
    }

    /** The same retry with another way to wait and another source of jitter in [0, 1): for tests. */
    public Retry with(Sleeper sleeper, DoubleSupplier random) {
        return new Retry(policy, console, sleeper, random);
    }

    public Policy policy() {
        return policy;
    }

    /**
     * Runs {@code operation} until it succeeds, fails with a non-retryable exception, or runs out of attempts.
     * The exception finally thrown is the last failure, with the earlier ones attached as suppressed.
     *
     * @param what what is being done, for the log ("upload of a/b.zip")
     */
    public <T> T call(String what, Callable<T> operation) throws Exception {
        List<Exception> earlier = new ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            try {
                return operation.call();
            } catch (Exception e) {
                if (attempt >= policy.maxAttempts() || !policy.retryable().test(e)) {
                    earlier.stream().filter(previous -> previous != e).forEach(e::addSuppressed);
                    throw e;
                }
                earlier.add(e);
                Duration wait = jittered(policy.backoff(attempt));
                console.warn(String.format(
                        "%s failed (attempt %d of %d: %s); retrying in %d ms",
                        what, attempt, policy.maxAttempts(), describe(e), wait.toMillis()));
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    earlier.stream().filter(previous -> previous != e).forEach(e::addSuppressed);
                    throw e;
                }
            }
        }
    }

    /** Same as {@link #call} for operations without a result. */
    public void run(String what, IoAction action) throws Exception {
        call(what, () -> {
            action.run();
            return null;
        });
    }

    /** An action that may fail with any exception. */
    @FunctionalInterface
    public interface IoAction {
        void run() throws Exception;
    }

    /** "Equal jitter": between half and all of the backoff, so waits never collapse to zero. */
    private Duration jittered(Duration backoff) {
        long half = backoff.toMillis() / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (backoff.toMillis() - half)));
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + message;
    }

    /** I/O failures other than a missing file, which no retry will make appear. */
    public static boolean isTransientIo(Throwable e) {
        return e instanceof IOException && !(e instanceof FileNotFoundException);
    }
}

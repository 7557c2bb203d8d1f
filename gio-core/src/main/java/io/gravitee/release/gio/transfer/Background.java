package io.gravitee.release.gio.transfer;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Starts slow set-up (an HTTP client and the JDK's TLS context, a storage client) on a daemon thread of its own, so
 * that a goal does its local work meanwhile and the first request waits only for what is left. Not the common pool:
 * on a 2-core machine it has one thread, and CompletableFuture then starts a thread per task anyway.
 */
public final class Background {
    private Background() {}

    /** {@code supplier}'s value, computed on a new daemon thread named {@code threadName}. */
    public static <T> CompletableFuture<T> supply(String threadName, Supplier<T> supplier) {
        return CompletableFuture.supplyAsync(supplier, task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            thread.start();
        });
    }

    /**
     * The value of {@code future}, waited for; a RuntimeException its task threw is rethrown as it was thrown, as if
     * the task had run in line (checked ones stay wrapped in the CompletionException).
     */
    public static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }
}

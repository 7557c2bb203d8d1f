package io.gravitee.release.gio.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gravitee.release.gio.log.Console;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private static final long MIB = 1024 * 1024;
    private final List<String> lines = new ArrayList<>();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final Console console = new Console() {
        @Override
        public void info(String message) {
            lines.add(message);
        }

        @Override
        public void warn(String message) {
            lines.add("WARN " + message);
        }

        @Override
        public void debug(String message) {}
    };

    private Progress progress(int files, long bytes) {
        return new Progress("Upload", files, bytes, console, now::get, Duration.ofSeconds(5));
    }

    private void advance(long seconds) {
        now.addAndGet(seconds * 1_000_000_000L);
    }

    @Test
    void reportsEveryIntervalWithRateAndEta() {
        Progress progress = progress(100, 1000 * MIB);
        advance(1);
        progress.addBytes(10 * MIB); // 1%: neither a new tenth nor 5 s
        assertTrue(lines.isEmpty());
        advance(4);
        progress.addBytes(40 * MIB);
        progress.fileDone();
        assertEquals(List.of("Upload: 0/100 files, 50.0 MiB of 1000.0 MiB (5%), 10.0 MiB/s, ETA 1m35s"), lines);
        advance(2);
        progress.addBytes(1);
        assertEquals(1, lines.size(), "nothing before the next interval");
    }

    @Test
    void reportsEachNewTenthEvenWithinTheInterval() {
        Progress progress = progress(4, 100 * MIB);
        advance(1);
        progress.addBytes(25 * MIB);
        progress.fileDone();
        progress.addBytes(3 * MIB); // still in the third tenth
        progress.addBytes(22 * MIB);
        assertEquals(List.of(
                "Upload: 0/4 files, 25.0 MiB of 100.0 MiB (25%), 25.0 MiB/s, ETA 3s",
                "Upload: 1/4 files, 50.0 MiB of 100.0 MiB (50%), 50.0 MiB/s, ETA 1s"), lines);
    }

    @Test
    void finalLineOnceWithAverageRateAndNoCarriageReturns() {
        Progress progress = progress(2, 3 * MIB);
        advance(3);
        progress.addBytes(3 * MIB);
        progress.fileDone();
        progress.fileDone();
        lines.clear();
        advance(1);
        progress.finish();
        progress.finish();
        progress.addBytes(1);
        assertEquals(List.of("Upload done: 2/2 files, 3.0 MiB of 3.0 MiB (100%), 768.0 KiB/s in 4s"), lines);
        assertFalse(lines.get(0).contains("\r"));
    }

    @Test
    void countersAreThreadSafe() throws Exception {
        Progress progress = new Progress("Upload", 8000, 8000 * 10L, Console.silent(), System::nanoTime, Duration.ofSeconds(5));
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 1000; i++) {
                    progress.addBytes(10);
                    progress.fileDone();
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        assertEquals(8000, progress.filesDone());
        assertEquals(80_000, progress.bytesDone());
    }

    @Test
    void unitsAndDurations() {
        assertEquals("0 B", Progress.bytes(0));
        assertEquals("1023 B", Progress.bytes(1023));
        assertEquals("1.5 KiB", Progress.bytes(1536));
        assertEquals("2.0 GiB", Progress.bytes(2L * 1024 * MIB));
        assertEquals("59s", Progress.duration(59));
        assertEquals("1m00s", Progress.duration(60));
        assertEquals("1h02m", Progress.duration(3720));
    }

    @Test
    void unknownTotalsStillPrint() {
        Progress progress = progress(0, 0);
        advance(5);
        progress.addBytes(2048);
        assertEquals(List.of("Upload: 0 files, 2.0 KiB, 409 B/s"), lines);
        progress.fileDone();
        progress.finish();
        assertEquals("Upload done: 1 files, 2.0 KiB, 409 B/s in 5s", lines.get(1), "never 'of 0 B'");
    }

    @Test
    void aSmallTransferPrintsItsFinalLineOnly() {
        Progress progress = progress(5, 15 * 1024);
        for (int i = 0; i < 5; i++) {
            now.addAndGet(900_000_000L); // within the interval all along
            progress.addBytes(3 * 1024); // every file is another fifth: a line each, were it not so small
            progress.fileDone();
        }
        progress.finish();
        assertEquals(List.of("Upload done: 5/5 files, 15.0 KiB of 15.0 KiB (100%), 3.3 KiB/s in 5s"), lines);
    }
}

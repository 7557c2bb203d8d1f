package io.gravitee.release.gio.transfer;

import io.gravitee.release.gio.log.Console;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Progress of a long transfer, reported as whole lines so that it stays readable in {@code -B} CI logs
 * (no carriage returns, no redrawing): a line every {@code interval}, or whenever another tenth of the
 * bytes is done (for transfers of at least {@value #TENTHS_FROM} bytes), whichever comes first, and a final line
 * from {@link #finish()}. A smaller transfer is over in moments: a line per tenth of it would only be noise (a
 * product's components, each a few KiB, gave one line per file each), so it prints its final line, and interval
 * lines should it stall. A total of 0 means unknown: lines then show what was done, never "of 0 B".
 * Counters are thread-safe: parallel transfers report into one instance.
 */
public final class Progress {
    private final String label;
    private final int totalFiles;
    private final long totalBytes;
    private final Console console;
    private final LongSupplier nanoClock;
    private final long intervalNanos;
    /** The smallest total whose tenths are reported. */
    static final long TENTHS_FROM = 16L * 1024 * 1024;
    private final long startNanos;
    private final AtomicLong files = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private long lastReportNanos;
    private int lastTenth;
    private boolean finished;

    /**
     * @param label what is progressing ("Upload")
     * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime}; a fake one in tests)
     */
    public Progress(String label, int totalFiles, long totalBytes, Console console, LongSupplier nanoClock, Duration interval) {
        this.label = Objects.requireNonNull(label, "label");
        this.totalFiles = totalFiles;
        this.totalBytes = totalBytes;
        this.console = Objects.requireNonNull(console, "console");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.intervalNanos = interval.toNanos();
        this.startNanos = nanoClock.getAsLong();
        this.lastReportNanos = startNanos;
    }

    /** Progress lines every 5 seconds on the system clock. */
    public static Progress of(String label, int totalFiles, long totalBytes, Console console) {
        return new Progress(label, totalFiles, totalBytes, console, System::nanoTime, Duration.ofSeconds(5));
    }

    /** Counts bytes transferred (of a file still in progress, or of a whole file) and reports if one is due. */
    public void addBytes(long count) {
        bytes.addAndGet(count);
        maybeReport();
    }

    /** Counts one more file completed and reports if one is due. */
    public void fileDone() {
        files.incrementAndGet();
        maybeReport();
    }

    public long bytesDone() {
        return bytes.get();
    }

    public long filesDone() {
        return files.get();
    }

    /** Prints the final line (once), with the average rate over the whole transfer. */
    public synchronized void finish() {
        if (!finished) {
            finished = true;
            console.info(line(nanoClock.getAsLong(), true));
        }
    }

    private void maybeReport() {
        long now = nanoClock.getAsLong();
        int tenth = tenth();
        synchronized (this) {
            if (finished) {
                return;
            }
            if (now - lastReportNanos >= intervalNanos || tenth > lastTenth) {
                lastReportNanos = now;
                lastTenth = Math.max(lastTenth, tenth);
                console.info(line(now, false));
            }
        }
    }

    private int tenth() {
        return totalBytes < TENTHS_FROM ? 0 : (int) Math.min(10, bytes.get() * 10 / totalBytes);
    }

    /** One progress line as it would be printed at {@code nowNanos}. */
    String line(long nowNanos, boolean last) {
        long doneBytes = bytes.get();
        double seconds = Math.max(0, nowNanos - startNanos) / 1e9;
        double rate = seconds > 0 ? doneBytes / seconds : 0;
        StringBuilder line = new StringBuilder(label).append(last ? " done: " : ": ");
        line.append(files.get()).append(totalFiles > 0 ? "/" + totalFiles : "").append(" files, ");
        line.append(bytes(doneBytes));
        if (totalBytes > 0) {
            line.append(" of ").append(bytes(totalBytes));
            line.append(String.format(Locale.ROOT, " (%d%%)", doneBytes * 100 / totalBytes));
        }
        line.append(", ").append(bytes((long) rate)).append("/s");
        if (last) {
            line.append(" in ").append(duration(Math.round(seconds)));
        } else if (rate > 0 && totalBytes > doneBytes) {
            line.append(", ETA ").append(duration(Math.round((totalBytes - doneBytes) / rate)));
        }
        return line.toString();
    }

    /** Binary units with one decimal: "512 B", "1.5 KiB", "300.0 MiB". */
    public static String bytes(long count) {
        if (count < 1024) {
            return count + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = count;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** Compact durations: "42s", "3m05s", "1h02m". */
    public static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
    }
}

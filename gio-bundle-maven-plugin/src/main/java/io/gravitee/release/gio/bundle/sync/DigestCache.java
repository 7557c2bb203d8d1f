package io.gravitee.release.gio.bundle.sync;

import io.gravitee.release.gio.log.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

/**
 * The MD5s of source files as a previous upload read them, so that re-running an upload of the same tree does not
 * read every byte again. A file's MD5 is reused only while its size, modification time (to the nanosecond) and file
 * key (device and inode) are those it had when it was read, as git trusts its index; a file modified less than
 * {@link #RACY} before the cache was written is not kept, since a change within the same clock tick would not show.
 * Stored as a properties file beside the upload report, keyed by the path under the source; a cache made for another
 * source directory, or unreadable, is ignored.
 */
final class DigestCache {
    static final Duration RACY = Duration.ofSeconds(2);
    private static final String SOURCE = "#source";

    private final Path file;
    private final Properties entries;

    private DigestCache(Path file, Properties entries) {
        this.file = file;
        this.entries = entries;
    }

    /** The cache at {@code file} for {@code source}; empty if {@code file} is null, absent, unreadable or foreign. */
    static DigestCache load(Path file, Path source, Console console) {
        Properties entries = new Properties();
        if (file != null && Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                entries.load(in);
            } catch (IOException | IllegalArgumentException e) {
                console.debug("Ignoring the digest cache " + file + ": " + e.getMessage());
                entries.clear();
            }
            if (!source.toAbsolutePath().normalize().toString().equals(entries.getProperty(SOURCE))) {
                entries.clear();
            }
        }
        return new DigestCache(file, entries);
    }

    /**
     * Reads {@code file} (after {@link #apply}) while the bucket is being listed: every digest of a file the cache does
     * not know. New or rebuilt, as most such files are in a fresh workspace, it goes up, and its upload then needs not
     * wait for a second read; a first upload reads each file once.
     */
    void readBeforeListing(LocalFile file) {
        if (!file.md5Known()) {
            file.checksums();
        }
    }

    /**
     * Reads {@code file} once the listing shows an object it may equal. After an upload of this tree a file the cache
     * does not know has changed, and most likely goes up: every digest. Otherwise (a fresh workspace re-running an
     * upload) the MD5 alone, which may show it unchanged.
     */
    void readAfterListing(LocalFile file) {
        if (file.md5Known()) {
            return;
        }
        if (recordsAFile()) {
            file.checksums();
        } else {
            file.md5();
        }
    }

    /** Whether an earlier upload of this source recorded any file (the source's own entry aside). */
    private boolean recordsAFile() {
        return entries.size() > (entries.containsKey(SOURCE) ? 1 : 0);
    }

    /** Gives each file the MD5 recorded for it, where the file is still as it was when it was read. */
    void apply(List<LocalFile> files) {
        for (LocalFile local : files) {
            String entry = entries.getProperty(local.relativePath());
            if (entry != null) {
                String[] fields = entry.split(" ", 2);
                if (fields.length == 2 && fields[1].equals(local.identity())) {
                    local.knownMd5(fields[0]);
                }
            }
        }
    }

    /**
     * Records the MD5s known now (nothing if this cache has no file, or if they are those it was loaded with). A
     * failure to write is only logged: the cache saves time, it never decides anything.
     */
    void save(Path source, List<LocalFile> files, Console console) {
        if (file == null) {
            return;
        }
        Properties next = new Properties();
        next.setProperty(SOURCE, source.toAbsolutePath().normalize().toString());
        Instant trusted = Instant.now().minus(RACY);
        for (LocalFile local : files) {
            if (local.md5Known() && local.modified().isBefore(trusted)) {
                next.setProperty(local.relativePath(), local.md5() + " " + local.identity());
            }
        }
        if (next.equals(entries)) {
            return; // a re-run that read nothing new: the file already says all this
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(temporary)) {
                next.store(out, "gio-bundle:upload: MD5s of the source files by path, with the size, time and key they had");
            }
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            console.warn("Could not write the digest cache " + file + " (the next upload reads every file again): " + e.getMessage());
        }
    }
}

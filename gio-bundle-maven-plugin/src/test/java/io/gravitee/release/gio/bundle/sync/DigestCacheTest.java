package io.gravitee.release.gio.bundle.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.transfer.Checksums;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestCacheTest {
    @TempDir
    Path work;

    private Path source;
    private Path cacheFile;
    private final Instant anHourAgo = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void tree() throws Exception {
        source = work.resolve("gio-bundle");
        cacheFile = work.resolve("target/gio/upload-digests.properties");
        write("plugins/a.zip", "first plugin", anHourAgo);
        write("plugins/b.zip", "second plugin", anHourAgo);
    }

    @Test
    void anUnchangedFileIsNotReadAgain() throws Exception {
        remember(scan());
        // Same size, same time, same inode, other bytes: only a cache answers with the old MD5.
        write("plugins/a.zip", "first pluginX".substring(1), anHourAgo);

        List<LocalFile> again = scan();
        DigestCache.load(cacheFile, source, Console.silent()).apply(again);

        LocalFile a = again.get(0);
        assertTrue(a.md5Known(), "taken from the cache");
        assertEquals(Checksums.of("first plugin".getBytes()).md5(), a.md5());
    }

    @Test
    void aFileWhoseTimeOrSizeChangedIsReadAgain() throws Exception {
        remember(scan());
        write("plugins/a.zip", "first plugin, rebuilt", anHourAgo);
        write("plugins/b.zip", "second plugix", anHourAgo.plusSeconds(60));

        List<LocalFile> again = scan();
        DigestCache.load(cacheFile, source, Console.silent()).apply(again);

        assertFalse(again.get(0).md5Known(), "size changed");
        assertFalse(again.get(1).md5Known(), "time changed");
        assertEquals(Checksums.of("second plugix".getBytes()).md5(), again.get(1).md5());
    }

    @Test
    void afterAnUploadAChangedOrNewFileIsReadOnceForEveryDigestAndAnUnchangedOneNotAtAll() throws Exception {
        remember(scan());
        write("plugins/a.zip", "first plugin, rebuilt", anHourAgo);
        write("plugins/c.zip", "a new plugin", anHourAgo);

        List<LocalFile> again = scan();
        DigestCache cache = DigestCache.load(cacheFile, source, Console.silent());
        cache.apply(again);
        again.forEach(cache::readAfterListing);

        LocalFile changed = again.get(0);
        LocalFile unchanged = again.get(1);
        LocalFile added = again.get(2);
        assertTrue(changed.checksumsKnown(), "changed: every digest read in the same pass");
        assertEquals(Checksums.of("first plugin, rebuilt".getBytes()), changed.checksums());
        assertTrue(added.checksumsKnown(), "new: every digest read in the same pass");
        assertTrue(unchanged.md5Known());
        assertFalse(unchanged.checksumsKnown(), "unchanged: the cached MD5 is enough");
    }

    @Test
    void withoutAnEarlierUploadAFileTheListingShowsIsReadForItsMd5Only() throws Exception {
        List<LocalFile> files = scan();
        DigestCache cache = DigestCache.load(cacheFile, source, Console.silent());
        cache.apply(files);
        files.forEach(cache::readAfterListing);

        for (LocalFile file : files) {
            assertTrue(file.md5Known(), file + ": MD5 read");
            assertFalse(file.checksumsKnown(), file + ": the other digests wait until the file is known to be uploaded");
        }
    }

    @Test
    void beforeTheListingAFileTheCacheDoesNotKnowIsReadForEveryDigestAndAKnownOneNotAtAll() throws Exception {
        remember(scan());
        write("plugins/c.zip", "a new plugin", anHourAgo);

        List<LocalFile> files = scan();
        DigestCache.load(cacheFile, source, Console.silent()).apply(files);
        DigestCache empty = DigestCache.load(null, source, Console.silent());
        files.forEach(empty::readBeforeListing);

        assertFalse(files.get(0).checksumsKnown(), "known to the cache: its MD5 was not read again");
        assertFalse(files.get(1).checksumsKnown(), "known to the cache: its MD5 was not read again");
        assertTrue(files.get(2).checksumsKnown(), "unknown to the cache: every digest read");
        assertEquals(Checksums.of("a new plugin".getBytes()), files.get(2).checksums());
    }

    @Test
    void aFileReplacedByAnotherIsReadAgain() throws Exception {
        remember(scan());
        Path a = source.resolve("plugins/a.zip");
        Path replacement = Files.writeString(work.resolve("a.zip.new"), "other plugin");
        Files.setLastModifiedTime(replacement, FileTime.from(anHourAgo));
        Files.move(replacement, a, java.nio.file.StandardCopyOption.REPLACE_EXISTING); // same size and time, new inode

        List<LocalFile> again = scan();
        DigestCache.load(cacheFile, source, Console.silent()).apply(again);

        assertFalse(again.get(0).md5Known());
    }

    @Test
    void aFileModifiedJustBeforeTheCacheWasWrittenIsNotKept() throws Exception {
        write("plugins/b.zip", "second plugin", Instant.now());
        remember(scan());

        List<LocalFile> again = scan();
        DigestCache.load(cacheFile, source, Console.silent()).apply(again);

        assertTrue(again.get(0).md5Known());
        assertFalse(again.get(1).md5Known(), "a change within the same clock tick would not show");
    }

    @Test
    void aCacheOfAnotherSourceOrUnreadableIsIgnored() throws Exception {
        remember(scan());
        List<LocalFile> elsewhere = scan();
        DigestCache.load(cacheFile, work.resolve("other-source"), Console.silent()).apply(elsewhere);
        assertFalse(elsewhere.get(0).md5Known());

        Files.writeString(cacheFile, "\\u12"); // not a properties file
        List<LocalFile> again = scan();
        DigestCache.load(cacheFile, source, Console.silent()).apply(again);
        assertFalse(again.get(0).md5Known());
    }

    @Test
    void aCacheThatWouldNotChangeIsNotRewritten() throws Exception {
        remember(scan());
        Files.setLastModifiedTime(cacheFile, FileTime.from(anHourAgo));
        String saved = Files.readString(cacheFile);

        List<LocalFile> again = scan();
        DigestCache cache = DigestCache.load(cacheFile, source, Console.silent());
        cache.apply(again);
        cache.save(source, again, Console.silent());
        assertEquals(FileTime.from(anHourAgo), Files.getLastModifiedTime(cacheFile), "nothing new: not written");

        write("plugins/b.zip", "second plugin, rebuilt", anHourAgo);
        List<LocalFile> changed = scan();
        cache = DigestCache.load(cacheFile, source, Console.silent());
        cache.apply(changed);
        changed.forEach(LocalFile::md5);
        cache.save(source, changed, Console.silent());
        assertFalse(Files.readString(cacheFile).equals(saved), "a new MD5 is written");
        assertTrue(Files.readString(cacheFile).contains(Checksums.of("second plugin, rebuilt".getBytes()).md5()));
    }

    private void remember(List<LocalFile> files) {
        files.forEach(LocalFile::md5);
        DigestCache.load(cacheFile, source, Console.silent()).save(source, files, Console.silent());
        assertTrue(Files.isRegularFile(cacheFile));
    }

    private List<LocalFile> scan() throws Exception {
        return LocalTree.scan(source, Console.silent());
    }

    private void write(String relative, String content, Instant modified) throws Exception {
        Path file = source.resolve(relative);
        Files.createDirectories(file.getParent());
        if (Files.exists(file)) {
            // Rewrite in place: the inode stays.
            try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE,
                    java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(java.nio.ByteBuffer.wrap(content.getBytes()));
            }
        } else {
            Files.writeString(file, content);
        }
        Files.setLastModifiedTime(file, FileTime.from(modified));
    }
}

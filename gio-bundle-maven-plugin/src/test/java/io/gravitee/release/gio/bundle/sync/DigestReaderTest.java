package io.gravitee.release.gio.bundle.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gravitee.release.gio.bundle.BundleException;
import io.gravitee.release.gio.transfer.Checksums;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestReaderTest {
    @TempDir
    Path work;

    @Test
    void everyWantedFileIsDigestedOnceFinished() throws Exception {
        List<LocalFile> files = files(40);

        DigestReader.start(files, 2, LocalFile::md5).finish(file -> file.relativePath().endsWith("0.zip"));

        for (LocalFile file : files) {
            if (file.relativePath().endsWith("0.zip")) {
                assertTrue(file.md5Known(), file + " was wanted");
                assertEquals(Checksums.of(file.path()).md5(), file.md5());
            }
        }
    }

    @Test
    void aFileThatCannotBeReadFailsTheRunWithItsName() throws Exception {
        List<LocalFile> files = files(3);
        Files.delete(files.get(1).path());

        BundleException failure = assertThrows(BundleException.class, () -> DigestReader.start(files, 2, LocalFile::md5).finish(file -> true));

        assertTrue(failure.getMessage().contains("plugin-1.zip"), failure.getMessage());
    }

    @Test
    void aFileThatChangedSizeSinceTheTreeWasReadIsReported() throws Exception {
        List<LocalFile> files = files(1);
        Files.writeString(files.get(0).path(), "longer than it was when the tree was read");

        BundleException failure = assertThrows(BundleException.class, () -> DigestReader.start(files, 1, LocalFile::md5).finish(file -> true));

        assertTrue(failure.getMessage().contains("changed"), failure.getMessage());
    }

    @Test
    void aUserWaitsForTheReadersTurnInsteadOfReadingTheFileItself() throws Exception {
        List<LocalFile> files = files(3);
        CountDownLatch firstMayFinish = new CountDownLatch(1);
        Map<String, String> readBy = new ConcurrentHashMap<>();
        DigestReader reader = DigestReader.start(files, 1, file -> {
            if (file == files.get(0)) {
                await(firstMayFinish);
            }
            readBy.put(file.relativePath(), Thread.currentThread().getName());
            file.checksums();
        });
        CountDownLatch thirdReady = new CountDownLatch(1);
        Thread user = new Thread(() -> {
            try {
                reader.awaitTurn(files.get(2));
                thirdReady.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        user.start();

        assertFalse(thirdReady.await(300, TimeUnit.MILLISECONDS), "the user waited while the reader was busy with the first file");
        firstMayFinish.countDown();
        assertTrue(thirdReady.await(10, TimeUnit.SECONDS));
        assertEquals("gio-digest", readBy.get(files.get(2).relativePath()));
        assertTrue(files.get(2).md5Known());
    }

    @Test
    void nobodyWaitsForACancelledReaderOrAFileItDoesNotHave() throws Exception {
        List<LocalFile> files = files(2);
        CountDownLatch never = new CountDownLatch(1);
        DigestReader reader = DigestReader.start(files.subList(0, 1), 1, file -> await(never));

        reader.awaitTurn(files.get(1)); // not the reader's: returns at once
        reader.cancel(); // interrupts the read in progress
        reader.awaitTurn(files.get(0));

        assertFalse(files.get(0).md5Known(), "left to whoever needs it");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<LocalFile> files(int count) throws Exception {
        List<LocalFile> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path file = Files.writeString(work.resolve("plugin-" + i + ".zip"), "content of plugin " + i);
            files.add(LocalFile.of("plugins/plugin-" + i + ".zip", file));
        }
        return files;
    }
}

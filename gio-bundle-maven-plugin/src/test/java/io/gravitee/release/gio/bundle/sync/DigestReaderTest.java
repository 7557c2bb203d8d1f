package io.gravitee.release.gio.bundle.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gravitee.release.gio.bundle.BundleException;
import io.gravitee.release.gio.transfer.Checksums;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    private List<LocalFile> files(int count) throws Exception {
        List<LocalFile> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path file = Files.writeString(work.resolve("plugin-" + i + ".zip"), "content of plugin " + i);
            files.add(LocalFile.of("plugins/plugin-" + i + ".zip", file));
        }
        return files;
    }
}

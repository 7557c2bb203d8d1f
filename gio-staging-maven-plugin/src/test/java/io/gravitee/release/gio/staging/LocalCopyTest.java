package io.gravitee.release.gio.staging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gravitee.release.gio.staging.resolve.LocalCopy;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files from a repository on this machine: large ones linked, small ones copied, whatever was there replaced. */
class LocalCopyTest {
    @TempDir
    Path dir;

    @Test
    void aLargeFileIsLinkedAndASmallOneCopied() throws Exception {
        Path jar = dir.resolve("repo/demo-1.0.0.jar");
        Path sha1 = dir.resolve("repo/demo-1.0.0.jar.sha1");
        Files.createDirectories(jar.getParent());
        Files.write(jar, TestComponent.bytes(7, (int) LocalCopy.LINK_FROM_BYTES));
        Files.writeString(sha1, "0123456789abcdef0123456789abcdef01234567");
        Path stagedJar = dir.resolve("work/files/demo-1.0.0.jar");
        Path stagedSha1 = dir.resolve("work/files/demo-1.0.0.jar.sha1");
        Files.createDirectories(stagedJar.getParent());
        Files.writeString(stagedJar, "left by an earlier run");

        LocalCopy.place(jar, stagedJar);
        LocalCopy.place(sha1, stagedSha1);

        assertTrue(Files.isSameFile(jar, stagedJar), "the jar is a link to the repository's");
        assertArrayEquals(Files.readAllBytes(jar), Files.readAllBytes(stagedJar));
        assertFalse(Files.isSameFile(sha1, stagedSha1), "a small file is a copy: staging may rewrite it");
        Files.writeString(stagedSha1, "rewritten");
        assertTrue(Files.readString(sha1).startsWith("0123"), "the repository's file is untouched");
    }
}

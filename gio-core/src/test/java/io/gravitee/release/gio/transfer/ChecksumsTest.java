package io.gravitee.release.gio.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksumsTest {

    @Test
    void knownDigestsOfAbc() {
        Checksums abc = Checksums.of("abc".getBytes(StandardCharsets.US_ASCII));
        assertEquals(3, abc.size());
        assertEquals("900150983cd24fb0d6963f7d28e17f72", abc.md5());
        assertEquals("a9993e364706816aba3e25717850c26c9cd0d89d", abc.sha1());
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", abc.sha256());
        assertEquals(
                "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                        + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
                abc.sha512());
    }

    @Test
    void emptyContent() {
        Checksums empty = Checksums.of(new byte[0]);
        assertEquals(0, empty.size());
        assertEquals("d41d8cd98f00b204e9800998ecf8427e", empty.md5());
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", empty.sha256());
    }

    @Test
    void fileDigestsMatchCoreutils(@TempDir Path dir) throws Exception {
        byte[] content = new byte[300_000];
        new Random(42).nextBytes(content);
        Path file = dir.resolve("data.bin");
        Files.write(file, content);

        Checksums checksums = Checksums.of(file);

        assertEquals(content.length, checksums.size());
        assertEquals(coreutils("md5sum", file), checksums.md5());
        assertEquals(coreutils("sha1sum", file), checksums.sha1());
        assertEquals(coreutils("sha256sum", file), checksums.sha256());
        assertEquals(coreutils("sha512sum", file), checksums.sha512());
    }

    @Test
    void mavenDigestsAreTheSameMd5AndSha1AndRefuseTheOthers(@TempDir Path dir) throws Exception {
        byte[] content = new byte[150_000];
        new Random(3).nextBytes(content);
        Path file = Files.write(dir.resolve("module-1.0.jar"), content);

        Checksums maven = Checksums.ofMaven(file);

        assertEquals(content.length, maven.size());
        assertEquals(coreutils("md5sum", file), maven.md5());
        assertEquals(coreutils("sha1sum", file), maven.sha1());
        IllegalStateException missing = assertThrows(IllegalStateException.class, maven::sha256);
        assertEquals("SHA-256 was not computed for this content (Maven digests only)", missing.getMessage());
        assertThrows(IllegalStateException.class, maven::sha512);
        assertThrows(IllegalArgumentException.class, () -> new Checksums(1, "a", "b", "c", null));
    }

    @Test
    void streamsDigestWhatPassesThroughInOnePass() throws IOException {
        byte[] content = new byte[200_001];
        new Random(7).nextBytes(content);
        Checksums expected = Checksums.of(content);

        ChecksumInputStream in = new ChecksumInputStream(new ByteArrayInputStream(content));
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        assertEquals(content[0] & 0xff, in.read());
        copy.write(content[0]);
        assertEquals(10, in.skip(10));
        copy.write(content, 1, 10);
        in.transferTo(copy);
        assertEquals(expected, in.checksums());

        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (ChecksumOutputStream out = new ChecksumOutputStream(sink)) {
            out.write(content[0]);
            out.write(content, 1, content.length - 1);
            assertEquals(expected, out.checksums());
        }
        assertEquals(content.length, sink.size());
    }

    @Test
    void markResetIsRefusedRatherThanDigestingTwice() {
        InputStream in = new ChecksumInputStream(new ByteArrayInputStream(new byte[10]));
        assertThrows(IOException.class, in::reset);
    }

    private static String coreutils(String tool, Path file) throws Exception {
        Process process = new ProcessBuilder(tool, file.toString()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(tool + " failed: " + out);
        }
        return out.substring(0, out.indexOf(' '));
    }
}

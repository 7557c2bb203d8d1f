package io.gravitee.release.gio.sandbox.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process runner the pipeline IT kills Maven with, over a stand-in {@code mvn} that forks a child of its own. */
class MavenProcessTest {
    @TempDir
    Path dir;

    /** A Maven home whose {@code bin/mvn} forks a long-lived child (as Maven forks component builds) and waits. */
    private Path fakeMaven(String body) throws IOException {
        Path mvn = Files.createDirectories(dir.resolve("maven/bin")).resolve("mvn");
        Files.writeString(mvn, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir.resolve("maven");
    }

    @Test
    void killsTheProcessAndEverythingItForkedWhenTheConditionHolds() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        Path home = fakeMaven("sleep 300 &\necho $! > \"$CHILD_PID\"\necho \"args: $*\"\nwait\n");
        MavenProcess maven = new MavenProcess(home, Map.of("CHILD_PID", pidFile.toString()), Duration.ofMinutes(1));

        MavenProcess.Outcome outcome = maven.run(dir, List.of("-B", "verify"), dir.resolve("logs/run.log"),
                Optional.of(() -> Files.exists(pidFile) && sizeOf(pidFile) > 0));

        assertTrue(outcome.killed());
        assertFalse(outcome.succeeded());
        long child = Long.parseLong(Files.readString(pidFile).trim());
        Optional<ProcessHandle> handle = ProcessHandle.of(child);
        assertTrue(handle.isEmpty() || !handle.get().isAlive(), "the forked child was killed too");
        assertTrue(Files.readString(outcome.log()).contains("args: -B verify"));
    }

    @Test
    void reportsTheExitCodeOfARunThatEndsByItself() throws Exception {
        MavenProcess maven = new MavenProcess(fakeMaven("echo failing\nexit 3\n"), Map.of(), Duration.ofMinutes(1));

        MavenProcess.Outcome outcome = maven.run(dir, List.of("deploy"), dir.resolve("run.log"),
                Optional.of(() -> false));

        assertEquals(3, outcome.exitCode());
        assertFalse(outcome.killed());
        assertFalse(outcome.succeeded());
    }

    @Test
    void aRunPastItsTimeoutIsKilledAndReportedAsAFailure() throws Exception {
        MavenProcess maven = new MavenProcess(fakeMaven("sleep 300\n"), Map.of(), Duration.ofMillis(300));

        IOException e = assertThrows(IOException.class, () -> maven.run(dir, List.of("deploy"), dir.resolve("run.log")));

        assertTrue(e.getMessage().contains("did not finish"), e.getMessage());
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}

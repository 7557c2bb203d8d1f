package io.gravitee.release.gio.sandbox.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Runs Maven as a separate process, as a CI job would, and can {@code kill -9} it, with every process it started
 * (the component builds it forks), the moment a condition on the peers becomes true: the crash the resume logic
 * must survive, at a chosen point rather than at a random one.
 */
public final class MavenProcess {
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    /** How a run ended: its exit code (137 when killed), whether it was killed, and where its output went. */
    public record Outcome(int exitCode, boolean killed, Path log) {
        public boolean succeeded() {
            return exitCode == 0 && !killed;
        }
    }

    private final Path mvn;
    private final Map<String, String> environment;
    private final Duration timeout;

    /**
     * @param mavenHome   the Maven installation to run ({@code bin/mvn} in it)
     * @param environment variables added to this JVM's environment (e.g. the signing key)
     * @param timeout     a run still going after this long is killed and reported as a failure
     */
    public MavenProcess(Path mavenHome, Map<String, String> environment, Duration timeout) {
        this.mvn = mavenHome.resolve("bin/mvn");
        this.environment = Map.copyOf(environment);
        this.timeout = timeout;
    }

    /** The Maven running this JVM ({@code maven.home}), as in a test or an invoker hook script. */
    public static Path runningMavenHome() {
        String home = System.getProperty("maven.home");
        if (home == null || home.isBlank()) {
            throw new IllegalStateException("maven.home is not set: pass the Maven installation to use");
        }
        return Path.of(home);
    }

    public Outcome run(Path dir, List<String> args, Path log) throws IOException {
        return run(dir, args, log, Optional.empty());
    }

    /**
     * Runs {@code mvn args} in {@code dir}, output to {@code log}; when {@code killWhen} becomes true (checked every
     * 50 ms) the whole process tree is killed with SIGKILL.
     */
    public Outcome run(Path dir, List<String> args, Path log, Optional<BooleanSupplier> killWhen) throws IOException {
        List<String> command = new ArrayList<>();
        // Its own session and process group, so one kill reaches every process Maven forked, at once.
        boolean ownGroup = Files.isExecutable(SETSID);
        if (ownGroup) {
            command.add(SETSID.toString());
        }
        command.add(mvn.toString());
        command.addAll(args);
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("MAVEN_ARGS");
        Process process = builder.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!process.waitFor(50, TimeUnit.MILLISECONDS)) {
                if (killWhen.isPresent() && killWhen.get().getAsBoolean()) {
                    killTree(process, ownGroup);
                    return new Outcome(process.exitValue(), true, log);
                }
                if (System.nanoTime() > deadline) {
                    killTree(process, ownGroup);
                    throw new IOException("mvn " + String.join(" ", args) + " did not finish within "
                            + timeout.toMinutes() + " min; killed. See " + log);
                }
            }
            return new Outcome(process.exitValue(), false, log);
        } catch (InterruptedException e) {
            killTree(process, ownGroup);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running mvn", e);
        }
    }

    /** SIGKILL to the process group when it has one, then to every descendant still known, then waits for all. */
    static void killTree(Process process, boolean ownGroup) {
        Set<ProcessHandle> tree = new LinkedHashSet<>();
        tree.add(process.toHandle());
        process.descendants().forEach(tree::add);
        if (ownGroup) {
            try {
                new ProcessBuilder("kill", "-KILL", "--", "-" + process.pid()).inheritIO().start().waitFor();
            } catch (IOException e) {
                // The handles below still get killed one by one.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                // Already gone, or a zombie the OS reaps: nothing more to do.
            }
        }
    }
}

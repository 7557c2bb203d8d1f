package io.gravitee.release.gio.release.build;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.maven.shared.invoker.DefaultInvocationRequest;
import org.apache.maven.shared.invoker.DefaultInvoker;
import org.apache.maven.shared.invoker.InvocationRequest;
import org.apache.maven.shared.invoker.InvocationResult;
import org.apache.maven.shared.invoker.MavenInvocationException;

/**
 * Runs a component's own build in a separate Maven process (maven-invoker), as a release
 * engineer would on the command line, with its output kept in a log file rather than mixed into
 * the orchestrator's log when components of a wave build in parallel.
 */
public final class MavenBuild {

    /**
     * What to run.
     *
     * @param directory the component checkout
     * @param goals e.g. {@code deploy}
     * @param profiles profiles to activate, e.g. {@code gio-release}
     * @param properties user properties, e.g. {@code altDeploymentRepository}
     * @param settings the user settings file holding the deploy repository's credentials
     * @param localRepository a local repository of its own, or empty for the user's
     * @param log where the build's output goes
     */
    public record Request(Path directory, List<String> goals, List<String> profiles, Map<String, String> properties,
                          Optional<Path> settings, Optional<Path> globalSettings, Optional<Path> localRepository,
                          Path log, Duration timeout) {
        public Request {
            goals = List.copyOf(goals);
            profiles = List.copyOf(profiles);
            properties = Map.copyOf(properties);
        }
    }

    /** How a build ended: exit code, the log, and the last lines of it for error messages. */
    public record Result(int exitCode, Path log, Duration duration, List<String> tail) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    private final Path mavenHome;

    public MavenBuild(Path mavenHome) {
        this.mavenHome = mavenHome;
    }

    /** The Maven installation running this JVM (Maven sets {@code maven.home}), for builds started from a goal or test. */
    public static MavenBuild ofRunningMaven() {
        String home = System.getProperty("maven.home");
        if (home == null || home.isBlank()) {
            throw new IllegalStateException("maven.home is not set: component builds need a Maven installation to run");
        }
        return new MavenBuild(Path.of(home));
    }

    public Result run(Request request) throws IOException {
        Files.createDirectories(request.log().toAbsolutePath().getParent());
        InvocationRequest invocation = new DefaultInvocationRequest();
        invocation.setBaseDirectory(request.directory().toFile());
        invocation.setGoals(request.goals());
        invocation.setProfiles(request.profiles());
        invocation.setBatchMode(true);
        invocation.setShowErrors(true);
        invocation.setTimeoutInSeconds((int) Math.max(1, request.timeout().toSeconds()));
        Properties properties = new Properties();
        properties.putAll(request.properties());
        invocation.setProperties(properties);
        request.settings().ifPresent(s -> invocation.setUserSettingsFile(s.toFile()));
        request.globalSettings().ifPresent(s -> invocation.setGlobalSettingsFile(s.toFile()));
        request.localRepository().ifPresent(r -> invocation.setLocalRepositoryDirectory(r.toFile()));
        if (System.getenv("JAVA_HOME") == null) {
            // Plugins of older company parents (gravitee-parent 15.1's maven-javadoc-plugin 2.8) look for the JDK's
            // tools through JAVA_HOME when java.home is not a JRE inside a JDK, as it is not since Java 9.
            invocation.setJavaHome(new java.io.File(System.getProperty("java.home")));
        }
        long started = System.nanoTime();
        Tail tail = new Tail(40);
        try (BufferedWriter out = Files.newBufferedWriter(request.log(), StandardCharsets.UTF_8)) {
            invocation.setOutputHandler(line -> {
                tail.add(line);
                try {
                    out.write(line);
                    out.newLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            DefaultInvoker invoker = new DefaultInvoker();
            invoker.setMavenHome(mavenHome.toFile());
            InvocationResult result = invoker.execute(invocation);
            if (result.getExecutionException() != null) {
                throw new IOException("Cannot run Maven in " + request.directory() + ": "
                        + result.getExecutionException().getMessage(), result.getExecutionException());
            }
            return new Result(result.getExitCode(), request.log(), Duration.ofNanos(System.nanoTime() - started), tail.lines());
        } catch (MavenInvocationException e) {
            throw new IOException("Cannot run Maven in " + request.directory() + ": " + e.getMessage(), e);
        }
    }

    /** The last lines of a build's output, which usually say why it failed. */
    private static final class Tail {
        private final int size;
        private final List<String> lines = new ArrayList<>();

        Tail(int size) {
            this.size = size;
        }

        synchronized void add(String line) {
            if (lines.size() == size) {
                lines.remove(0);
            }
            lines.add(line);
        }

        synchronized List<String> lines() {
            return List.copyOf(lines);
        }
    }
}

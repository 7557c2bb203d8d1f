package io.gravitee.release.gio.sandbox.buildbot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gravitee.release.gio.sandbox.Peer;
import io.gravitee.release.gio.sandbox.PeerCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The {@code buildbot} peer: a real Buildbot master (Debian's {@code buildbot} 3.7) and {@link #WORKERS} workers
 * ({@code buildbot-worker}) as child processes on loopback ports, with one builder, {@value #BUILDER}, that runs the
 * component job, triggered by the force scheduler {@value #SCHEDULER}. The REST API needs a login
 * ({@code UserPasswordAuth} with the peer's credentials).
 *
 * <p>Workers can be killed and started again ({@link #killWorker}, {@link #startWorker}) so that tests see Buildbot
 * re-run an interrupted build by itself (results 5, RETRY).
 */
public final class BuildbotPeer implements Peer {
    public static final String BUILDER = "gio-component";
    public static final String SCHEDULER = "gio";
    public static final int WORKERS = 2;
    /** The job's options, passed as {@code -Dname=value}; in Buildbot each is a property named with '_' for '.'. */
    public static final List<String> JOB_PROPERTIES = List.of("gio.release.component", "gio.release.version",
            "gio.scm.url", "gio.release.branch", "gio.release.aligned", "gio.release.deployIntent", "gio.release.key");
    private static final String PYTHON = "/usr/bin/python3";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path dir;
    private final PeerCredentials credentials;
    private final JobCommand job;
    private final List<Process> workers = new ArrayList<>();
    private Process master;
    private int httpPort;

    /**
     * How the builder runs the job: the command (the job's -D options are appended), its environment, and whether a
     * checkout of the component's branch comes first (for {@code mvn gio-release:component}, which runs in one).
     */
    public record JobCommand(List<String> command, Map<String, String> env, boolean checkout) {
        /** {@code mvn gio-release:component} in a checkout of the component, with the Maven on the workers' PATH. */
        public static JobCommand maven() {
            return new JobCommand(List.of("mvn", "-B", "io.gravitee.release:gio-release-maven-plugin:0.1.0-SNAPSHOT:component"),
                    Map.of(), true);
        }
    }

    /** Fits {@link io.gravitee.release.gio.sandbox.PeerFactory}: workers run {@link JobCommand#maven()}. */
    public BuildbotPeer(Path dir, PeerCredentials credentials) {
        this(dir, credentials, JobCommand.maven());
    }

    public BuildbotPeer(Path dir, PeerCredentials credentials, JobCommand job) {
        this.dir = dir.toAbsolutePath().normalize();
        this.credentials = credentials;
        this.job = job;
    }

    @Override
    public String name() {
        return "buildbot";
    }

    @Override
    public synchronized void start() throws IOException {
        if (master != null) {
            throw new IllegalStateException("buildbot peer already started at " + url());
        }
        Installer.ensureInstalled();
        writeWwwShim();
        Path masterDir = dir.resolve("master");
        if (!Files.exists(masterDir.resolve("buildbot.tac"))) {
            run(dir, List.of("/usr/bin/buildbot", "create-master", "--quiet", masterDir.toString()));
        }
        httpPort = freePort();
        int pbPort = freePort();
        writeConfig(masterDir, pbPort);
        master = twistd(masterDir, "master.log");
        awaitApi();
        for (int i = 1; i <= WORKERS; i++) {
            Path workerDir = dir.resolve("worker-" + i);
            if (!Files.exists(workerDir.resolve("buildbot.tac"))) {
                run(dir, List.of("/usr/bin/buildbot-worker", "create-worker", "--quiet", workerDir.toString(),
                        "127.0.0.1:" + pbPort, "worker-" + i, workerPassword(i)));
            } else {
                // A restarted master listens on another port: point the worker at it.
                String tac = Files.readString(workerDir.resolve("buildbot.tac"));
                Files.writeString(workerDir.resolve("buildbot.tac"), tac.replaceAll("port = \\d+", "port = " + pbPort));
            }
            workers.add(null);
            startWorker(i);
        }
        awaitWorkers(WORKERS);
    }

    /** Starts worker {@code i} (1-based) again after {@link #killWorker}. */
    public synchronized void startWorker(int i) throws IOException {
        Path workerDir = dir.resolve("worker-" + i);
        Files.deleteIfExists(workerDir.resolve("twistd.pid"));
        workers.set(i - 1, twistd(workerDir, "worker.log"));
    }

    /** Kills worker {@code i} with SIGKILL, as a crash would: Buildbot marks its build RETRY and runs it again. */
    public synchronized void killWorker(int i) {
        Process worker = workers.get(i - 1);
        if (worker != null) {
            worker.descendants().forEach(ProcessHandle::destroyForcibly);
            worker.destroyForcibly();
            waitQuietly(worker);
        }
    }

    @Override
    public synchronized void stop() {
        for (int i = 1; i <= workers.size(); i++) {
            Process worker = workers.get(i - 1);
            if (worker != null) {
                worker.descendants().forEach(ProcessHandle::destroyForcibly);
                worker.destroy();
                waitQuietly(worker);
            }
        }
        workers.clear();
        if (master != null) {
            master.destroy();
            waitQuietly(master);
            master = null;
        }
    }

    @Override
    public URI url() {
        return URI.create("http://127.0.0.1:" + httpPort + "/");
    }

    @Override
    public PeerCredentials credentials() {
        return credentials;
    }

    @Override
    public Map<String, String> extras() {
        return Map.of("builder", BUILDER, "forceScheduler", SCHEDULER);
    }

    private void writeConfig(Path masterDir, int pbPort) throws IOException {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("httpPort", httpPort);
        cfg.put("pbPort", pbPort);
        List<Map<String, String>> names = new ArrayList<>();
        for (int i = 1; i <= WORKERS; i++) {
            names.add(Map.of("name", "worker-" + i, "password", workerPassword(i)));
        }
        cfg.put("workers", names);
        cfg.put("builder", BUILDER);
        cfg.put("scheduler", SCHEDULER);
        cfg.put("properties", JOB_PROPERTIES);
        cfg.put("command", job.command());
        cfg.put("env", job.env());
        cfg.put("checkout", job.checkout());
        cfg.put("www", Map.of("username", credentials.username(), "password", credentials.password()));
        Path json = masterDir.resolve("gio-buildbot.json");
        Files.writeString(json, new ObjectMapper().writeValueAsString(cfg));
        json.toFile().setReadable(false, false);
        json.toFile().setReadable(true, true);
        Files.writeString(masterDir.resolve("master.cfg"), resource("master.cfg"));
    }

    /** The stand-in for the buildbot-www package Debian lacks (see www_init.py), importable from {@code www/}. */
    private void writeWwwShim() throws IOException {
        Path www = dir.resolve("www");
        Path pkg = Files.createDirectories(www.resolve("gio_buildbot_www/static"));
        Files.writeString(pkg.resolve("../__init__.py").normalize(), resource("www_init.py"));
        Files.writeString(pkg.resolve("../VERSION").normalize(), "0.1\n");
        Files.writeString(pkg.resolve("index.html"), "<!doctype html><title>gio sandbox</title><p>REST API at /api/v2/\n");
        Path info = Files.createDirectories(www.resolve("gio_buildbot_www-0.1.dist-info"));
        Files.writeString(info.resolve("METADATA"), "Metadata-Version: 2.1\nName: gio-buildbot-www\nVersion: 0.1\n");
        Files.writeString(info.resolve("entry_points.txt"), "[buildbot.www]\nbase = gio_buildbot_www:ep\n");
        Files.writeString(info.resolve("top_level.txt"), "gio_buildbot_www\n");
    }

    private Process twistd(Path workDir, String log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(PYTHON, "/usr/bin/twistd3", "--nodaemon", "--no_save",
                "--pidfile=", "--logfile=" + log, "-y", "buildbot.tac")
                .directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("twistd.out").toFile()));
        // Buildbot prints a build's whole environment at the top of its log: the workers get a plain one, not
        // whatever the process starting the sandbox holds. The job's own variables come from JobCommand.env.
        Map<String, String> env = builder.environment();
        Map<String, String> inherited = Map.copyOf(env);
        env.clear();
        for (String name : List.of("PATH", "HOME", "LANG", "USER", "TMPDIR")) {
            if (inherited.containsKey(name)) {
                env.put(name, inherited.get(name));
            }
        }
        env.put("PYTHONPATH", dir.resolve("www").toString());
        return builder.start();
    }

    private void awaitApi() throws IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        HttpClient http = HttpClient.newHttpClient();
        while (Instant.now().isBefore(deadline)) {
            if (!master.isAlive()) {
                throw new IOException("the Buildbot master exited (" + master.exitValue() + "), see "
                        + dir.resolve("master/master.log"));
            }
            try {
                if (http.send(HttpRequest.newBuilder(url().resolve("api/v2/builders")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting Buildbot", e);
            }
            sleep(300);
        }
        throw new IOException("the Buildbot master did not answer within " + START_TIMEOUT.toSeconds() + " s, see "
                + dir.resolve("master/master.log"));
    }

    /** Waits until {@code count} workers are connected to the master. */
    public void awaitWorkers(int count) throws IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        HttpClient http = HttpClient.newHttpClient();
        while (Instant.now().isBefore(deadline)) {
            try {
                String body = http.send(HttpRequest.newBuilder(url().resolve("api/v2/workers")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                int connected = 0;
                for (JsonNode w : new ObjectMapper().readTree(body).path("workers")) {
                    connected += w.path("connected_to").size() > 0 ? 1 : 0;
                }
                if (connected >= count) {
                    return;
                }
            } catch (IOException e) {
                // master busy; ask again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the workers", e);
            }
            sleep(300);
        }
        throw new IOException(count + " Buildbot worker(s) did not connect within " + START_TIMEOUT.toSeconds()
                + " s, see " + dir + "/worker-*/worker.log");
    }

    private String workerPassword(int i) throws IOException {
        Path file = dir.resolve("worker-" + i + ".secret");
        if (!Files.exists(file)) {
            Files.writeString(file, UUID.randomUUID().toString());
        }
        return Files.readString(file).trim();
    }

    private static void run(Path workDir, List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        waitQuietly(p);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + out);
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = BuildbotPeer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void waitQuietly(Process p) {
        try {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}

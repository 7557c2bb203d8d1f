package io.gravitee.release.gio.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gravitee.release.gio.sandbox.git.GitRemotes;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SandboxMainTest {

    static final Path START = Path.of("/work/shared/fixtures/gravitee/release-3.8.7_START.json");

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return SandboxMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                                         | no command given",
        "stop --dir d                               | unknown command 'stop'",
        "start                                      | --dir is required",
        "start --dir                                | --dir needs a value",
        "start --dir d --only                       | --only needs a value",
        "start --dir d --dir e                      | --dir given twice",
        "start --dir d extra                        | unexpected argument 'extra'",
        "start --dir d --port 80                    | unknown option --port for start",
        "start --dir d --only git,ftp               | unknown peer 'ftp' in --only: known peers are git,maven,s3,nexus2,central,buildbot",
        "start --dir d --only ,                     | --only names no peer",
        "fixture --dir d                            | --manifest is required",
        "fixture --manifest nope.json --dir d       | manifest nope.json is not a file",
        "fixture --manifest m.json --dir d --only x | unknown option --only for fixture",
        "fixture --manifest m.json --dir d --depends a | --depends item 'a' is not B=A or B=A:property",
        "fixture --manifest m.json --dir d --depends a=b:pom | --depends item 'a=b:pom' is not B=A or B=A:property",
    })
    void badArgumentsPrintTheUsageAndExitWith2(String args, String message) {
        String[] argv = args.isBlank() ? new String[0] : args.trim().split("\\s+");
        for (int i = 0; i < argv.length; i++) {
            if (argv[i].equals("d")) {
                argv[i] = tmp.resolve("d").toString();
            }
        }
        assertEquals(2, run(argv));
        String printed = err.toString(StandardCharsets.UTF_8);
        assertTrue(printed.startsWith("error: " + message), printed);
        assertTrue(printed.contains("usage: java -jar gio-sandbox.jar start --dir DIR"), printed);
        assertFalse(Files.exists(tmp.resolve("d")), "a refused command creates nothing");
    }

    @Test
    void fixtureCommandGeneratesIntoDirGit() throws Exception {
        Path dir = tmp.resolve("sb");
        assertEquals(0, run("fixture", "--manifest", START.toString(), "--dir", dir.toString()));
        assertEquals("master", GitRemotes.head(dir.resolve("git/release.git")));
        assertEquals("1.12.x", GitRemotes.head(dir.resolve("git/gravitee-policy-ratelimit.git")));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("gravitee-common.git (1.20.x, 1.20.2-SNAPSHOT)"),
                out.toString(StandardCharsets.UTF_8));

        // A second run into the same directory is refused whole, with exit code 1.
        assertEquals(1, run("fixture", "--manifest", START.toString(), "--dir", dir.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("already exists"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void fixtureCommandWritesDependencies() throws Exception {
        Path dir = tmp.resolve("sb");
        assertEquals(0, run("fixture", "--manifest", START.toString(), "--dir", dir.toString(), "--depends",
                "gravitee-definition=gravitee-common:property,gravitee-gateway=gravitee-common"));
        String definition = GitRemotes.readString(dir.resolve("git/gravitee-definition.git"), "1.27.x", "pom.xml");
        assertTrue(definition.contains("<gravitee-common.version>1.20.2-SNAPSHOT</gravitee-common.version>"), definition);
        assertTrue(definition.contains("<version>${gravitee-common.version}</version>"), definition);
        String gateway = GitRemotes.readString(dir.resolve("git/gravitee-gateway.git"), "3.8.x", "pom.xml");
        assertTrue(gateway.contains("<artifactId>gravitee-common</artifactId>\n      <version>1.20.2-SNAPSHOT</version>"),
                gateway);

        assertEquals(1, run("fixture", "--manifest", START.toString(), "--dir", tmp.resolve("other").toString(),
                "--depends", "gravitee-gateway=gravitee-unknown"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("gravitee-unknown is not a component of"),
                err.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(tmp.resolve("other")));
    }

    /**
     * The real command in a child JVM: serves a generated fixture over HTTP, then SIGTERM stops it
     * through the shutdown hook.
     */
    @Test
    void startRunsUntilSigtermThenStopsEveryPeer() throws Exception {
        Path dir = tmp.resolve("sb");
        assertEquals(0, run("fixture", "--manifest", START.toString(), "--dir", dir.toString()));

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SandboxMain.class.getName(), "start", "--dir", dir.toString(), "--only", "git,s3,nexus2")
                .redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                    if (line.startsWith("gio sandbox ready")) {
                        ready.complete(null);
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IllegalStateException("the sandbox exited before being ready"));
        });
        reader.start();
        try {
            ready.get(60, TimeUnit.SECONDS);
            JsonNode git = new ObjectMapper().readTree(dir.resolve("sandbox.json").toFile()).get("git");
            URI url = URI.create(git.get("url").asText());
            String output = String.join("\n", snapshot(lines));
            assertFalse(output.contains(git.get("password").asText()), "the password is never printed:\n" + output);
            assertTrue(output.contains(dir.resolve("settings.xml").toString()), output);

            HttpResponse<Void> anonymous = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(url.resolve("release.git/info/refs?service=git-upload-pack"))
                            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
            assertEquals(401, anonymous.statusCode());
            Path clone = tmp.resolve("release");
            Git.cloneRepository().setURI(url.resolve("release.git").toString()).setDirectory(clone.toFile())
                    .setCredentialsProvider(new UsernamePasswordCredentialsProvider(git.get("username").asText(),
                            git.get("password").asText()))
                    .call().close();
            assertEquals(Files.readString(START), Files.readString(clone.resolve("release.json")));

            // SIGTERM, like Process.destroy(), but without closing our end of the child's output.
            assertTrue(process.toHandle().destroy());
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the sandbox did not stop on SIGTERM");
            reader.join(5_000);
            // 143 = 128 + SIGTERM: the JVM's exit status after its shutdown hooks ran.
            assertEquals(143, process.exitValue(), String.join("\n", snapshot(lines)));
            assertEquals("gio sandbox stopped", snapshot(lines).get(snapshot(lines).size() - 1));
            assertTrue(snapshot(lines).contains("stopped git, s3, nexus2"), String.join("\n", snapshot(lines)));
            JsonNode json = new ObjectMapper().readTree(dir.resolve("sandbox.json").toFile());
            assertEquals(List.of("git", "s3", "nexus2"), List.copyOf(iterable(json.fieldNames())));
            for (String peer : List.of("git", "s3", "nexus2")) {
                int port = URI.create(json.get(peer).get("url").asText()).getPort();
                try {
                    new Socket("127.0.0.1", port).close();
                    throw new AssertionError(peer + " port " + port + " still open after stop");
                } catch (ConnectException expected) {
                    // stopped
                }
            }
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void signingKeyWritesAKeyOnceAndKeepsIt(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        assertEquals(0, run("signing-key", "--dir", dir.toString()));
        Path secret = dir.resolve("signing/secret-key.asc");
        String first = java.nio.file.Files.readString(secret);
        assertTrue(first.contains("BEGIN PGP PRIVATE KEY BLOCK"));
        assertTrue(java.nio.file.Files.readString(dir.resolve("signing/public-key.asc")).contains("BEGIN PGP PUBLIC KEY BLOCK"));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                java.nio.file.Files.getPosixFilePermissions(secret)));

        assertEquals(0, run("signing-key", "--dir", dir.toString()));
        assertEquals(first, java.nio.file.Files.readString(secret), "an existing key is kept");
    }

    @Test
    void fixtureReleaseReadyTakesOnlyTrueOrFalse(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path manifest = dir.resolve("release.json");
        java.nio.file.Files.writeString(manifest, "{\"name\": \"P\", \"version\": \"1.0.0-SNAPSHOT\", \"components\": "
                + "[{\"name\": \"a\"}], \"buildDependencies\": [[\"a\"]]}");

        assertEquals(SandboxMain.USAGE, run("fixture", "--manifest", manifest.toString(), "--dir", dir.toString(),
                "--release-ready", "yes"));
        assertEquals(0, run("fixture", "--manifest", manifest.toString(), "--dir", dir.toString(),
                "--release-ready", "true", "--distributions", "a"));
        try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.open(dir.resolve("git/a.git").toFile())) {
            org.eclipse.jgit.lib.Repository repo = git.getRepository();
            var commit = repo.parseCommit(repo.resolve("master"));
            try (var walk = org.eclipse.jgit.treewalk.TreeWalk.forPath(repo, "pom.xml", commit.getTree())) {
                String pom = new String(repo.open(walk.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
                assertTrue(pom.contains("<id>gio-release</id>") && pom.contains("maven-assembly-plugin"), pom);
            }
        }
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    private static List<String> snapshot(List<String> lines) {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }
}

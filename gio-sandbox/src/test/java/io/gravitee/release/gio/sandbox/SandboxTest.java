package io.gravitee.release.gio.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gravitee.release.gio.sandbox.git.GitPeer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class SandboxTest {

    @TempDir
    Path tmp;

    Sandbox sandbox;
    GitPeer git;

    @BeforeEach
    void start() throws IOException {
        sandbox = Sandbox.start(tmp.resolve("sb"), EnumSet.of(PeerKind.GIT));
        git = sandbox.git();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private UsernamePasswordCredentialsProvider good() {
        return new UsernamePasswordCredentialsProvider(git.credentials().username(), git.credentials().password());
    }

    @Test
    void pushesOverAuthenticatedHttpAndClonesBack() throws Exception {
        git.createEmptyRemote("demo");
        Path work = tmp.resolve("work");
        RevCommit pushed;
        try (Git local = Git.init().setDirectory(work.toFile()).setInitialBranch("master").call()) {
            Files.writeString(work.resolve("a.txt"), "hello");
            local.add().addFilepattern("a.txt").call();
            pushed = local.commit().setMessage("first").setAuthor("t", "t@example.org")
                    .setCommitter("t", "t@example.org").call();
            local.push().setRemote(git.httpUrl("demo").toString()).add("master").setCredentialsProvider(good()).call()
                    .forEach(result -> result.getRemoteUpdates().forEach(u ->
                            assertEquals("OK", u.getStatus().name(), u.getRemoteName())));
        }
        ObjectId onDisk;
        try (Git bare = Git.open(git.root().resolve("demo.git").toFile())) {
            onDisk = bare.getRepository().resolve("refs/heads/master");
        }
        assertEquals(pushed.getId(), onDisk, "the push reached the bare remote on disk");

        Path clone = tmp.resolve("clone");
        try (Git cloned = Git.cloneRepository().setURI(git.httpUrl("demo").toString()).setDirectory(clone.toFile())
                .setCredentialsProvider(good()).call()) {
            assertEquals(pushed.getId(), cloned.getRepository().resolve("HEAD"));
        }
        assertEquals("hello", Files.readString(clone.resolve("a.txt")));
    }

    @Test
    void rejectsWrongPasswordAndMissingCredentials() throws Exception {
        git.createEmptyRemote("demo");
        String infoRefs = git.httpUrl("demo") + "/info/refs?service=git-upload-pack";
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(infoRefs)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic "));

        String wrong = Base64.getEncoder().encodeToString(
                (git.credentials().username() + ":not-" + git.credentials().password()).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> wrongPassword = http.send(HttpRequest.newBuilder(URI.create(infoRefs))
                .header("Authorization", "Basic " + wrong).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, wrongPassword.statusCode());

        String right = Base64.getEncoder().encodeToString(
                (git.credentials().username() + ":" + git.credentials().password()).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create(infoRefs))
                .header("Authorization", "Basic " + right).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ok.statusCode());

        TransportException e = assertThrows(TransportException.class, () -> Git.lsRemoteRepository()
                .setRemote(git.httpUrl("demo").toString())
                .setCredentialsProvider(new UsernamePasswordCredentialsProvider("gio", "wrong")).call());
        assertTrue(e.getMessage().toLowerCase().contains("not authorized"), e.getMessage());
    }

    @Test
    void servesTheSameRemotesOverFileUrls() throws Exception {
        git.createEmptyRemote("demo");
        Path work = tmp.resolve("work");
        try (Git local = Git.init().setDirectory(work.toFile()).setInitialBranch("master").call()) {
            Files.writeString(work.resolve("b.txt"), "over http");
            local.add().addFilepattern("b.txt").call();
            local.commit().setMessage("b").setAuthor("t", "t@example.org").setCommitter("t", "t@example.org").call();
            local.push().setRemote(git.httpUrl("demo").toString()).add("master").setCredentialsProvider(good()).call();
        }
        Path clone = tmp.resolve("file-clone");
        Git.cloneRepository().setURI(git.fileUrl() + "demo.git").setDirectory(clone.toFile()).call().close();
        assertEquals("over http", Files.readString(clone.resolve("b.txt")));
        assertTrue(git.fileUrl().toString().startsWith("file:/"), git.fileUrl().toString());
        assertEquals(sandbox.dir().resolve("git"), Path.of(git.fileUrl()));
    }

    @Test
    void writesSandboxJsonAndSettingsXml() throws Exception {
        JsonNode json = new ObjectMapper().readTree(sandbox.sandboxJson().toFile());
        assertEquals(1, json.size(), json.toString());
        JsonNode entry = json.get("git");
        assertEquals(git.url().toString(), entry.get("url").asText());
        assertTrue(entry.get("url").asText().matches("http://127\\.0\\.0\\.1:\\d+/git/"), entry.toString());
        assertEquals(git.credentials().username(), entry.get("username").asText());
        assertEquals(git.credentials().password(), entry.get("password").asText());
        assertEquals(git.fileUrl().toString(), entry.get("fileUrl").asText());

        Document settings = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(sandbox.settingsXml().toFile());
        assertEquals(1, settings.getElementsByTagName("server").getLength());
        Element server = (Element) settings.getElementsByTagName("server").item(0);
        assertEquals("gio-git", text(server, "id"));
        assertEquals(git.credentials().username(), text(server, "username"));
        assertEquals(git.credentials().password(), text(server, "password"));

        for (Path file : new Path[] {sandbox.sandboxJson(), sandbox.settingsXml()}) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
        }
    }

    @Test
    void closingStopsEveryPeer() throws Exception {
        int port = git.url().getPort();
        new Socket("127.0.0.1", port).close(); // listening while running
        sandbox.close();
        sandbox.close(); // idempotent
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
    }

    @Test
    void fixedCredentialsAreUsedAndEscapedInSettings() throws Exception {
        PeerCredentials fixed = new PeerCredentials("alice", "p<&>\"'w");
        try (Sandbox other = Sandbox.start(tmp.resolve("fixed"), EnumSet.of(PeerKind.GIT),
                Map.of(PeerKind.GIT, fixed), io.gravitee.release.gio.log.Console.silent())) {
            assertEquals(fixed, other.git().credentials());
            Document settings = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(other.settingsXml().toFile());
            Element server = (Element) settings.getElementsByTagName("server").item(0);
            assertEquals("p<&>\"'w", text(server, "password"));
            other.git().createEmptyRemote("x");
            Git.lsRemoteRepository().setRemote(other.git().httpUrl("x").toString())
                    .setCredentialsProvider(new UsernamePasswordCredentialsProvider("alice", "p<&>\"'w")).call();
        }
    }

    @Test
    void refusesAnEmptyPeerSetAndStartsNothing() {
        Path dir = tmp.resolve("none");
        assertTrue(PeerKind.CENTRAL.available(), "every peer is implemented");
        assertThrows(IllegalArgumentException.class, () -> Sandbox.start(dir, EnumSet.noneOf(PeerKind.class)));
        assertFalse(Files.exists(dir.resolve("sandbox.json")));
        assertThrows(IllegalArgumentException.class, () -> Sandbox.start(dir, EnumSet.noneOf(PeerKind.class)));
        assertThrows(IllegalStateException.class, () -> sandbox.peer(PeerKind.S3));
    }

    @Test
    void credentialsNeverShowTheirPassword() {
        PeerCredentials generated = PeerCredentials.generate();
        assertFalse(generated.toString().contains(generated.password()));
        assertFalse(git.toString().contains(git.credentials().password()));
        assertTrue(generated.password().length() >= 20);
        assertFalse(generated.password().equals(PeerCredentials.generate().password()));
        assertThrows(IllegalArgumentException.class, () -> new PeerCredentials("a:b", "x"));
    }

    private static String text(Element parent, String tag) {
        return parent.getElementsByTagName(tag).item(0).getTextContent();
    }
}

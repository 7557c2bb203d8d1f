package io.gravitee.release.gio.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.sandbox.maven.Nexus3Peer;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** A sandbox with every available peer; the maven peer is the JVM's shared Nexus 3, attached as running. */
class SandboxPeersTest {

    @TempDir
    Path tmp;

    @Test
    void startsEveryDefaultPeerAndDescribesThemInSandboxJsonAndSettingsXml() throws Exception {
        Nexus3Peer nexus = Nexus3Peer.shared();
        assertEquals(List.of(PeerKind.GIT, PeerKind.MAVEN, PeerKind.S3, PeerKind.NEXUS2, PeerKind.CENTRAL),
                List.copyOf(PeerKind.availableKinds()));
        int s3Port;
        int nexus2Port;
        int centralPort;
        try (Sandbox sandbox = Sandbox.start(tmp.resolve("sb"), PeerKind.availableKinds(), Map.of(),
                Console.silent(), Map.of(PeerKind.MAVEN, nexus))) {
            JsonNode json = new ObjectMapper().readTree(sandbox.sandboxJson().toFile());
            List<String> names = new ArrayList<>();
            json.fieldNames().forEachRemaining(names::add);
            assertEquals(List.of("git", "maven", "s3", "nexus2", "central"), names);

            JsonNode maven = json.get("maven");
            assertEquals(nexus.baseUrl() + "repository/maven-releases/", maven.get("url").asText());
            assertEquals(nexus.baseUrl() + "repository/maven-snapshots/", maven.get("snapshotsUrl").asText());
            assertEquals(nexus.baseUrl() + "repository/gio-staging/", maven.get("stagingUrl").asText());
            assertEquals(nexus.baseUrl().toString(), maven.get("baseUrl").asText());
            assertEquals(nexus.credentials().password(), maven.get("password").asText());

            JsonNode s3 = json.get("s3");
            assertEquals("gio-downloads", s3.get("bucket").asText());
            assertEquals(sandbox.s3().credentials().username(), s3.get("username").asText());
            s3Port = URI.create(s3.get("url").asText()).getPort();

            JsonNode nexus2 = json.get("nexus2");
            String nexusUrl = nexus2.get("url").asText();
            assertTrue(nexusUrl.matches("http://127\\.0\\.0\\.1:\\d+"), nexusUrl);
            assertEquals("12a3b4c5d6e7f8", nexus2.get("profileId").asText());
            assertEquals(nexusUrl + "/content/repositories/releases/", nexus2.get("releasesUrl").asText());
            nexus2Port = URI.create(nexusUrl).getPort();
            HttpResponse<String> profiles = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(nexusUrl + "/service/local/staging/profiles")).header("Authorization",
                    basic(nexus2.get("username").asText(), nexus2.get("password").asText())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, profiles.statusCode(), "the staging API answers under nexusUrl/service/local/");
            assertTrue(profiles.body().contains("12a3b4c5d6e7f8"), profiles.body());

            JsonNode central = json.get("central");
            String centralUrl = central.get("url").asText();
            assertTrue(centralUrl.matches("http://127\\.0\\.0\\.1:\\d+/?"), centralUrl);
            assertEquals(centralUrl.replaceAll("/$", "") + "/repo/", central.get("repoUrl").asText());
            centralPort = URI.create(centralUrl).getPort();
            HttpResponse<String> published = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    centralUrl.replaceAll("/$", "") + "/api/v1/publisher/published?namespace=io.x&name=y&version=1"))
                    .header("Authorization", "Bearer " + Base64.getEncoder().encodeToString((central.get("username")
                            .asText() + ":" + central.get("password").asText()).getBytes(StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, published.statusCode(), "the Publisher API answers with the peer's user token");

            Document settings = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(sandbox.settingsXml().toFile());
            List<String> servers = new ArrayList<>();
            NodeList serverNodes = settings.getElementsByTagName("server");
            for (int i = 0; i < serverNodes.getLength(); i++) {
                servers.add(text((Element) serverNodes.item(i), "id"));
            }
            assertEquals(List.of("gio-git", "gio-maven", "gio-s3", "gio-nexus2", "gio-central", "gio-maven-snapshots"), servers);
            assertEquals("gio-sandbox", settings.getElementsByTagName("activeProfile").item(0).getTextContent());
            NodeList repositories = settings.getElementsByTagName("repository");
            assertEquals(2, repositories.getLength());
            Element releases = (Element) repositories.item(0);
            assertEquals("gio-maven", text(releases, "id"));
            assertEquals(maven.get("url").asText(), text(releases, "url"));
            Element snapshots = (Element) repositories.item(1);
            assertEquals("gio-maven-snapshots", text(snapshots, "id"));
            assertEquals(maven.get("snapshotsUrl").asText(), text(snapshots, "url"));
            assertEquals(0, settings.getElementsByTagName("mirror").getLength(), "Maven Central stays reachable");
            assertEquals(0, settings.getElementsByTagName("pluginRepository").getLength());
        }
        for (int port : new int[] {s3Port, nexus2Port, centralPort}) {
            assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
        }
        assertTrue(nexus.process().orElseThrow().isAlive(), "a peer attached as running is left running");
    }

    /**
     * The real Maven, given only the sandbox's settings.xml, resolves a release from the private repository; Maven
     * Central stays in use for its own plugins (read from this machine's local repository as a read-only tail).
     */
    @Test
    void settingsXmlLetsMavenResolveReleasesFromThePrivateRepository() throws Exception {
        Nexus3Peer nexus = Nexus3Peer.shared();
        String version = "1.0." + System.nanoTime() % 100_000;
        URI pom = nexus.url().resolve("io/gravitee/gio/resolved/" + version + "/resolved-" + version + ".pom");
        String pomText = "<project><modelVersion>4.0.0</modelVersion><groupId>io.gravitee.gio</groupId>"
                + "<artifactId>resolved</artifactId><version>" + version + "</version><packaging>pom</packaging></project>";
        HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(pom)
                .header("Authorization", basic(nexus.credentials().username(), nexus.credentials().password()))
                .PUT(HttpRequest.BodyPublishers.ofString(pomText)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, put.statusCode(), put.body());

        try (Sandbox sandbox = Sandbox.start(tmp.resolve("sb"), java.util.EnumSet.of(PeerKind.GIT), Map.of(),
                Console.silent(), Map.of(PeerKind.MAVEN, nexus))) {
            Path repo = tmp.resolve("repo");
            String home = System.getProperty("maven.home");
            String mvn = home == null ? "mvn" : Path.of(home, "bin", "mvn").toString();
            Path log = tmp.resolve("mvn.log");
            Process process = new ProcessBuilder(mvn, "-B", "-s", sandbox.settingsXml().toString(),
                    "-Dmaven.repo.local=" + repo,
                    "-Dmaven.repo.local.tail=" + Path.of(System.getProperty("user.home"), ".m2", "repository"),
                    "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get",
                    "-Dartifact=io.gravitee.gio:resolved:" + version + ":pom")
                    .directory(tmp.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean finished = process.waitFor(3, java.util.concurrent.TimeUnit.MINUTES);
            if (!finished) {
                process.destroyForcibly();
            }
            String output = java.nio.file.Files.readString(log);
            assertTrue(finished && process.exitValue() == 0, output);
            assertEquals(pomText, java.nio.file.Files.readString(
                    repo.resolve("io/gravitee/gio/resolved/" + version + "/resolved-" + version + ".pom")));
            assertTrue(output.contains("from gio-maven"), output);
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String text(Element parent, String tag) {
        return parent.getElementsByTagName(tag).item(0).getTextContent();
    }
}

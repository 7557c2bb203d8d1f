package io.gravitee.release.gio.sandbox.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.gravitee.release.gio.log.Console;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Locating, downloading (from a local HTTP server standing in for Maven Central) and unpacking Nexus. */
class NexusDistributionTest {

    private static final String VERSION = "0.0.1-test";
    private static final String PATH = "/maven2/org/sonatype/nexus/assemblies/nexus-base-template/" + VERSION
            + "/nexus-base-template-" + VERSION + ".zip";

    @TempDir
    Path tmp;

    private HttpServer server;
    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = served.get(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                if (body != null) {
                    out.write(body);
                }
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private NexusDistribution distribution() {
        return new NexusDistribution(VERSION, URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                + "/maven2"), tmp.resolve("m2/repository"), tmp.resolve("m2/gio-cache"));
    }

    @Test
    void downloadsTheZipIntoTheLocalRepositoryVerifiesItAndUnpacksItOnce() throws Exception {
        byte[] zip = nexusZip(VERSION);
        served.put(PATH, zip);
        served.put(PATH + ".sha1", (sha1(zip) + "  nexus-base-template-" + VERSION + ".zip\n").getBytes());
        NexusDistribution distribution = distribution();

        Path home = distribution.install(Console.silent());
        assertEquals(tmp.resolve("m2/gio-cache/nexus-" + VERSION), home);
        assertTrue(Files.isExecutable(home.resolve("bin/nexus")));
        assertEquals("sshHost = 0.0.0.0\n", Files.readString(home.resolve("etc/karaf/org.apache.karaf.shell.cfg")));
        assertEquals(sha1(zip), sha1(Files.readAllBytes(distribution.zip())));
        assertEquals(sha1(zip), Files.readString(distribution.zip().resolveSibling(
                "nexus-base-template-" + VERSION + ".zip.sha1")));
        assertEquals(2, requests.get());
        try (Stream<Path> cache = Files.list(tmp.resolve("m2/gio-cache"))) {
            assertEquals(1, cache.count(), "no temporary directory left");
        }

        server.stop(0);
        assertEquals(home, distribution.install(Console.silent()), "the unpacked installation is reused");
        assertEquals(2, requests.get());
    }

    @Test
    void aZipAlreadyInTheLocalRepositoryIsNotDownloaded() throws Exception {
        NexusDistribution distribution = distribution();
        Files.createDirectories(distribution.zip().getParent());
        Files.write(distribution.zip(), nexusZip(VERSION));

        Path home = distribution.install(Console.silent());
        assertTrue(Files.isRegularFile(home.resolve("bin/nexus")));
        assertEquals(0, requests.get());
    }

    @Test
    void aCorruptDownloadIsRejectedAndLeavesNothing() throws Exception {
        byte[] zip = nexusZip(VERSION);
        served.put(PATH, zip);
        served.put(PATH + ".sha1", "0123456789012345678901234567890123456789".getBytes());
        NexusDistribution distribution = distribution();

        IOException e = assertThrows(IOException.class, () -> distribution.install(Console.silent()));
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
        assertFalse(Files.exists(distribution.zip()));
        try (Stream<Path> left = Files.list(distribution.zip().getParent())) {
            assertEquals(0, left.count(), "no partial download left");
        }
        assertFalse(Files.exists(distribution.home()));
    }

    @Test
    void aMissingArtifactOrChecksumIsAClearError() {
        NexusDistribution distribution = distribution();
        IOException noSha = assertThrows(IOException.class, () -> distribution.install(Console.silent()));
        assertTrue(noSha.getMessage().contains(".zip.sha1 answered 404"), noSha.getMessage());

        served.put(PATH + ".sha1", "0123456789012345678901234567890123456789".getBytes());
        IOException noZip = assertThrows(IOException.class, () -> distribution.install(Console.silent()));
        assertTrue(noZip.getMessage().contains(".zip answered 404"), noZip.getMessage());
        assertFalse(Files.exists(distribution.zip()));
    }

    @Test
    void aZipThatIsNotANexusDistributionIsRefused() throws Exception {
        NexusDistribution distribution = distribution();
        Files.createDirectories(distribution.zip().getParent());
        Files.write(distribution.zip(), nexusZip("other"));

        IOException e = assertThrows(IOException.class, () -> distribution.install(Console.silent()));
        assertTrue(e.getMessage().contains("not a Nexus distribution"), e.getMessage());
        assertFalse(Files.exists(distribution.home()));
    }

    @Test
    void karafRemoteAccessIsBoundToLoopback() throws Exception {
        NexusDistribution distribution = distribution();
        Files.createDirectories(distribution.zip().getParent());
        Files.write(distribution.zip(), nexusZip(VERSION));
        Path home = distribution.install(Console.silent());

        Nexus3Peer.bindToLoopback(home);
        assertEquals("sshHost = 127.0.0.1\n", Files.readString(home.resolve("etc/karaf/org.apache.karaf.shell.cfg")));
        assertEquals("rmiRegistryPort = 8099\nrmiRegistryHost = 127.0.0.1\nrmiServerHost = 127.0.0.1\n",
                Files.readString(home.resolve("etc/karaf/org.apache.karaf.management.cfg")));
    }

    @Test
    void defaultsHonourMavenRepoLocal() {
        String before = System.getProperty("maven.repo.local");
        try {
            System.setProperty("maven.repo.local", tmp.resolve("elsewhere").toString());
            NexusDistribution defaults = NexusDistribution.defaults();
            assertEquals(tmp.resolve("elsewhere/org/sonatype/nexus/assemblies/nexus-base-template/3.71.0-06/"
                    + "nexus-base-template-3.71.0-06.zip"), defaults.zip());
            assertEquals("https://repo.maven.apache.org/maven2/", defaults.remoteRepository().toString());
        } finally {
            if (before == null) {
                System.clearProperty("maven.repo.local");
            } else {
                System.setProperty("maven.repo.local", before);
            }
        }
    }

    /** A tiny zip laid out like nexus-base-template-VERSION.zip. */
    private static byte[] nexusZip(String version) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String top = "nexus-base-template-" + version + "/";
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(top));
            entry(zip, top + "bin/nexus", "#!/bin/sh\nexit 1\n");
            entry(zip, top + "etc/karaf/org.apache.karaf.shell.cfg", "sshHost = 0.0.0.0\n");
            entry(zip, top + "etc/karaf/org.apache.karaf.management.cfg",
                    "rmiRegistryPort = 8099\nrmiRegistryHost = 0.0.0.0\nrmiServerHost = 0.0.0.0\n");
        }
        return bytes.toByteArray();
    }

    private static void entry(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static String sha1(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    }
}

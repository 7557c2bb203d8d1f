package io.gravitee.release.gio.sandbox.maven;

import io.gravitee.release.gio.log.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Where a Nexus Repository OSS installation comes from: the {@code nexus-base-template} zip in the local
 * Maven repository (downloaded from Maven Central into it, SHA-1 checked, when absent), unpacked once into a
 * cache directory that later starts reuse. Unpacking goes through a temporary directory renamed into place,
 * so a cache directory is either complete or absent.
 *
 * @param version the Nexus version, e.g. {@code 3.71.0-06}
 * @param remoteRepository the Maven repository to download from (Maven Central by default)
 * @param localRepository the local Maven repository ({@code maven.repo.local} or {@code ~/.m2/repository})
 * @param cacheRoot where installations are unpacked, one {@code nexus-<version>} directory each
 */
public record NexusDistribution(String version, URI remoteRepository, Path localRepository, Path cacheRoot) {

    /** The Nexus version the sandbox runs. */
    public static final String VERSION = "3.71.0-06";
    static final String GROUP_PATH = "org/sonatype/nexus/assemblies/nexus-base-template";
    static final URI CENTRAL = URI.create("https://repo.maven.apache.org/maven2/");
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(30);

    public NexusDistribution {
        if (!remoteRepository.toString().endsWith("/")) {
            remoteRepository = URI.create(remoteRepository + "/");
        }
        localRepository = localRepository.toAbsolutePath().normalize();
        cacheRoot = cacheRoot.toAbsolutePath().normalize();
    }

    /**
     * {@link #VERSION} from Maven Central, the local repository named by the {@code maven.repo.local} system
     * property (else {@code ~/.m2/repository}), cached under {@code ~/.m2/gio-cache}.
     */
    public static NexusDistribution defaults() {
        Path m2 = Path.of(System.getProperty("user.home"), ".m2");
        String local = System.getProperty("maven.repo.local");
        Path repository = local == null || local.isBlank() ? m2.resolve("repository") : Path.of(local);
        return new NexusDistribution(VERSION, CENTRAL, repository, m2.resolve("gio-cache"));
    }

    /** The zip's path inside a Maven repository layout. */
    String zipPath() {
        return GROUP_PATH + "/" + version + "/nexus-base-template-" + version + ".zip";
    }

    /** The zip in the local repository (it may not exist yet). */
    public Path zip() {
        return localRepository.resolve(zipPath());
    }

    /** The unpacked installation directory (it may not exist yet). */
    public Path home() {
        return cacheRoot.resolve("nexus-" + version);
    }

    /**
     * The installation directory, downloading and unpacking what is missing.
     *
     * @throws IOException when the download fails, its SHA-1 does not match, or the zip is not a Nexus distribution
     */
    public Path install(Console console) throws IOException {
        Path home = home();
        if (Files.isRegularFile(home.resolve("bin/nexus"))) {
            return home;
        }
        Path zip = zip();
        if (!Files.isRegularFile(zip)) {
            download(console);
        }
        console.info("unpacking " + zip + " into " + home);
        Files.createDirectories(cacheRoot);
        Path tmp = Files.createTempDirectory(cacheRoot, ".nexus-" + version + "-");
        try {
            unzip(zip, tmp);
            Path top = tmp.resolve("nexus-base-template-" + version);
            if (!Files.isRegularFile(top.resolve("bin/nexus"))) {
                throw new IOException(zip + " holds no nexus-base-template-" + version + "/bin/nexus: not a Nexus"
                        + " distribution; delete it so that it is downloaded again");
            }
            try {
                Files.move(top, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
                // Another JVM unpacked it meanwhile: theirs is as good as ours.
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(top, home);
            }
        } finally {
            deleteTree(tmp);
        }
        return home;
    }

    /** Downloads the zip and its {@code .sha1} into the local repository, checking the one against the other. */
    void download(Console console) throws IOException {
        URI zipUri = remoteRepository.resolve(zipPath());
        URI shaUri = remoteRepository.resolve(zipPath() + ".sha1");
        Path zip = zip();
        Files.createDirectories(zip.getParent());
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build();
        String expected = expectedSha1(http, shaUri);
        console.info("downloading " + zipUri + " (about 134 MB, once) into " + zip);
        Path part = Files.createTempFile(zip.getParent(), zip.getFileName().toString(), ".part");
        try {
            HttpResponse<InputStream> response = send(http, zipUri, HttpResponse.BodyHandlers.ofInputStream());
            MessageDigest sha1 = sha1();
            try (InputStream body = new DigestInputStream(response.body(), sha1);
                    OutputStream out = Files.newOutputStream(part)) {
                if (response.statusCode() != 200) {
                    throw new IOException("GET " + zipUri + " answered " + response.statusCode());
                }
                body.transferTo(out);
            }
            String actual = HexFormat.of().formatHex(sha1.digest());
            if (!actual.equals(expected)) {
                throw new IOException("the download of " + zipUri + " is corrupt: SHA-1 " + actual + ", expected "
                        + expected + " (" + shaUri + ")");
            }
            Files.writeString(zip.resolveSibling(zip.getFileName() + ".sha1"), expected, StandardCharsets.US_ASCII);
            Files.move(part, zip, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    private static String expectedSha1(HttpClient http, URI shaUri) throws IOException {
        HttpResponse<String> sha = send(http, shaUri, HttpResponse.BodyHandlers.ofString());
        // A .sha1 file holds the hex digest, sometimes followed by the file name.
        String text = sha.body().trim().split("\\s+")[0].toLowerCase(Locale.ROOT);
        if (sha.statusCode() != 200 || !text.matches("[0-9a-f]{40}")) {
            throw new IOException("GET " + shaUri + " answered " + sha.statusCode() + " without a SHA-1: cannot"
                    + " verify the Nexus download");
        }
        return text;
    }

    private static <T> HttpResponse<T> send(HttpClient http, URI uri, HttpResponse.BodyHandler<T> handler)
            throws IOException {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(DOWNLOAD_TIMEOUT).GET().build(), handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading " + uri, e);
        } catch (IOException e) {
            throw new IOException("cannot download " + uri + ": " + e.getMessage(), e);
        }
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }

    /** Unzips keeping no permissions (java.util.zip has none), so {@code bin/} scripts are made executable. */
    static void unzip(Path zip, Path target) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException(zip + ": entry " + entry.getName() + " points outside the archive");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                if (out.getParent().getFileName().toString().equals("bin")) {
                    out.toFile().setExecutable(true, false);
                }
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

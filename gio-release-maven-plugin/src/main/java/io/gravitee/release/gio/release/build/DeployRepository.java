package io.gravitee.release.gio.release.build;

import io.gravitee.release.gio.credentials.Credentials;
import io.gravitee.release.gio.transfer.Checksums;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * The private repository releases are deployed to, given as {@code id::url} like Maven's
 * {@code altDeploymentRepository}. It can tell whether a release is already there, which is how
 * a resumed release avoids deploying the same version twice (release repositories refuse it).
 */
public record DeployRepository(String id, URI url, Optional<Credentials> credentials) {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public static DeployRepository parse(String spec, Optional<Credentials> credentials) {
        int separator = spec == null ? -1 : spec.indexOf("::");
        if (separator <= 0 || separator + 2 >= spec.length()) {
            throw new IllegalArgumentException("-Dgio.release.deployRepository must be id::url, e.g. "
                    + "gio-maven::https://nexus.example.com/repository/maven-releases/ (was '" + spec + "')");
        }
        String url = spec.substring(separator + 2);
        return new DeployRepository(spec.substring(0, separator), URI.create(url.endsWith("/") ? url : url + "/"), credentials);
    }

    /** The spec Maven's deploy plugin takes. */
    public String altDeploymentRepository() {
        String url = url().toString();
        return id + "::" + (url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    /** Whether {@code groupId:artifactId:version}'s POM is in the repository. */
    public boolean contains(String groupId, String artifactId, String version) throws IOException {
        return has(groupId.replace('.', '/') + "/" + artifactId + "/" + version + "/" + artifactId + "-" + version + ".pom");
    }

    /** Whether the file at {@code path} (relative to the repository root, with {@code /}) is in the repository. */
    public boolean has(String path) throws IOException {
        URI file = url.resolve(path);
        if ("file".equals(file.getScheme())) {
            return Files.isRegularFile(Path.of(file));
        }
        HttpResponse<Void> response = send(request(file).method("HEAD", HttpRequest.BodyPublishers.noBody()), file);
        return switch (response.statusCode()) {
            case 200 -> true;
            case 404 -> false;
            case 401, 403 -> throw refused(response.statusCode());
            default -> throw new IOException("The deploy repository " + id + " answered HTTP " + response.statusCode()
                    + " for " + file);
        };
    }

    /** The text of the file at {@code path}, empty when the repository has no such file (e.g. a maven-metadata.xml). */
    public Optional<String> text(String path) throws IOException {
        URI file = url.resolve(path);
        if ("file".equals(file.getScheme())) {
            return Files.isRegularFile(Path.of(file)) ? Optional.of(Files.readString(Path.of(file))) : Optional.empty();
        }
        HttpResponse<String> response;
        try {
            response = CLIENT.send(request(file).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while reading " + file, e);
        } catch (IOException e) {
            throw new IOException("The repository " + id + " (" + url + ") cannot be reached: " + e.getMessage(), e);
        }
        return switch (response.statusCode()) {
            case 200 -> Optional.of(response.body());
            case 404 -> Optional.empty();
            case 401, 403 -> throw refused(response.statusCode());
            default -> throw new IOException("The repository " + id + " answered HTTP " + response.statusCode() + " for " + file);
        };
    }

    /** The SHA-1 (hex) of the file at {@code path}, read from the repository; the file must be there. */
    public String sha1(String path) throws IOException {
        URI file = url.resolve(path);
        if ("file".equals(file.getScheme())) {
            return Checksums.of(Path.of(file)).sha1();
        }
        HttpResponse<InputStream> response;
        try {
            response = CLIENT.send(request(file).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while reading " + file, e);
        }
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("The deploy repository " + id + " answered HTTP " + response.statusCode() + " for "
                        + path);
            }
            return Checksums.of(in).sha1();
        }
    }

    /**
     * Puts one file at {@code path}, as the deploy plugin would ({@link DeployUpload}: a file that is there is
     * deleted first, and only when an attempt of this release recorded it).
     */
    public void upload(String path, Path content) throws IOException {
        URI file = url.resolve(path);
        if ("file".equals(file.getScheme())) {
            // Whole or not at all, as a repository manager stores an upload: a process killed while copying must
            // not leave a truncated file that no record knows.
            Path target = Path.of(file);
            Files.createDirectories(target.getParent());
            if (Files.exists(target)) {
                throw new java.nio.file.FileAlreadyExistsException(target.toString());
            }
            Path part = target.resolveSibling("." + target.getFileName() + ".gio-part");
            Files.copy(content, part, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.move(part, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        HttpResponse<Void> response = send(request(file).PUT(HttpRequest.BodyPublishers.ofFile(content)), file);
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw refused(status);
        }
        if (status < 200 || status >= 300) {
            throw new IOException("The deploy repository " + id + " refused " + path + " (HTTP " + status + ")");
        }
    }

    /**
     * Deletes the file at {@code path}; gone already is fine. Used only for files a dead attempt of this release
     * recorded before uploading them, while the version is not tagged: nothing can depend on them yet. Needs the
     * repository's delete permission, which a release repository's deploy user often lacks: a refusal says so.
     */
    public void delete(String path) throws IOException {
        URI file = url.resolve(path);
        if ("file".equals(file.getScheme())) {
            Files.deleteIfExists(Path.of(file));
            return;
        }
        HttpResponse<Void> response = send(request(file).DELETE(), file);
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new IOException("The deploy repository " + id + " refused to delete " + path + " (HTTP " + status
                    + "): a dead attempt of this release uploaded it, and the rebuild has other bytes. Give the user of"
                    + " server '" + id + "' the delete permission on that repository (Nexus 3: privilege"
                    + " nx-repository-view-maven2-<repository>-delete; Artifactory: Delete/Overwrite), then run the"
                    + " release again; nothing was tagged.");
        }
        if (status != 404 && (status < 200 || status >= 300)) {
            throw new IOException("The deploy repository " + id + " refused to delete " + path + " (HTTP " + status + ")");
        }
    }

    /** Fails unless the repository answers; run before any build so a release never builds for nothing. */
    public void checkReachable() throws IOException {
        if ("file".equals(url.getScheme())) {
            return;
        }
        HttpResponse<Void> response = send(request(url).method("HEAD", HttpRequest.BodyPublishers.noBody()), url);
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new IOException("The deploy repository " + id + " (" + url + ") refused the credentials of server '" + id
                    + "' (HTTP " + response.statusCode() + ")");
        }
        if (response.statusCode() >= 500) {
            throw new IOException("The deploy repository " + id + " (" + url + ") answered HTTP " + response.statusCode());
        }
    }

    private IOException refused(int status) {
        return new IOException("The deploy repository " + id + " refused the credentials of server '" + id + "' (HTTP "
                + status + "): check that settings.xml has a <server> with id " + id);
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5));
        credentials.ifPresent(c -> request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                (c.username() + ":" + c.secret()).getBytes(StandardCharsets.UTF_8))));
        return request;
    }

    private HttpResponse<Void> send(HttpRequest.Builder request, URI uri) throws IOException {
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while talking to " + id + " about " + uri, e);
        } catch (IOException e) {
            throw new IOException("The deploy repository " + id + " (" + url + ") cannot be reached: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return id + "::" + url;
    }
}

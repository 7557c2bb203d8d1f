package io.gravitee.release.gio.release.build;

import io.gravitee.release.gio.credentials.Credentials;
import java.io.IOException;
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
        String path = groupId.replace('.', '/') + "/" + artifactId + "/" + version + "/" + artifactId + "-" + version + ".pom";
        URI pom = url.resolve(path);
        if ("file".equals(pom.getScheme())) {
            return Files.isRegularFile(Path.of(pom));
        }
        HttpResponse<Void> response = head(pom);
        return switch (response.statusCode()) {
            case 200 -> true;
            case 404 -> false;
            case 401, 403 -> throw new IOException("The deploy repository " + id + " refused the credentials of server '"
                    + id + "' (HTTP " + response.statusCode() + "): check that settings.xml has a <server> with id " + id);
            default -> throw new IOException("The deploy repository " + id + " answered HTTP " + response.statusCode()
                    + " for " + pom);
        };
    }

    /** Fails unless the repository answers; run before any build so a release never builds for nothing. */
    public void checkReachable() throws IOException {
        if ("file".equals(url.getScheme())) {
            return;
        }
        HttpResponse<Void> response = head(url);
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new IOException("The deploy repository " + id + " (" + url + ") refused the credentials of server '" + id
                    + "' (HTTP " + response.statusCode() + ")");
        }
        if (response.statusCode() >= 500) {
            throw new IOException("The deploy repository " + id + " (" + url + ") answered HTTP " + response.statusCode());
        }
    }

    private HttpResponse<Void> head(URI uri) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(30));
        credentials.ifPresent(c -> request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                (c.username() + ":" + c.secret()).getBytes(StandardCharsets.UTF_8))));
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while asking " + id + " for " + uri, e);
        } catch (IOException e) {
            throw new IOException("The deploy repository " + id + " (" + url + ") cannot be reached: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return id + "::" + url;
    }
}

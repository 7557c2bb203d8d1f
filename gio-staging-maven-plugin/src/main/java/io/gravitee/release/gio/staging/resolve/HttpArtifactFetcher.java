package io.gravitee.release.gio.staging.resolve;

import io.gravitee.release.gio.credentials.Credentials;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.transfer.Retry;
import io.gravitee.release.gio.transfer.Background;
import io.gravitee.release.gio.transfer.HttpClients;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Fetches files by plain GETs on a Maven repository layout over http(s), or copies them from a {@code file:}
 * repository. Also answers the raw GETs of {@link AttachedFileDiscovery}. Transient failures are retried.
 */
public final class HttpArtifactFetcher implements ArtifactFetcher, AutoCloseable {
    private final SourceRepository repository;
    private final Credentials credentials;
    // Built on a thread of its own (the JDK's TLS context costs a third of a second of CPU), and not at all for a
    // file: repository that is never asked for an http URL.
    private CompletableFuture<HttpClient> client;
    private boolean closed;
    private final Retry retry;

    /** @param credentials Basic credentials, or null for anonymous access */
    public HttpArtifactFetcher(SourceRepository repository, Credentials credentials, Console console) {
        this.repository = repository;
        this.credentials = credentials;
        this.retry = Retry.of(new Retry.Policy(3, Duration.ofMillis(200), Duration.ofSeconds(2), Retry::isTransientIo),
                console);
        if (!repository.url().startsWith("file:")) {
            client();
        }
    }

    private synchronized CompletableFuture<HttpClient> client() {
        if (closed) {
            throw new IllegalStateException("The fetcher of " + repository.url() + " is closed");
        }
        if (client == null) {
            client = Background.supply("gio-http-init", () -> HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL).build());
        }
        return client;
    }

    /** Closes the HTTP client, if one was built; nothing may be fetched afterwards. */
    @Override
    public synchronized void close() {
        closed = true;
        if (client != null) {
            client.thenAccept(HttpClients::close);
        }
    }

    @Override
    public boolean fetch(ArtifactFile file, Path target) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        if (repository.url().startsWith("file:")) {
            Path source = Path.of(URI.create(repository.url() + "/" + file.path()));
            if (!Files.isRegularFile(source)) {
                if (!Files.isDirectory(Path.of(URI.create(repository.url())))) {
                    throw new IOException("The source repository " + repository.url() + " does not exist");
                }
                return false;
            }
            LocalCopy.place(source, target);
            return true;
        }
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try {
            int status = call("GET " + file.path(), () -> {
                HttpResponse<Path> response = client().join().send(request(repository.url() + "/" + file.path()),
                        HttpResponse.BodyHandlers.ofFile(partial));
                if (response.statusCode() >= 500) {
                    throw new IOException("HTTP " + response.statusCode() + " from " + repository.url());
                }
                return response.statusCode();
            });
            if (status == 404) {
                return false;
            }
            if (status != 200) {
                throw new IOException("GET " + repository.url() + "/" + file.path() + " answered HTTP " + status
                        + (status == 401 || status == 403 ? ": check the credentials of server '" + repository.id()
                                + "' in settings.xml" : ""));
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** GETs a URL as text; empty on 404 or any answer other than 200. Used for listings and search APIs. */
    public Optional<String> getText(String url) throws IOException {
        if (url.startsWith("file:")) {
            throw new IllegalArgumentException("not for file URLs: " + url);
        }
        HttpResponse<String> response = call("GET " + url, () -> {
            HttpResponse<String> r = client().join().send(request(url), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() >= 500) {
                throw new IOException("HTTP " + r.statusCode() + " from " + url);
            }
            return r;
        });
        return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
    }

    public SourceRepository repository() {
        return repository;
    }

    private HttpRequest request(String url) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET();
        if (credentials != null && !credentials.incomplete()) {
            builder.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (credentials.username() + ":" + credentials.secret()).getBytes(StandardCharsets.UTF_8)));
        }
        return builder.build();
    }

    private <T> T call(String what, java.util.concurrent.Callable<T> operation) throws IOException {
        try {
            return retry.call(what, operation);
        } catch (IOException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted: " + what, e);
        } catch (Exception e) {
            throw new IOException(what + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return repository.toString();
    }
}

package io.gravitee.release.gio.bundle.s3;

import io.gravitee.release.gio.bundle.BundleException;
import io.gravitee.release.gio.credentials.Credentials;
import io.gravitee.release.gio.transfer.Background;
import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/**
 * minio's clients for one server, sharing one OkHttp client. Building them loads and initialises most of minio,
 * OkHttp and the JDK's TLS stack (about a third of a second of CPU on a small machine), so {@link #start} builds them
 * on a thread of their own: a goal reads and digests its local files meanwhile, and the first request waits only
 * for what is left.
 */
final class S3Clients {

    record Built(MinioClient client, BucketClient async, OkHttpClient http) {}

    private final String endpoint;
    private final CompletableFuture<Built> built;

    private S3Clients(String endpoint, CompletableFuture<Built> built) {
        this.endpoint = endpoint;
        this.built = built;
    }

    /** Checks the endpoint's form now, and starts building the clients in the background. */
    static S3Clients start(String endpoint, String region, Credentials credentials, Duration timeout) throws BundleException {
        // Checked with the JDK's URI, not OkHttp's HttpUrl: loading OkHttp and Kotlin here would hold the calling
        // thread ~0.1 s that the background build spends anyway. minio's own check, in the build, is reported by get().
        URI url;
        try {
            url = new URI(endpoint);
        } catch (URISyntaxException e) {
            throw invalid(endpoint, e.getReason());
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        // The authority, not the host: URI finds no host in names with '_' (docker-compose services), which are fine.
        if (!scheme.equals("http") && !scheme.equals("https") || url.getRawAuthority() == null) {
            throw invalid(endpoint, "not an http:// or https:// URL with a host");
        }
        boolean https = scheme.equals("https");
        return new S3Clients(endpoint,
                Background.supply("gio-s3-init", () -> build(endpoint, https, region, credentials, timeout)));
    }

    /** The clients, once built. */
    Built get() throws BundleException {
        try {
            return built.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IllegalArgumentException invalid) {
                throw invalid(endpoint, invalid.getMessage());
            }
            throw e;
        }
    }

    /** Releases OkHttp's threads and connections (waiting for a build still in flight). */
    void close() {
        OkHttpClient http;
        try {
            http = built.join().http();
        } catch (CompletionException e) {
            return; // never built: nothing to release
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    private static Built build(String endpoint, boolean https, String region, Credentials credentials, Duration timeout) {
        // OkHttp's defaults (5 requests per host for async calls, 5 idle connections) would throttle parallel
        // uploads and reopen connections, which costs round trips to a distant server.
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(256);
        dispatcher.setMaxRequestsPerHost(256);
        OkHttpClient http = new OkHttpClient.Builder()
                // A plain-http endpoint (a server inside the network, the sandbox) needs no TLS: OkHttp then skips
                // loading the JDK's trust store, the larger part of its start-up.
                .connectionSpecs(List.of(https ? ConnectionSpec.MODERN_TLS : ConnectionSpec.CLEARTEXT))
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(64, 5, TimeUnit.MINUTES))
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .retryOnConnectionFailure(false)
                .protocols(List.of(Protocol.HTTP_1_1))
                .build();
        MinioClient client = MinioClient.builder()
                .endpoint(endpoint)
                .credentials(credentials.username(), credentials.secret())
                .region(region)
                .httpClient(http)
                .build();
        BucketClient async = new BucketClient(MinioAsyncClient.builder()
                .endpoint(endpoint)
                .credentials(credentials.username(), credentials.secret())
                .region(region)
                .httpClient(http)
                .build());
        return new Built(client, async, http);
    }

    private static BundleException invalid(String endpoint, String why) {
        return new BundleException("Invalid S3 endpoint '" + endpoint + "' (gio.bundle.endpoint): " + why);
    }
}

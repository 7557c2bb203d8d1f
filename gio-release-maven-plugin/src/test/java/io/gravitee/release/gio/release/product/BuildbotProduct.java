package io.gravitee.release.gio.release.product;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gravitee.release.gio.credentials.Credentials;
import io.gravitee.release.gio.ledger.LeaseOptions;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.release.executor.BuildbotEngine;
import io.gravitee.release.gio.release.executor.RemoteExecutor;
import io.gravitee.release.gio.sandbox.PeerCredentials;
import io.gravitee.release.gio.sandbox.buildbot.BuildbotPeer;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real Buildbot master and two workers whose builder checks the component out and runs
 * {@code mvn gio-release:component} (this build's plugin, {@link PluginRepository}) for a {@link ProductFixture},
 * and how tests read what Buildbot did.
 */
final class BuildbotProduct implements AutoCloseable {
    static final PeerCredentials LOGIN = new PeerCredentials("gio", "gio-buildbot-secret");
    final BuildbotPeer peer;

    private BuildbotProduct(BuildbotPeer peer) {
        this.peer = peer;
    }

    static BuildbotProduct start(ProductFixture product) throws Exception {
        // The builder runs the real goal in a checkout of the component, as a team's Buildbot would (README).
        Path repository = PluginRepository.create(product.root.resolve("worker-m2"), Path.of("").toAbsolutePath().getParent());
        List<String> job = List.of(Path.of(System.getProperty("maven.home"), "bin", "mvn").toString(), "-B",
                "-Dmaven.repo.local=" + repository,
                "io.gravitee.release:gio-release-maven-plugin:" + PluginRepository.VERSION + ":component",
                "-Dgio.release.deployRepository=private::" + product.deploy.toUri());
        // MAVEN_ARGS reaches the component's own build too (maven-invoker starts it with this environment).
        Map<String, String> env = Map.of("MAVEN_ARGS", "-Dmaven.repo.local.tail=" + PluginRepository.userRepository(),
                "JAVA_HOME", System.getProperty("java.home"));
        BuildbotPeer peer = new BuildbotPeer(product.root.resolve("buildbot"), LOGIN,
                new BuildbotPeer.JobCommand(job, env, true));
        peer.start();
        return new BuildbotProduct(peer);
    }

    static ReleaseRequest.ExecutorFactory executor(URI url) {
        return executor(url, Duration.ofMinutes(10));
    }

    /** @param timeout how long gio awaits a build before it cancels it */
    static ReleaseRequest.ExecutorFactory executor(URI url, Duration timeout) {
        return (settings, release, console, local) -> new RemoteExecutor(
                new BuildbotEngine(url, Optional.of(new Credentials("gio-buildbot", LOGIN.username(), LOGIN.password())),
                        BuildbotPeer.BUILDER, BuildbotPeer.SCHEDULER),
                settings, release, console, new RemoteExecutor.Polling(Duration.ofMillis(300), Duration.ofSeconds(2),
                        Duration.ofSeconds(3), timeout));
    }

    static ReleaseRequest request(ProductFixture product, URI url, int leaseSeconds) {
        return request(product, leaseSeconds, executor(url));
    }

    static ReleaseRequest request(ProductFixture product, int leaseSeconds, ReleaseRequest.ExecutorFactory executor) {
        return new ReleaseRequest(product.checkout, "release.json", false, scm -> product.settings(false),
                Optional.empty(), 2, new LeaseOptions(Duration.ofSeconds(leaseSeconds), false, "test"),
                product.root.resolve("reports"), executor);
    }

    ReleaseReport release(ProductFixture product) throws Exception {
        return new ProductRelease(request(product, peer.url(), 30), Console.of(System.out)).run();
    }

    /** Every build request ever made, i.e. every dispatch (Buildbot re-runs a crashed build under the same request). */
    List<JsonNode> buildRequests() throws Exception {
        return list("api/v2/buildrequests", "buildrequests");
    }

    List<JsonNode> builds() throws Exception {
        return list("api/v2/builds", "builds");
    }

    List<JsonNode> workers() throws Exception {
        return list("api/v2/workers", "workers");
    }

    List<JsonNode> buildsets() throws Exception {
        return list("api/v2/buildsets", "buildsets");
    }

    private List<JsonNode> list(String path, String field) throws Exception {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        http.send(HttpRequest.newBuilder(peer.url().resolve("auth/login")).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString((LOGIN.username() + ":" + LOGIN.password()).getBytes())).build(),
                HttpResponse.BodyHandlers.discarding());
        String body = http.send(HttpRequest.newBuilder(peer.url().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        List<JsonNode> out = new ArrayList<>();
        new ObjectMapper().readTree(body).path(field).forEach(out::add);
        return out;
    }

    @Override
    public void close() {
        peer.stop();
    }
}

package io.gravitee.release.gio.sandbox.git;

import io.gravitee.release.gio.sandbox.Peer;
import io.gravitee.release.gio.sandbox.PeerCredentials;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.resolver.FileResolver;

/**
 * Git remotes: bare repositories under the peer's directory, served both as {@code file://} and over
 * HTTP with Basic authentication (fetch and push) by JGit's {@link GitServlet} on Jetty. Remotes
 * created after start are served too: the resolver looks them up per request.
 */
public final class GitPeer implements Peer {

    /** Path under which the remotes are served: {@code http://127.0.0.1:PORT/git/<name>.git}. */
    public static final String CONTEXT = "/git";

    private final Path root;
    private final PeerCredentials credentials;
    private Server server;
    private URI url;

    /** Fits {@link io.gravitee.release.gio.sandbox.PeerFactory}. */
    public GitPeer(Path root, PeerCredentials credentials) {
        this.root = root.toAbsolutePath().normalize();
        this.credentials = credentials;
    }

    @Override
    public String name() {
        return "git";
    }

    @Override
    public synchronized void start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("git peer already started");
        }
        Files.createDirectories(root);
        GitServlet git = new GitServlet();
        git.setRepositoryResolver(new FileResolver<>(root.toFile(), true));
        // Every request reaching the servlet passed BasicAuthFilter, so pushes need no further check.
        git.setReceivePackFactory((request, repository) -> new ReceivePack(repository));

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addFilter(new FilterHolder(new BasicAuthFilter(credentials)), "/*",
                EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder("git", git), CONTEXT + "/*");

        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        jetty.setHandler(context);
        try {
            jetty.start();
        } catch (Exception e) {
            stopQuietly(jetty);
            throw new IOException("git peer could not start its HTTP server: " + e.getMessage(), e);
        }
        server = jetty;
        url = URI.create("http://127.0.0.1:" + connector.getLocalPort() + CONTEXT + "/");
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            stopQuietly(server);
            server = null;
        }
    }

    private static void stopQuietly(Server jetty) {
        try {
            jetty.stop();
        } catch (Exception e) {
            // Stopping is best effort: the process is going away or the test is over.
        }
    }

    /** The HTTP base URL, ending in {@code /git/}. */
    @Override
    public synchronized URI url() {
        if (url == null) {
            throw new IllegalStateException("git peer not started");
        }
        return url;
    }

    @Override
    public PeerCredentials credentials() {
        return credentials;
    }

    /** {@code fileUrl}: the same remotes as {@code file://} (no credentials needed). */
    @Override
    public Map<String, String> extras() {
        return Map.of("fileUrl", fileUrl().toString());
    }

    /** The directory holding the bare remotes. */
    public Path root() {
        return root;
    }

    /** {@code file:///.../git/}. */
    public URI fileUrl() {
        String uri = root.toUri().toString();
        return URI.create(uri.endsWith("/") ? uri : uri + "/");
    }

    /** HTTP URL of remote {@code name}, e.g. {@code http://127.0.0.1:PORT/git/name.git}. */
    public URI httpUrl(String name) {
        return url().resolve(name + ".git");
    }

    /** Creates an empty bare remote {@code <name>.git} and returns its directory. */
    public Path createEmptyRemote(String name) throws IOException {
        Path dir = root.resolve(name + ".git");
        BareRepositories.createEmpty(dir);
        return dir;
    }

    @Override
    public String toString() {
        return "GitPeer[" + (url == null ? "stopped" : url) + ", " + credentials + "]";
    }
}

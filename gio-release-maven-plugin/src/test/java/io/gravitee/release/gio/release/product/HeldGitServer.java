package io.gravitee.release.gio.release.product;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;

/**
 * Serves the bare repositories of a directory over smart HTTP and can hold a push in its
 * pre-receive hook: the pushing process is then stuck between "decided to push" and "pushed",
 * where a test kills it.
 */
final class HeldGitServer implements AutoCloseable {
    private final Server server = new Server();
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile Predicate<ReceiveCommand> hold = c -> false;

    HeldGitServer(Path root) throws Exception {
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        GitServlet git = new GitServlet();
        git.setRepositoryResolver((request, name) -> {
            try {
                return new FileRepositoryBuilder().setGitDir(root.resolve(name).toFile()).setMustExist(true).build();
            } catch (java.io.IOException e) {
                throw new org.eclipse.jgit.transport.resolver.ServiceNotEnabledException(e.getMessage(), e);
            }
        });
        git.setReceivePackFactory((request, repository) -> {
            ReceivePack pack = new ReceivePack(repository);
            pack.setPreReceiveHook((rp, commands) -> {
                if (commands.stream().anyMatch(hold) && held.getCount() > 0) {
                    held.countDown();
                    try {
                        release.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    commands.forEach(c -> c.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, "held by the test"));
                }
            });
            return pack;
        });
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/git");
        context.addServlet(new ServletHolder(git), "/*");
        server.setHandler(context);
        server.start();
    }

    URI url(String repository) {
        return URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + "/git/" + repository);
    }

    /** Holds the first push containing a command that matches, until {@link #letGo()}; it is then refused. */
    void holdFirst(Predicate<ReceiveCommand> commands) {
        hold = commands;
    }

    boolean awaitHeld(long seconds) throws InterruptedException {
        return held.await(seconds, TimeUnit.SECONDS);
    }

    void letGo() {
        release.countDown();
    }

    @Override
    public void close() {
        letGo();
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the test git server", e);
        }
    }
}

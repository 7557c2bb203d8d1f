package io.gravitee.release.gio.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same operations against a real smart-http git server with basic authentication. */
class GitHttpTest {

    private static final GitCredentials GOOD = new GitCredentials("bot", "s3cr3t-token");

    @TempDir
    Path tmp;

    private Server server;
    private Repository bare;
    private String url;

    @BeforeEach
    void start() throws Exception {
        Path dir = tmp.resolve("ledger.git");
        bare = Git.init().setBare(true).setDirectory(dir.toFile()).setInitialBranch("main").call().getRepository();
        StoredConfig config = bare.getConfig();
        config.setBoolean("http", null, "receivepack", true);
        config.save();
        GitServlet git = new GitServlet();
        git.setRepositoryResolver((request, name) -> {
            bare.incrementOpen();
            return bare;
        });
        String expected = "Basic " + Base64.getEncoder()
                .encodeToString((GOOD.username() + ":" + GOOD.password()).getBytes(StandardCharsets.UTF_8));
        Filter basicAuth = (request, response, chain) -> {
            if (expected.equals(((HttpServletRequest) request).getHeader("Authorization"))) {
                chain.doFilter(request, response);
            } else {
                HttpServletResponse http = (HttpServletResponse) response;
                http.setHeader("WWW-Authenticate", "Basic realm=\"git\"");
                http.sendError(401);
            }
        };
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(git), "/git/*");
        context.addFilter(new FilterHolder(basicAuth), "/*", EnumSet.of(DispatcherType.REQUEST));
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(context);
        server.start();
        url = "http://127.0.0.1:" + connector.getLocalPort() + "/git/ledger.git";
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
        bare.close();
    }

    @Test
    void pushesTagsAndCompareAndSwapsOverHttpWithCredentials() throws Exception {
        try (GitRepository repo = GitRepository.openOrInit(url, GOOD, "main", tmp.resolve("clone"))) {
            Files.writeString(repo.workTree().resolve("release.json"), "{}");
            repo.git().add().addFilepattern("release.json").call();
            RevCommit commit = repo.git().commit().setMessage("first").setSign(false).call();
            PushOutcome created = repo.push(List.of(RefChange.create("refs/heads/main", commit),
                    RefChange.create("refs/gio/locks/1.0.0", commit)), true);
            assertTrue(created.accepted(), created.describeRejections());
            RevCommit second = repo.git().commit().setMessage("second").setAllowEmpty(true).setSign(false).call();
            PushOutcome taken = repo.push(List.of(RefChange.create("refs/gio/locks/1.0.0", second)), false);
            assertFalse(taken.accepted(), "the lock ref exists: " + taken);

            assertEquals(TagOutcome.CREATED, repo.tagAndPush("1.0.0", commit, "Release", new PersonIdent("gio", "g@x")));
            assertEquals(TagOutcome.ALREADY_PRESENT,
                    repo.tagAndPush("1.0.0", commit, "Release", new PersonIdent("gio", "g@x")));
            assertEquals(commit, repo.remoteTags().get("1.0.0").commitId());
        }
        try (GitRepository other = GitRepository.cloneRemote(url, GOOD, "main", tmp.resolve("other"))) {
            assertEquals("{}", new String(other.readFile("1.0.0", "release.json").orElseThrow(), StandardCharsets.UTF_8));
            ObjectId head = other.resolveCommit("origin/main").orElseThrow();
            assertEquals(head, other.remoteRefs().get("refs/gio/locks/1.0.0"));
        }
    }

    @Test
    void wrongCredentialsFailNamingTheRemoteButNotTheSecret() {
        GitCredentials wrong = new GitCredentials("bot", "not-the-token");
        GitException error = assertThrows(GitException.class,
                () -> GitRepository.openOrInit(url, wrong, "main", tmp.resolve("clone")));
        assertTrue(error.getMessage().contains(url), error.getMessage());
        assertFalse(error.getMessage().contains("not-the-token"), error.getMessage());

        String embedded = url.replace("http://", "http://bot:embedded-pass@");
        GitException embeddedError = assertThrows(GitException.class,
                () -> GitRepository.openOrInit(embedded, wrong, "main", tmp.resolve("clone2")));
        assertFalse(embeddedError.getMessage().contains("embedded-pass"), embeddedError.getMessage());
    }
}

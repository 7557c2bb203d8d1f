package io.gravitee.release.gio.git;

import java.util.Objects;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * User name and password (or token) for an http(s) git remote. {@link #toString()} never shows the
 * password.
 */
public record GitCredentials(String username, String password) {

    public GitCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    /** The JGit provider answering with these credentials. */
    public CredentialsProvider provider() {
        return new UsernamePasswordCredentialsProvider(username, password);
    }

    @Override
    public String toString() {
        return "GitCredentials[username=" + username + ", password=****]";
    }
}

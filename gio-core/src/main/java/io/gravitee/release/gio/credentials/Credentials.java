package io.gravitee.release.gio.credentials;

import java.util.Objects;

/**
 * A username and secret for one server, named by the id of its {@code settings.xml} {@code <server>} entry.
 * The secret never appears in {@link #toString()}, so credentials can be logged or put in exception messages safely.
 *
 * @param serverId the {@code settings.xml} server id they come from, used in error messages
 * @param username the user name or access key
 * @param secret the password, token or secret key (already decrypted)
 */
public record Credentials(String serverId, String username, String secret) {

    public Credentials {
        Objects.requireNonNull(serverId, "serverId");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(secret, "secret");
    }

    /** Whether the username or the secret is empty, i.e. the server entry is unusable for authentication. */
    public boolean incomplete() {
        return username.isBlank() || secret.isEmpty();
    }

    @Override
    public String toString() {
        return "Credentials[serverId=" + serverId + ", username=" + username + ", secret=" + (secret.isEmpty() ? "<empty>" : "****") + "]";
    }
}

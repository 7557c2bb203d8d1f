package io.gravitee.release.gio.sandbox;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * The username and password a peer accepts. {@link #toString()} hides the password so that a
 * peer or a sandbox can be logged safely.
 */
public record PeerCredentials(String username, String password) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public PeerCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (username.isEmpty() || username.contains(":")) {
            // HTTP Basic cannot carry a ':' in the user part.
            throw new IllegalArgumentException("a peer username must be non-empty and contain no ':'");
        }
    }

    /** User {@code gio} with a fresh random password (URL-safe, 22 characters). */
    public static PeerCredentials generate() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return new PeerCredentials("gio", Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    @Override
    public String toString() {
        return "PeerCredentials[username=" + username + ", password=****]";
    }
}

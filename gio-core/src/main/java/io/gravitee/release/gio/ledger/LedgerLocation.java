package io.gravitee.release.gio.ledger;

import io.gravitee.release.gio.git.GitCredentials;
import java.util.Objects;

/**
 * Where a ledger lives: a git remote (file:// or http(s)) and a branch, and the ledger file in it.
 *
 * @param url the remote
 * @param branch the branch the ledger commits go to
 * @param credentials for http(s) remotes, null otherwise
 * @param file path of the ledger file in the repository (e.g. {@code release-ledger.json})
 * @param lifecycle the state machine the file's entries follow
 */
public record LedgerLocation(String url, String branch, GitCredentials credentials, String file, Lifecycle lifecycle) {

    public LedgerLocation {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(lifecycle, "lifecycle");
        if (file.startsWith("/") || file.contains("..") || file.isBlank()) {
            throw new IllegalArgumentException("Ledger file '" + file + "' must be a relative path inside the repository");
        }
    }
}

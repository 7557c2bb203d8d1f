package io.gravitee.release.gio.maven;

import io.gravitee.release.gio.credentials.Credentials;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * Reads a {@code <server>} of settings.xml, decrypting its password (Maven's password encryption
 * is supported), into {@link Credentials}. Error messages name the server id and the property
 * that chose it, never the secret.
 */
public final class ServerCredentials {

    private ServerCredentials() {}

    /**
     * The credentials of a server that must exist.
     *
     * @param property the property naming the server id, for error messages
     */
    public static Credentials resolve(Settings settings, SettingsDecrypter decrypter, String serverId, String property)
            throws MojoFailureException {
        if (serverId == null || serverId.isBlank()) {
            throw new MojoFailureException("No server id: set " + property
                    + " to the id of a <server> in settings.xml holding the username and password");
        }
        return resolveOptional(settings, decrypter, serverId, property).orElseThrow(() -> new MojoFailureException(
                "No <server> with id '" + serverId + "' in settings.xml (" + property
                        + "): add one with a <username> and a <password>"));
    }

    /**
     * As {@link #resolveOptional}, for the id of an {@code id::url} repository: when settings.xml has no such
     * {@code <server>}, says so through {@code warn}, since the repository is then used without credentials and a
     * misspelt id would otherwise only show as a refusal (or not at all, on a repository that allows anonymous reads).
     * A {@code file:} repository needs none: no warning.
     *
     * @param value the property's whole value, {@code id::url}, to show
     */
    public static Optional<Credentials> resolveOrWarn(Settings settings, SettingsDecrypter decrypter, String serverId,
            String property, String value, Consumer<String> warn) throws MojoFailureException {
        Optional<Credentials> credentials = resolveOptional(settings, decrypter, serverId, property);
        // A file: repository is read and written without credentials: its id names no server, and that is fine.
        boolean remote = value != null && value.substring(value.indexOf("::") + 2).matches("(?i)https?:.*");
        if (credentials.isEmpty() && remote && serverId != null && !serverId.isBlank()) {
            warn.accept("settings.xml has no <server> with id '" + serverId + "' (the id of -D" + property + "=" + value
                    + "): the repository is used without credentials. If it needs them, add a <server> with that id;"
                    + " if the id is misspelt, correct it.");
        }
        return credentials;
    }

    /** The credentials of a server if settings.xml has it; empty when {@code serverId} is blank or unknown. */
    public static Optional<Credentials> resolveOptional(Settings settings, SettingsDecrypter decrypter, String serverId,
                                                        String property) throws MojoFailureException {
        if (serverId == null || serverId.isBlank()) {
            return Optional.empty();
        }
        Server server = settings == null ? null : settings.getServer(serverId);
        if (server == null) {
            return Optional.empty();
        }
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        if (!result.getProblems().isEmpty()) {
            // Problem messages describe the failure (e.g. missing master password), never the secret itself.
            throw new MojoFailureException("Cannot decrypt the password of server '" + serverId + "' in settings.xml ("
                    + property + "): " + result.getProblems().stream().map(SettingsProblem::getMessage)
                    .collect(Collectors.joining("; ")));
        }
        Server decrypted = result.getServer();
        Credentials credentials = new Credentials(serverId,
                decrypted.getUsername() == null ? "" : decrypted.getUsername(),
                decrypted.getPassword() == null ? "" : decrypted.getPassword());
        if (credentials.incomplete()) {
            throw new MojoFailureException("Server '" + serverId + "' in settings.xml (" + property
                    + ") needs both <username> and <password>");
        }
        return Optional.of(credentials);
    }
}

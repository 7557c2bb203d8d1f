package io.gravitee.release.gio.bundle.plugin;

import io.gravitee.release.gio.credentials.Credentials;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/** Reads a {@code <server>} of settings.xml, decrypting its password, into {@link Credentials}. */
final class ServerCredentials {

    private ServerCredentials() {}

    /**
     * @param property the property naming the server id, for error messages
     */
    static Credentials resolve(Settings settings, SettingsDecrypter decrypter, String serverId, String property)
            throws MojoFailureException {
        if (serverId == null || serverId.isBlank()) {
            throw new MojoFailureException("No server id: set " + property
                    + " to the id of a <server> in settings.xml holding the access key (username) and secret key (password)");
        }
        Server server = settings == null ? null : settings.getServer(serverId);
        if (server == null) {
            throw new MojoFailureException("No <server> with id '" + serverId + "' in settings.xml (" + property
                    + "): add one with the access key as <username> and the secret key as <password>");
        }
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        if (!result.getProblems().isEmpty()) {
            // Problem messages describe the failure (e.g. missing master password), never the secret itself.
            throw new MojoFailureException("Cannot decrypt the password of server '" + serverId + "' in settings.xml: "
                    + result.getProblems().stream().map(SettingsProblem::getMessage).collect(Collectors.joining("; ")));
        }
        Server decrypted = result.getServer();
        String username = decrypted.getUsername() == null ? "" : decrypted.getUsername();
        String password = decrypted.getPassword() == null ? "" : decrypted.getPassword();
        Credentials credentials = new Credentials(serverId, username, password);
        if (credentials.incomplete()) {
            throw new MojoFailureException("Server '" + serverId + "' in settings.xml needs both <username> (access key)"
                    + " and <password> (secret key)");
        }
        return credentials;
    }
}

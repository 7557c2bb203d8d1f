package io.gravitee.release.gio.staging.plugin;

import io.gravitee.release.gio.credentials.Credentials;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/** Reads a {@code <server>} of settings.xml, decrypting its password. */
final class ServerCredentials {
    private ServerCredentials() {}

    /** The server's credentials; with {@code required} false, null when settings.xml has no such server. */
    static Credentials resolve(Settings settings, SettingsDecrypter decrypter, String serverId, String property,
            boolean required) throws MojoFailureException {
        if (serverId == null || serverId.isBlank()) {
            throw new MojoFailureException("No server id: set " + property + " to the id of a <server> in settings.xml");
        }
        Server server = settings == null ? null : settings.getServer(serverId);
        if (server == null) {
            if (!required) {
                return null;
            }
            throw new MojoFailureException("No <server> with id '" + serverId + "' in settings.xml (" + property
                    + "): add one with the deployment user's <username> and <password>");
        }
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        if (!result.getProblems().isEmpty()) {
            throw new MojoFailureException("Cannot decrypt the password of server '" + serverId + "' in settings.xml: "
                    + result.getProblems().stream().map(SettingsProblem::getMessage).collect(Collectors.joining("; ")));
        }
        Server decrypted = result.getServer();
        return new Credentials(serverId, decrypted.getUsername() == null ? "" : decrypted.getUsername(),
                decrypted.getPassword() == null ? "" : decrypted.getPassword());
    }
}

package io.gravitee.release.gio.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gravitee.release.gio.credentials.Credentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;
import org.sonatype.plexus.components.sec.dispatcher.DefaultSecDispatcher;

/** settings.xml servers through Maven's real decrypter, with a real settings-security.xml. */
class ServerCredentialsTest {
    private static final String SECRET = "s3-secret-key-value";
    private final DefaultPlexusCipher cipher = new DefaultPlexusCipher();
    private SettingsDecrypter decrypter;
    private final Settings settings = new Settings();

    @BeforeEach
    void masterPassword(@TempDir Path dir) throws Exception {
        Path security = dir.resolve("settings-security.xml");
        Files.writeString(security, "<settingsSecurity><master>"
                + cipher.encryptAndDecorate("master-pw", "settings.security") + "</master></settingsSecurity>");
        decrypter = new DefaultSettingsDecrypter(new DefaultSecDispatcher(cipher, Map.of(), security.toString()));
    }

    private void server(String id, String username, String password) {
        Server server = new Server();
        server.setId(id);
        server.setUsername(username);
        server.setPassword(password);
        settings.addServer(server);
    }

    @Test
    void encryptedPasswordIsDecrypted() throws Exception {
        server("gio-s3", "access", cipher.encryptAndDecorate(SECRET, "master-pw"));
        Credentials credentials = ServerCredentials.resolve(settings, decrypter, "gio-s3", "gio.bundle.serverId");
        assertEquals(new Credentials("gio-s3", "access", SECRET), credentials);
    }

    @Test
    void plainPasswordWorksToo() throws Exception {
        server("gio-s3", "access", SECRET);
        assertEquals(SECRET, ServerCredentials.resolve(settings, decrypter, "gio-s3", "gio.bundle.serverId").secret());
    }

    @Test
    void missingServerNamesTheIdAndTheProperty() {
        server("other", "access", SECRET);
        MojoFailureException e = assertThrows(MojoFailureException.class,
                () -> ServerCredentials.resolve(settings, decrypter, "gio-s3", "gio.bundle.serverId"));
        assertTrue(e.getMessage().contains("'gio-s3'") && e.getMessage().contains("gio.bundle.serverId"), e.getMessage());
    }

    @Test
    void undecryptablePasswordNamesTheServerWithoutShowingAnything() throws Exception {
        String encryptedWithOtherMaster = cipher.encryptAndDecorate(SECRET, "another-master");
        server("gio-s3", "access", encryptedWithOtherMaster);
        MojoFailureException e = assertThrows(MojoFailureException.class,
                () -> ServerCredentials.resolve(settings, decrypter, "gio-s3", "gio.bundle.serverId"));
        assertTrue(e.getMessage().contains("'gio-s3'"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    }

    @Test
    void serverWithoutPasswordIsIncomplete() {
        server("gio-s3", "access", null);
        MojoFailureException e = assertThrows(MojoFailureException.class,
                () -> ServerCredentials.resolve(settings, decrypter, "gio-s3", "gio.bundle.serverId"));
        assertTrue(e.getMessage().contains("<password>"), e.getMessage());
    }

    @Test
    void aRepositoryIdThatIsNoServerIsSaidNotUsedSilently() throws Exception {
        server("gio-maven", "deployer", "plain-password");
        java.util.List<String> warnings = new java.util.ArrayList<>();

        assertTrue(ServerCredentials.resolveOrWarn(settings, decrypter, "gio-mavne", "gio.staging.sourceRepository",
                "gio-mavne::https://nexus.example.com/releases", warnings::add).isEmpty());
        assertEquals(java.util.List.of("settings.xml has no <server> with id 'gio-mavne' (the id of"
                + " -Dgio.staging.sourceRepository=gio-mavne::https://nexus.example.com/releases): the repository is used"
                + " without credentials. If it needs them, add a <server> with that id; if the id is misspelt, correct"
                + " it."), warnings);

        warnings.clear();
        assertTrue(ServerCredentials.resolveOrWarn(settings, decrypter, "gio-maven", "gio.staging.sourceRepository",
                "gio-maven::https://nexus.example.com/releases", warnings::add).isPresent());
        assertEquals(java.util.List.of(), warnings, "a known id is used without a word");
        ServerCredentials.resolveOrWarn(settings, decrypter, "local", "gio.staging.sourceRepository",
                "local::file:/srv/maven/releases", warnings::add);
        assertEquals(java.util.List.of(), warnings, "a file: repository needs no credentials");
    }
}

package io.gravitee.release.gio.bundle.plugin;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.Map;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;
import org.sonatype.plexus.components.sec.dispatcher.DefaultSecDispatcher;

/** The bundle goals as Maven runs them: parameters injected into their fields, settings.xml with server gio-s3. */
final class BundleMojos {
    private BundleMojos() {}

    /** Maven's real decrypter; plain passwords pass through it unchanged. */
    static SettingsDecrypter decrypter(Path work) {
        return new DefaultSettingsDecrypter(new DefaultSecDispatcher(new DefaultPlexusCipher(), Map.of(),
                work.resolve("no-settings-security.xml").toString()));
    }

    /** Sets the parameters every bundle goal has, for {@code bucket} of {@code s3}, reports into {@code reports}. */
    static <T extends AbstractBundleMojo> T configure(T mojo, String endpoint, String bucket, String prefix,
            S3ProxyExtension s3, Path reports) throws ReflectiveOperationException {
        Settings settings = new Settings();
        Server server = new Server();
        server.setId("gio-s3");
        server.setUsername(s3 == null ? "access" : s3.getAccessKey());
        server.setPassword(s3 == null ? "secret" : s3.getSecretKey());
        settings.addServer(server);
        set(mojo, "endpoint", endpoint);
        set(mojo, "region", "us-east-1");
        set(mojo, "bucket", bucket);
        set(mojo, "prefix", prefix);
        set(mojo, "serverId", "gio-s3");
        set(mojo, "settings", settings);
        set(mojo, "reportDirectory", reports.toFile());
        return mojo;
    }

    /** Maven injects a goal's parameters into its fields, inherited ones included; so do the tests. */
    static void set(Object mojo, String name, Object value) throws ReflectiveOperationException {
        for (Class<?> type = mojo.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                field.set(mojo, value);
                return;
            } catch (NoSuchFieldException e) {
                // declared higher up
            }
        }
        throw new NoSuchFieldException(name);
    }
}

package io.gravitee.release.gio.staging.plugin;

import java.io.File;
import java.lang.reflect.Field;
import java.nio.file.Path;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.DefaultMavenExecutionResult;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.apache.maven.settings.Settings;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.apache.maven.settings.crypto.DefaultSettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;
import org.sonatype.plexus.components.sec.dispatcher.DefaultSecDispatcher;
import java.util.Map;

/** The staging goals as Maven runs them: parameters injected into their fields, a real resolver, a session. */
public final class StagingMojos {
    /** Maven's resolver as the plugins get it, built once (it is thread-safe). */
    public static final RepositorySystem SYSTEM = new RepositorySystemSupplier().get();

    private StagingMojos() {}

    /** Maven injects a goal's parameters into its fields, inherited ones included; so do the tests. */
    public static void set(Object mojo, String name, Object value) throws ReflectiveOperationException {
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

    /** A {@code resolve} run in the component checkout {@code basedir}, writing under {@code basedir/target}. */
    public static ResolveMojo resolve(Path basedir, String sourceRepository) throws ReflectiveOperationException {
        return common(new ResolveMojo(decrypter(basedir), SYSTEM), basedir, sourceRepository);
    }

    /** A {@code stage} run like {@link #resolve}, publishing through {@code backend} at {@code url}. */
    public static StageMojo stage(Path basedir, String sourceRepository, String backend, String url)
            throws ReflectiveOperationException {
        StageMojo stage = common(new StageMojo(decrypter(basedir), SYSTEM), basedir, sourceRepository);
        set(stage, "backend", backend);
        set(stage, "url", url);
        set(stage, "serverId", "gio-nexus2");
        set(stage, "pollIntervalSeconds", 1);
        set(stage, "maxBundleBytes", 1L << 30);
        set(stage, "autoRelease", true);
        set(stage, "timeoutSeconds", 20);
        set(stage, "ledgerBranch", "main");
        Settings settings = ((AbstractStagingMojo) stage).settings;
        org.apache.maven.settings.Server server = new org.apache.maven.settings.Server();
        server.setId("gio-nexus2");
        server.setUsername("deployer");
        server.setPassword("deployer-password");
        settings.addServer(server);
        return stage;
    }

    /** The resolver {@code stage-all} gives each component, over {@code resolver}. */
    public static io.gravitee.release.gio.staging.product.ComponentResolver stageAllResolver(
            io.gravitee.release.gio.staging.product.ComponentResolver resolver, String sourceRepository) {
        return StageAllMojo.explained(resolver, sourceRepository);
    }

    /** Maven's real decrypter; plain passwords pass through it unchanged. */
    static SettingsDecrypter decrypter(Path dir) {
        return new DefaultSettingsDecrypter(new DefaultSecDispatcher(new DefaultPlexusCipher(), Map.of(),
                dir.resolve("no-settings-security.xml").toString()));
    }

    @SuppressWarnings("deprecation") // the constructor Maven 3.9 itself still uses in its tests
    private static <T extends AbstractStagingMojo> T common(T mojo, Path basedir, String sourceRepository)
            throws ReflectiveOperationException {
        DefaultMavenExecutionRequest request = new DefaultMavenExecutionRequest();
        request.setBaseDirectory(basedir.toFile());
        set(mojo, "session", new MavenSession(null, MavenRepositorySystemUtils.newSession(), request,
                new DefaultMavenExecutionResult()));
        set(mojo, "settings", new Settings());
        set(mojo, "sourceRepository", sourceRepository);
        set(mojo, "gitReleaseTag", io.gravitee.release.gio.staging.resolve.ReleaseTag.LAST_TAG);
        set(mojo, "threads", 2);
        set(mojo, "basedir", basedir.toFile());
        set(mojo, "stagingDirectory", new File(basedir.toFile(), "target/gio-staging"));
        set(mojo, "outputDirectory", new File(basedir.toFile(), "target/gio"));
        set(mojo, "artifactId", "demo");
        set(mojo, "projectVersion", "1.0.0");
        return mojo;
    }
}

package io.gravitee.release.gio.release.plugin;

import java.lang.reflect.Field;
import java.nio.file.Path;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.DefaultMavenExecutionResult;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.settings.Server;

/** The release goals as Maven runs them: parameters injected into their fields, a session run in a directory. */
final class ReleaseMojos {
    private ReleaseMojos() {}

    /** A session run in {@code directory}, whose settings.xml has {@code servers} (id, username, password). */
    @SuppressWarnings("deprecation") // the constructor Maven 3.9 itself still uses in its tests
    static MavenSession session(Path directory, Server... servers) {
        DefaultMavenExecutionRequest request = new DefaultMavenExecutionRequest();
        request.setBaseDirectory(directory.toFile());
        for (Server server : servers) {
            request.addServer(server);
        }
        return new MavenSession(null, null, request, new DefaultMavenExecutionResult());
    }

    /** Maven injects a goal's parameters into its private fields; so do the tests. */
    static void set(Object mojo, String name, Object value) throws ReflectiveOperationException {
        Field field = mojo.getClass().getDeclaredField(name);
        field.setAccessible(true);
        field.set(mojo, value);
    }
}

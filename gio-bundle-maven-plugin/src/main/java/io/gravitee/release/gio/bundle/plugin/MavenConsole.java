package io.gravitee.release.gio.bundle.plugin;

import io.gravitee.release.gio.log.Console;
import org.apache.maven.plugin.logging.Log;

/** Core services' {@link Console} over a mojo's Maven log. */
final class MavenConsole implements Console {
    private final Log log;

    MavenConsole(Log log) {
        this.log = log;
    }

    @Override
    public void info(String message) {
        log.info(message);
    }

    @Override
    public void warn(String message) {
        log.warn(message);
    }

    @Override
    public void debug(String message) {
        log.debug(message);
    }
}

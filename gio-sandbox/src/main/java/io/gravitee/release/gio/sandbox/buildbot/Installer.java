package io.gravitee.release.gio.sandbox.buildbot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Says how to get Buildbot when it is missing: the peer needs Debian's packages, which only root can install. */
final class Installer {
    private Installer() {}

    static void ensureInstalled() throws IOException {
        if (!Files.isExecutable(Path.of("/usr/bin/buildbot")) || !Files.isExecutable(Path.of("/usr/bin/buildbot-worker"))
                || !Files.isExecutable(Path.of("/usr/bin/twistd3"))) {
            throw new IOException("the buildbot peer needs Debian's Buildbot: apt-get install -y buildbot buildbot-worker"
                    + " (.ci/run installs them when missing)");
        }
    }
}

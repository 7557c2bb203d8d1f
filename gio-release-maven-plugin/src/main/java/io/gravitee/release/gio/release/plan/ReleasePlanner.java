package io.gravitee.release.gio.release.plan;

import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.manifest.Manifest;

/** Works out what a release of a manifest has to do. */
public final class ReleasePlanner {
    private final Console console;

    public ReleasePlanner(Console console) {
        this.console = console;
    }

    public ReleasePlan plan(Manifest manifest) {
        console.debug("Planning " + manifest);
        return new ReleasePlan(manifest.plan(), manifest.warnings());
    }
}

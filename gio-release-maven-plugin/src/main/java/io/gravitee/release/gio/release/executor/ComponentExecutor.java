package io.gravitee.release.gio.release.executor;

import io.gravitee.release.gio.manifest.Component;
import io.gravitee.release.gio.release.component.ComponentOutcome;
import java.util.Map;

/**
 * Where a component's release runs: on this machine ({@link #local}) or as a build of the CI engine the team already
 * runs ({@link RemoteExecutor} over a {@link CiEngine}). An interface because there are several: the orchestration
 * (waves, ledger, report) is the same for all of them.
 */
public interface ComponentExecutor {

    /**
     * Releases {@code component}, or recognises it released; never throws, a failure is an outcome.
     *
     * @param released {@code groupId:artifactId} → version of what this release already released (for alignment)
     * @param journals where this component's deploy and dispatch are recorded (the release ledger)
     */
    ComponentOutcome release(Component component, Map<String, String> released, ComponentJournals journals);

    /** The default: each component built by maven-invoker on this machine, as before executors existed. */
    static ComponentExecutor local(io.gravitee.release.gio.release.component.ComponentReleaser releaser) {
        return (component, released, journals) -> releaser.release(component, released, journals.deploys());
    }
}

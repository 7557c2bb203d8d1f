package io.gravitee.release.gio.release.component;

import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.manifest.Component;
import io.gravitee.release.gio.manifest.Version;
import io.gravitee.release.gio.release.build.DeployJournal;
import io.gravitee.release.gio.release.build.DeployRecord;
import io.gravitee.release.gio.release.executor.JobOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One component's release as a CI engine runs it for {@code gio-release:release -Dgio.release.executor=...}: the
 * same steps as a local release ({@link ComponentReleaser}), told by the orchestrator which version to release and
 * what to align on. Engines re-run builds on their own (Buildbot after a master or worker crash), so a job finding
 * its tag already on the remote ends in success having written nothing; the version comes from the orchestrator,
 * not from the branch, whose POM is the next snapshot by then.
 *
 * <p>The orchestrator alone writes the ledger. The job keeps its deploy intent in a file of its workspace (a re-run on
 * the same worker finds it), starts from the intent the orchestrator passed (what dead attempts recorded), and prints
 * each record in its log ({@link JobOutput}) for the orchestrator to record.
 *
 * @param aligned {@code groupId:artifactId} → version released earlier in this release
 */
public record ComponentJob(String component, String version, Map<String, String> aligned, DeployRecord deployIntent) {

    /** From the job's options: {@code gio.release.component}, {@code .version}, {@code .aligned}, {@code .deployIntent}. */
    public static ComponentJob of(String component, String version, String aligned, String deployIntent) {
        Map<String, String> map = new LinkedHashMap<>();
        if (aligned != null) {
            for (String item : aligned.split(",")) {
                int eq = item.indexOf('=');
                if (eq > 0) {
                    map.put(item.substring(0, eq).trim(), item.substring(eq + 1).trim());
                }
            }
        }
        return new ComponentJob(component, version, map, JobOutput.decode(deployIntent));
    }

    public ComponentOutcome run(ReleaseSettings settings, Path workspace, Console console) {
        Component c = new Component(component, Version.parse(version), true, Optional.empty());
        DeployJournal file = DeployJournal.file(workspace.resolve("deploy-intent-" + component + ".txt"));
        return new ComponentReleaser(settings, console).release(c, aligned, new DeployJournal() {
            @Override
            public DeployRecord intended() throws IOException {
                return file.intended().union(deployIntent);
            }

            @Override
            public void intend(DeployRecord record) throws IOException {
                file.intend(record);
                console.info(JobOutput.intentLine(record));
            }

            @Override
            public void deployed(DeployRecord deployed) throws IOException {
                file.deployed(deployed);
                console.info(JobOutput.deployedLine(deployed));
            }
        });
    }
}

package io.gravitee.release.gio.bundle.plugin;

import io.gravitee.release.gio.bundle.BucketLayout;
import io.gravitee.release.gio.bundle.retention.PrunePlan;
import io.gravitee.release.gio.bundle.retention.Pruner;
import io.gravitee.release.gio.bundle.retention.RetentionPolicy;
import io.gravitee.release.gio.bundle.s3.S3Store;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.maven.GoalReport;
import io.gravitee.release.gio.maven.GoalRun;
import io.gravitee.release.gio.maven.Required;
import io.gravitee.release.gio.transfer.Retry;
import java.io.File;
import java.time.Instant;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Applies a retention policy to {@code bucket/prefix}. Without {@code -Dgio.bundle.apply=true} it only prints
 * what would go and why; with it, it deletes each file with its checksum files, then refreshes the index pages.
 * The policy is a JSON file (plain braces in a {@code <pre>}, not a code tag: the goal's help ends a code tag at
 * the first closing brace, which nested the example wrongly):
 * <pre>
 * {
 *   "releases": {
 *     "supportMonths": 12,
 *     "lts": { "lines": ["3.20", "4.4"], "supportMonths": 36 },
 *     "releaseDates": "release-dates.json"
 *   },
 *   "nightly": { "directory": "nightly", "keep": 7, "maxAgeDays": 30 }
 * }
 * </pre>
 * <ul>
 *   <li>{@code releases}: each minor line {@code M.m} stays {@code supportMonths} after its first release (LTS lines
 *       {@code lts.supportMonths}); then every version of the line goes from {@code distributions/} and
 *       {@code components/}. The newest line always stays; {@code plugins/} are never pruned.
 *       {@code releaseDates} (optional, relative to the policy file) maps versions to their release day,
 *       <code>{"3.0.0": "2020-01-14"}</code>; without it a version's day is the oldest upload date of its files.</li>
 *   <li>{@code nightly}: each subdirectory of {@code directory} is one build, dated by its newest file; the newest
 *       {@code keep} builds stay, except those older than {@code maxAgeDays} (optional).</li>
 * </ul>
 */
@Mojo(name = "prune", requiresProject = false, threadSafe = true)
public class PruneMojo extends AbstractBundleMojo {

    /** The retention policy file (JSON, format above). */
    @Parameter(property = "gio.bundle.policy")
    File policy;

    /** Delete what the policy removes; without it, the goal only prints the plan. {@code gio.dryRun} wins over it. */
    @Parameter(property = "gio.bundle.apply", defaultValue = "false")
    boolean apply;

    @Inject
    public PruneMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    Required required(Required required) {
        return required.check(policy, "gio.bundle.policy", "the retention policy file (JSON, format above)",
                "retention-policy.json");
    }

    @Override
    String goal() {
        return "prune";
    }

    @Override
    void run(S3Store store, BucketLayout layout, Console console, GoalRun run) throws Exception {
        RetentionPolicy parsed = RetentionPolicy.read(policy.toPath());
        boolean delete = apply && !dryRun;
        PrunePlan plan = new Pruner(store, console, Retry.of(S3Store.retryPolicy(), console))
                .prune(parsed, layout, delete, Instant.now());
        plan.removals().forEach(r -> run.did((delete ? "deleted " : "would delete ") + r.subject() + " ("
                + r.paths().size() + " object(s)): " + r.reason()));
        StringBuilder kept = new StringBuilder();
        plan.kept().forEach(line -> kept.append("- kept ").append(GoalReport.cell(line)).append('\n'));
        run.finish(plan.removesNothing() ? GoalReport.NOTHING_TO_DO : delete ? "PRUNED" : GoalReport.PLANNED,
                delete && !plan.removesNothing(), kept.toString(), null);
    }
}

package io.gravitee.release.gio.release.plan;

import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.manifest.Component;
import io.gravitee.release.gio.manifest.WavePlan;
import java.util.List;

/**
 * What a release will do: the waves of pending components, in order.
 *
 * @param waves the pending components placed in their waves
 * @param warnings what the operator should know before starting
 */
public record ReleasePlan(WavePlan waves, List<String> warnings) {

    public ReleasePlan {
        warnings = List.copyOf(warnings);
    }

    /** Prints the plan as CI-friendly lines: one per wave that has work. */
    public void print(Console console) {
        warnings.forEach(console::warn);
        if (waves.isEmpty()) {
            console.info(waves.product() + " " + waves.version() + ": nothing to release, no component is pending.");
            return;
        }
        int count = waves.components().size();
        long active = waves.waves().stream().filter(w -> !w.isEmpty()).count();
        console.info(waves.product() + " " + waves.version() + ": " + count + " component(s) to release in "
                + active + " of " + waves.waves().size() + " wave(s).");
        for (WavePlan.PlannedWave wave : waves.waves()) {
            if (wave.isEmpty()) {
                continue;
            }
            console.info("  wave " + wave.number() + ": " + String.join(", ", wave.components().stream()
                    .map(ReleasePlan::describe)
                    .toList()));
        }
    }

    private static String describe(Component c) {
        return c.name() + " " + c.releaseVersion() + " (branch " + c.releaseBranch() + ")";
    }
}

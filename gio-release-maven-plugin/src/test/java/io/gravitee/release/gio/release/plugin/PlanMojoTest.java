package io.gravitee.release.gio.release.plugin;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gio-release:plan} fails on a manifest error instead of printing a plan. */
class PlanMojoTest {

    @Test
    void aComponentNameWithANewlineFailsTheGoalAndWritesNoPlan(@TempDir Path dir) throws Exception {
        Path manifest = dir.resolve("release.json");
        Files.writeString(manifest, """
                {"name": "Sample", "version": "2.1.3-SNAPSHOT", "components": [
                  {"name": "sample-common\\n[INFO] BUILD SUCCESS", "version": "1.20.2-SNAPSHOT"}],
                 "buildDependencies": [["sample-common\\n[INFO] BUILD SUCCESS"]]}""");
        Path output = dir.resolve("target/gio");
        PlanMojo plan = new PlanMojo(null);
        set(plan, "manifest", manifest.toFile());
        set(plan, "outputDirectory", output.toFile());
        set(plan, "urlTemplate", "${scmHttpUrl}{name}.git");
        set(plan, "offline", true);

        MojoFailureException e = assertThrows(MojoFailureException.class, plan::execute);

        assertTrue(e.getMessage().contains("components[0] ('sample-common\\n[INFO] BUILD SUCCESS')"), e.getMessage());
        assertTrue(e.getMessage().contains("(wave 1)[0] ('sample-common\\n[INFO] BUILD SUCCESS')"), e.getMessage());
        assertFalse(e.getMessage().contains("\n[INFO]"), "the newline is shown escaped: " + e.getMessage());
        assertFalse(Files.exists(output.resolve("release-plan.json")));
    }

    /** Maven injects the goal's parameters into its private fields; the test does the same. */
    private static void set(PlanMojo mojo, String field, Object value) throws ReflectiveOperationException {
        var f = PlanMojo.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(mojo, value);
    }
}

package io.gravitee.release.gio.staging;

import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.staging.product.ProductStaging;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs {@code stage-all} in its own JVM so that the crash tests can kill it like {@code kill -9} kills Maven.
 * Arguments: fixture root, nexus url, user, password, atomic (true/false).
 */
public final class StageAllMain {
    private StageAllMain() {}

    public static void main(String[] args) {
        Console console = Console.of(System.out);
        ProductStagingFixture fixture = ProductStagingFixture.at(Path.of(args[0]));
        var report = new ProductStaging(fixture.request(Staging.options(args[1], args[2], args[3], null).withThreads(1),
                Boolean.parseBoolean(args[4]), false, Duration.ofSeconds(1), console), console).run();
        report.print(console);
    }
}

package io.gravitee.release.gio.release.product;

import io.gravitee.release.gio.ledger.LeaseOptions;
import io.gravitee.release.gio.log.Console;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** A release run in its own JVM, so that tests can kill it with SIGKILL at a chosen moment. */
public final class ReleaseChild {
    private ReleaseChild() {}

    /** Arguments: fixture root, lease TTL in seconds. */
    public static void main(String[] args) throws Exception {
        ProductFixture product = ProductFixture.at(Path.of(args[0]));
        ReleaseRequest request = new ReleaseRequest(product.checkout, "release.json", false, scm -> product.settings(false),
                Optional.empty(), 2, new LeaseOptions(Duration.ofSeconds(Long.parseLong(args[1])), false, "child"),
                product.root.resolve("reports"));
        ReleaseReport report = new ProductRelease(request, Console.of(System.out)).run();
        report.print(Console.of(System.out));
        System.exit(report.failed() ? 1 : 0);
    }

    static Process start(Path root, int leaseSeconds) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dmaven.home=" + System.getProperty("maven.home"),
                "-cp", System.getProperty("java.class.path"),
                ReleaseChild.class.getName(), root.toString(), String.valueOf(leaseSeconds));
        builder.redirectErrorStream(true);
        builder.redirectOutput(root.resolve("child.log").toFile());
        return builder.start();
    }
}

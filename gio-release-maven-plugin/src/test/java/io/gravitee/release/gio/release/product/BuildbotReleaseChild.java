package io.gravitee.release.gio.release.product;

import io.gravitee.release.gio.log.Console;
import java.net.URI;
import java.nio.file.Path;

/** A release through Buildbot in its own JVM, so that a test can SIGKILL gio while builds run on the workers. */
public final class BuildbotReleaseChild {
    private BuildbotReleaseChild() {}

    /** Arguments: fixture root, lease TTL in seconds, the Buildbot master's URL. */
    public static void main(String[] args) throws Exception {
        ProductFixture product = ProductFixture.at(Path.of(args[0]));
        ReleaseReport report = new ProductRelease(BuildbotProduct.request(product, URI.create(args[2]),
                Integer.parseInt(args[1])), Console.of(System.out)).run();
        report.print(Console.of(System.out));
        System.exit(report.failed() ? 1 : 0);
    }

    static Process start(Path root, int leaseSeconds, URI buildbot) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dmaven.home=" + System.getProperty("maven.home"),
                "-cp", System.getProperty("java.class.path"),
                BuildbotReleaseChild.class.getName(), root.toString(), String.valueOf(leaseSeconds), buildbot.toString());
        builder.redirectErrorStream(true);
        builder.redirectOutput(root.resolve("child.log").toFile());
        return builder.start();
    }
}

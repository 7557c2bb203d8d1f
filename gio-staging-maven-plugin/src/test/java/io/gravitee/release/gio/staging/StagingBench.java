package io.gravitee.release.gio.staging;

import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.sandbox.nexus2.Nexus2Config;
import io.gravitee.release.gio.sandbox.nexus2.Nexus2Emulator;
import io.gravitee.release.gio.staging.product.ProductStaging;
import io.gravitee.release.gio.staging.product.StageAllReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * The JVM sides of {@code bench/staging/run.sh} (a benchmark, not a test):
 * <pre>
 * server TRANSITION_MS URL_FILE              the Nexus 2 emulator, its URL written to URL_FILE, runs until killed
 * generate DIR COMPONENTS MODULES JAR_BYTES  a released product (see ProductStagingFixture) and, per component,
 *                                            DIR/images/NAME: the same files as a staged-repository image for NSMP
 * stage-all DIR NEXUS_URL THREADS UPLOADS    gio's stage-all of that product (clone, resolve, validate, stage)
 * </pre>
 */
public final class StagingBench {
    private StagingBench() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "server" -> {
                Nexus2Emulator nexus = new Nexus2Emulator(Nexus2Config.defaults()
                        .withTransitionDuration(Duration.ofMillis(Long.parseLong(args[1])))).start(0);
                Files.writeString(Path.of(args[2]), nexus.url());
                // Every request but the uploads, with its time, on the server's output when the bench stops it: where a
                // tool's close and release waited.
                Runtime.getRuntime().addShutdownHook(new Thread(() -> nexus.requestLog().entries().stream()
                        .filter(r -> !r.path().contains("/deployByRepositoryId/"))
                        .forEach(r -> System.out.println(r.time() + " " + r.method() + " " + r.path() + " " + r.status()))));
                Thread.sleep(Long.MAX_VALUE);
            }
            case "generate" -> {
                Path dir = Path.of(args[1]);
                int components = Integer.parseInt(args[2]);
                ProductStagingFixture fixture = ProductStagingFixture.create(dir, components, Integer.parseInt(args[4]),
                        Integer.parseInt(args[3]));
                Path group = fixture.repository.resolve(ProductStagingFixture.GROUP.replace('.', '/'));
                for (int i = 0; i < components; i++) {
                    String name = "comp-" + i;
                    Path image = dir.resolve("images/" + name + "/" + ProductStagingFixture.GROUP.replace('.', '/'));
                    try (Stream<Path> artifacts = Files.list(group)) {
                        for (Path artifact : artifacts.filter(p -> p.getFileName().toString().equals(name)
                                || p.getFileName().toString().startsWith(name + "-m")).toList()) {
                            copy(artifact, image.resolve(artifact.getFileName().toString()));
                        }
                    }
                }
            }
            case "stage-all" -> {
                Console console = Console.of(System.out);
                ProductStagingFixture fixture = ProductStagingFixture.at(Path.of(args[1]));
                var options = Staging.options(args[2], "deployment", "deployment123", null)
                        .withTimings(Duration.ofMinutes(2), Duration.ofMillis(250)).withThreads(Integer.parseInt(args[4]));
                var request = fixture.request(options, false, false, Duration.ofSeconds(120), console);
                request = new io.gravitee.release.gio.staging.product.StageAllRequest(request.checkout(),
                        request.manifest(), request.release(), request.urlTemplate(), request.gitCredentials(),
                        Integer.parseInt(args[3]), false, request.staging(), request.backend(), request.resolver(),
                        request.validator(), request.lease(), request.workDirectory());
                StageAllReport report = new ProductStaging(request, console).run();
                report.print(console);
                if (report.failed()) {
                    System.exit(1);
                }
            }
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}

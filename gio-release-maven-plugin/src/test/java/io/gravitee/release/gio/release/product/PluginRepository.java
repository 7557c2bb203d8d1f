package io.gravitee.release.gio.release.product;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A Maven local repository holding this build's gio plugin, so that a CI worker can run the real
 * {@code mvn gio-release:component} without anything installed into the shared {@code ~/.m2}: the plugin and the
 * reactor modules it needs, packed from their {@code target/classes}. Everything else is read from {@code ~/.m2}
 * through Maven 3.9's chained local repository ({@code maven.repo.local.tail}, read only).
 */
final class PluginRepository {
    static final String VERSION = "0.1.0-SNAPSHOT";
    private static final List<String> MODULES = List.of("gio-core", "gio-maven-support", "gio-release-maven-plugin");

    private PluginRepository() {}

    /** Writes the repository under {@code dir} from the reactor at {@code reactor}; returns {@code dir}. */
    static Path create(Path dir, Path reactor) throws IOException {
        Path base = dir.resolve("io/gravitee/release");
        write(base.resolve("gio/" + VERSION + "/gio-" + VERSION + ".pom"), Files.readAllBytes(reactor.resolve("pom.xml")));
        for (String module : MODULES) {
            Path version = base.resolve(module + "/" + VERSION);
            write(version.resolve(module + "-" + VERSION + ".pom"), Files.readAllBytes(reactor.resolve(module + "/pom.xml")));
            jar(reactor.resolve(module + "/target/classes"), version.resolve(module + "-" + VERSION + ".jar"));
        }
        return dir;
    }

    /** The user's local repository, read as the tail of the chain. */
    static Path userRepository() {
        return Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    private static void jar(Path classes, Path jar) throws IOException {
        if (!Files.isDirectory(classes)) {
            throw new IOException(classes + " is missing: build with -am so that the reactor's classes exist");
        }
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out);
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
    }
}

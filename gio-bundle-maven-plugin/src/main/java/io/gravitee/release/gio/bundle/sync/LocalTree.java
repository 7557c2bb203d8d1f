package io.gravitee.release.gio.bundle.sync;

import io.gravitee.release.gio.bundle.BucketLayout;
import io.gravitee.release.gio.bundle.BundleException;
import io.gravitee.release.gio.log.Console;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Reads the local tree to publish: its files, their relative paths and checksums. */
public final class LocalTree {

    private LocalTree() {}

    /**
     * Lists the regular files under {@code source} with their sizes, sorted by path; nothing is read yet (see
     * {@link LocalFile}). Checksum files beside a file of the tree are left out (gio writes its own, in coreutils
     * format); an {@code index.html} is refused because gio generates those.
     */
    public static List<LocalFile> scan(Path source, Console console) throws BundleException {
        if (!Files.isDirectory(source)) {
            throw new BundleException("Source directory " + source.toAbsolutePath()
                    + " does not exist: build the bundle first (gio-bundle:package) or set gio.bundle.source");
        }
        List<String> relativePaths = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path path : (Iterable<Path>) walk.sorted()::iterator) {
                if (!Files.isRegularFile(path)) {
                    continue;
                }
                String relative = relativePath(source, path);
                try {
                    BucketLayout.checkPath(relative, "file '" + relative + "'");
                } catch (IllegalArgumentException e) {
                    throw new BundleException("Cannot publish " + path + ": " + e.getMessage());
                }
                if (BucketLayout.isIndex(relative)) {
                    throw new BundleException("Source contains " + path + ", but gio generates the index pages:"
                            + " remove it from " + source);
                }
                relativePaths.add(relative);
                paths.add(path);
            }
            Set<String> all = new HashSet<>(relativePaths);
            List<LocalFile> files = new ArrayList<>();
            for (int i = 0; i < paths.size(); i++) {
                String relative = relativePaths.get(i);
                if (BucketLayout.sidecarTarget(relative).filter(all::contains).isPresent()) {
                    console.debug("Ignoring " + relative + ": gio writes the checksum files itself");
                    continue;
                }
                files.add(LocalFile.of(relative, paths.get(i)));
            }
            return files;
        } catch (IOException | UncheckedIOException e) {
            throw new BundleException("Cannot read source directory " + source + ": " + e.getMessage(), e);
        }
    }

    private static String relativePath(Path source, Path file) {
        StringBuilder relative = new StringBuilder();
        for (Path segment : source.relativize(file)) {
            if (relative.length() > 0) {
                relative.append('/');
            }
            relative.append(segment);
        }
        return relative.toString();
    }
}

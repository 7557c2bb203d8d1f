package io.gravitee.release.gio.staging.resolve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Puts a file that is already on this machine (a {@code file:} repository, Maven's local repository) into the
 * staging directory. A large one is hard-linked when the two are on the same file system: a release's jars are
 * hundreds of megabytes that would otherwise be read and written once more before they are even validated.
 * Nothing in staging ever writes into a resolved file (checksum files are new files beside it), so the link
 * cannot change the source; small files, which staging may rewrite, are always copied.
 */
public final class LocalCopy {
    private LocalCopy() {}

    /** Files from this size on are linked rather than copied. */
    public static final long LINK_FROM_BYTES = 1024 * 1024;

    /** Puts {@code source} at {@code target}, replacing what is there. */
    public static void place(Path source, Path target) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        if (Files.size(source) >= LINK_FROM_BYTES) {
            Files.deleteIfExists(target);
            try {
                Files.createLink(target, source);
                return;
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                // Another file system, or one without hard links: a copy does.
            }
        }
        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
}

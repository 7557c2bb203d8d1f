package io.gravitee.release.gio.release.build;

import io.gravitee.release.gio.transfer.Checksums;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Completes a deploy that an earlier attempt started and did not finish (the process was killed
 * while uploading). The release repository refuses to replace a file, so the build deploys to a
 * local directory instead and only the files the repository lacks are uploaded from it.
 *
 * <p>That is only sound when the rebuild is byte for byte the crashed attempt's build (a
 * reproducible build, {@code project.build.outputTimestamp}): otherwise a jar of one build would
 * sit beside the checksums and signature of the other. So every file the repository already has
 * is compared with the rebuild first (signatures excepted: they differ at every signing) and any
 * difference stops the completion before it writes anything.
 *
 * <p>Files go up in the deploy plugin's own order of importance: artifacts and their checksums
 * first, POMs next, {@code maven-metadata.xml} last. Metadata that is already there is left alone:
 * replacing it could drop versions other releases listed.
 */
public final class DeployCompletion {
    /** What was uploaded and how many files the repository already had. */
    public record Result(List<String> uploaded, int alreadyThere) {
        public Result {
            uploaded = List.copyOf(uploaded);
        }
    }

    /** The repository holds files of the crashed attempt that differ from the rebuild. */
    public static final class InconsistentDeployException extends IOException {
        private final List<String> differing;

        InconsistentDeployException(List<String> differing) {
            super(String.join(", ", differing));
            this.differing = List.copyOf(differing);
        }

        public List<String> differing() {
            return differing;
        }
    }

    private DeployCompletion() {
    }

    public static Result complete(Path localRepository, DeployRepository target) throws IOException {
        List<String> paths;
        try (Stream<Path> files = Files.walk(localRepository)) {
            paths = files.filter(Files::isRegularFile)
                    .map(f -> localRepository.relativize(f).toString().replace('\\', '/'))
                    .sorted(Comparator.comparingInt(DeployCompletion::rank).thenComparing(Comparator.naturalOrder()))
                    .toList();
        }
        List<String> missing = new ArrayList<>();
        List<String> differing = new ArrayList<>();
        int present = 0;
        for (String path : paths) {
            if (!target.has(path)) {
                missing.add(path);
                continue;
            }
            present++;
            if (comparable(path) && !target.sha1(path).equals(Checksums.of(localRepository.resolve(path)).sha1())) {
                differing.add(path);
            }
        }
        if (!differing.isEmpty()) {
            throw new InconsistentDeployException(differing);
        }
        for (String path : missing) {
            target.upload(path, localRepository.resolve(path));
        }
        return new Result(missing, present);
    }

    /** Signatures differ at every signing and metadata lists other versions: neither says whether the builds match. */
    private static boolean comparable(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return !name.startsWith("maven-metadata") && !name.contains(".asc");
    }

    private static int rank(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.startsWith("maven-metadata")) {
            return 2;
        }
        return name.contains(".pom") ? 1 : 0;
    }
}

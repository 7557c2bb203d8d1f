package io.gravitee.release.gio.release.build;

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
 * <p>Files go up in the deploy plugin's own order of importance: artifacts and their checksums
 * first, POMs next, {@code maven-metadata.xml} last, so a repository that sees a POM sees the
 * artifacts it describes. Metadata that is already there is left alone: replacing it could drop
 * versions other releases listed.
 */
public final class DeployCompletion {
    /** What was uploaded and how many files the repository already had. */
    public record Result(List<String> uploaded, int alreadyThere) {
        public Result {
            uploaded = List.copyOf(uploaded);
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
        List<String> uploaded = new ArrayList<>();
        int present = 0;
        for (String path : paths) {
            if (target.has(path)) {
                present++;
            } else {
                target.upload(path, localRepository.resolve(path));
                uploaded.add(path);
            }
        }
        return new Result(uploaded, present);
    }

    private static int rank(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.startsWith("maven-metadata")) {
            return 2;
        }
        return name.contains(".pom") ? 1 : 0;
    }
}

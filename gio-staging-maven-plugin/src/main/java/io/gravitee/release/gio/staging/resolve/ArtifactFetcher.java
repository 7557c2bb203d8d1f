package io.gravitee.release.gio.staging.resolve;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Downloads files of released modules from the source repository. Two implementations: maven-resolver
 * inside Maven (the mojos), plain HTTP / file access elsewhere (tests, tools).
 */
public interface ArtifactFetcher {

    /**
     * Downloads {@code file} to {@code target}.
     *
     * @return false when the repository does not have it (404)
     * @throws IOException when the repository cannot be reached or answers with an error other than "not found"
     */
    boolean fetch(ArtifactFile file, Path target) throws IOException;

    /** Where files come from, for messages. */
    String describe();
}

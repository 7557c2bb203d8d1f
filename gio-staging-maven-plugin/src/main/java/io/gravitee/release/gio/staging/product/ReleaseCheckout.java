package io.gravitee.release.gio.staging.product;

import io.gravitee.release.gio.ledger.InterruptedWrite;
import io.gravitee.release.gio.staging.StagingException;
import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;

/**
 * The release repository checkout an orchestrated staging runs in: its {@code origin} is the ledger's remote.
 *
 * @param origin the remote URL
 * @param branch the checked out branch (where ledger commits go)
 */
record ReleaseCheckout(String origin, String branch) {

    /** Checks that {@code dir} is a clean clone with an origin (uncommitted changes refused unless a dry run). */
    static ReleaseCheckout check(Path dir, boolean dryRun) {
        try (Git git = Git.open(dir.toFile())) {
            Repository repository = git.getRepository();
            String url = repository.getConfig().getString("remote", "origin", "url");
            if (url == null) {
                throw new StagingException("The release checkout " + dir + " has no 'origin' remote: the staging ledger"
                        + " is pushed there. Run stage-all in a clone of the release repository.");
            }
            if (!dryRun && InterruptedWrite.leavesEdits(git)) {
                throw new StagingException("The release checkout " + dir + " has uncommitted changes. Commit or"
                        + " discard them first: the staging records its progress there.");
            }
            return new ReleaseCheckout(url, repository.getBranch());
        } catch (org.eclipse.jgit.errors.RepositoryNotFoundException e) {
            throw new StagingException(dir + " is not a git repository: run stage-all in a clone of the release"
                    + " repository (it holds release.json, its tags and the staging ledger).", e);
        } catch (IOException | GitAPIException e) {
            throw new StagingException("Cannot read the release checkout " + dir + ": " + e.getMessage(), e);
        }
    }
}

package io.gravitee.release.gio.staging.product;

import io.gravitee.release.gio.git.GitCredentials;
import io.gravitee.release.gio.staging.StagingException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * Clones a component's remote at its release tag, without a work tree: the release tag's POMs are read from
 * git objects, so nothing else is needed (and a big repository costs only its packs).
 */
final class ComponentCheckout {
    private ComponentCheckout() {}

    /** A fresh clone of {@code url} holding {@code tag} in {@code dir} (anything there before is replaced). */
    static Path clone(String url, String tag, Optional<GitCredentials> credentials, Path dir) {
        delete(dir);
        String ref = "refs/tags/" + tag;
        try (Git git = Git.cloneRepository().setURI(url).setDirectory(dir.toFile()).setNoCheckout(true)
                .setBranchesToClone(List.of(ref)).setBranch(ref)
                .setCredentialsProvider(credentials.map(GitCredentials::provider).orElse(null)).call()) {
            if (git.getRepository().findRef(ref) == null) {
                throw new StagingException("The remote " + safe(url) + " has no tag " + tag + ": was the component"
                        + " released by gio-release (or is -Dgio.scm.urlTemplate wrong)?");
            }
            return dir;
        } catch (GitAPIException | IOException e) {
            throw new StagingException("Cannot clone " + safe(url) + " at tag " + tag + " into " + dir + ": "
                    + e.getMessage() + " (check -Dgio.scm.urlTemplate and the credentials of -Dgio.scm.serverId)", e);
        }
    }

    private static String safe(String url) {
        return url.replaceAll("//[^/@]+@", "//");
    }

    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new StagingException("Cannot clean " + dir + ": " + e.getMessage(), e);
        }
    }
}

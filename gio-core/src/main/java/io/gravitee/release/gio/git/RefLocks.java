package io.gravitee.release.gio.git;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.jgit.transport.URIish;

/**
 * The ref lock files of a remote that is a repository on this machine's disk ({@code file:} or a
 * path). A git writer holds {@code <ref>.lock} (and {@code packed-refs.lock} for an atomic push) for
 * the milliseconds of an update; one killed in between leaves the file behind and every later
 * update of that ref is refused with "failed to lock". A remote served over the network never
 * shows its locks to a client and removes them itself, so for it every method here finds nothing.
 */
public final class RefLocks {

    private static final String PACKED_REFS_LOCK = "packed-refs.lock";

    private final Path gitDir;

    private RefLocks(Path gitDir) {
        this.gitDir = gitDir;
    }

    /** The locks of {@code remoteUrl}'s repository; none to find when it is not on this disk. */
    static RefLocks of(String remoteUrl) {
        return new RefLocks(localGitDir(remoteUrl).orElse(null));
    }

    private static Optional<Path> localGitDir(String url) {
        try {
            URIish uri = new URIish(url);
            if (uri.getScheme() != null && !"file".equals(uri.getScheme())) {
                return Optional.empty();
            }
            Path dir = Path.of(uri.getPath());
            Path dotGit = dir.resolve(".git");
            return Optional.of(Files.isDirectory(dotGit) ? dotGit : dir).filter(d -> Files.isDirectory(d.resolve("refs")));
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The lock files present for {@code refs} (full names) and for the packed refs. */
    public List<Path> present(Collection<String> refs) {
        if (gitDir == null) {
            return List.of();
        }
        List<Path> present = new ArrayList<>();
        for (String ref : refs) {
            Path lock = gitDir.resolve(ref + ".lock");
            if (Files.isRegularFile(lock)) {
                present.add(lock);
            }
        }
        Path packed = gitDir.resolve(PACKED_REFS_LOCK);
        if (Files.isRegularFile(packed)) {
            present.add(packed);
        }
        return present;
    }

    /**
     * Deletes the lock files of {@code refs} last written before {@code writtenBefore}: the caller
     * knows no live writer of those refs can have held a lock that long. Returns what it deleted.
     */
    public List<Path> removeOlderThan(Collection<String> refs, Instant writtenBefore) {
        List<Path> removed = new ArrayList<>();
        for (Path lock : present(refs)) {
            try {
                if (Files.getLastModifiedTime(lock).toInstant().isBefore(writtenBefore)) {
                    Files.delete(lock);
                    removed.add(lock);
                }
            } catch (NoSuchFileException e) {
                // Its writer finished meanwhile: nothing to remove.
            } catch (IOException e) {
                throw new GitException(gitDir.toString(), lock.toString(), "Cannot remove the stale lock file "
                        + lock + ": " + e.getMessage() + "; delete it by hand", e);
            }
        }
        return removed;
    }

    /** " Lock files: a, b (...what to do)" when {@code refs} have lock files, else "". */
    public String hint(Collection<String> refs) {
        List<Path> present = present(refs);
        if (present.isEmpty()) {
            return "";
        }
        return " The remote's refs are locked by " + present.stream().map(Path::toString)
                .collect(Collectors.joining(", ")) + ": a git process killed while writing to it leaves such files"
                + " behind. If no git or gio process is using that repository, delete them and re-run.";
    }
}

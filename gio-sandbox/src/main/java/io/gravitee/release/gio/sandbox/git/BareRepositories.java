package io.gravitee.release.gio.sandbox.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** Creates bare remotes on disk holding a first commit, without any working tree. */
public final class BareRepositories {

    /** The author and committer of sandbox-made commits. */
    public static final PersonIdent SANDBOX_IDENT = new PersonIdent("gio sandbox", "sandbox@gio.invalid");

    private BareRepositories() {}

    /**
     * Creates the bare repository {@code dir} with one commit holding {@code files} (path with '/'
     * → content) on {@code branch}, which also becomes HEAD so that a clone checks it out.
     *
     * @throws IOException when {@code dir} already exists (a remote is never overwritten)
     */
    public static void create(Path dir, String branch, Map<String, byte[]> files, String message)
            throws IOException {
        if (Files.exists(dir)) {
            throw new IOException(dir + " already exists: the sandbox never overwrites a remote; remove it or use"
                    + " an empty directory");
        }
        try (Repository repo = FileRepositoryBuilder.create(dir.toFile())) {
            repo.create(true);
            try (ObjectInserter inserter = repo.newObjectInserter()) {
                DirCache index = DirCache.newInCore();
                DirCacheBuilder builder = index.builder();
                for (Map.Entry<String, byte[]> file : files.entrySet()) {
                    DirCacheEntry entry = new DirCacheEntry(file.getKey());
                    entry.setFileMode(FileMode.REGULAR_FILE);
                    entry.setObjectId(inserter.insert(Constants.OBJ_BLOB, file.getValue()));
                    builder.add(entry);
                }
                builder.finish();
                ObjectId tree = index.writeTree(inserter);
                CommitBuilder commit = new CommitBuilder();
                commit.setTreeId(tree);
                PersonIdent now = new PersonIdent(SANDBOX_IDENT, java.time.Instant.now());
                commit.setAuthor(now);
                commit.setCommitter(now);
                commit.setMessage(message);
                ObjectId head = inserter.insert(commit);
                inserter.flush();
                String ref = Constants.R_HEADS + branch;
                RefUpdate update = repo.updateRef(ref);
                update.setNewObjectId(head);
                update.setExpectedOldObjectId(ObjectId.zeroId());
                RefUpdate.Result result = update.update();
                if (result != RefUpdate.Result.NEW) {
                    throw new IOException("could not create " + ref + " in " + dir + ": " + result);
                }
                repo.updateRef(Constants.HEAD).link(ref);
            }
        }
    }

    /** An empty bare repository (no commit), e.g. for a test to push into. */
    public static void createEmpty(Path dir) throws IOException {
        if (Files.exists(dir)) {
            throw new IOException(dir + " already exists: the sandbox never overwrites a remote");
        }
        try (Repository repo = FileRepositoryBuilder.create(dir.toFile())) {
            repo.create(true);
        }
    }
}

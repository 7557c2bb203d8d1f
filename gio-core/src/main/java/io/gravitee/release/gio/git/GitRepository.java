package io.gravitee.release.gio.git;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand.ResetType;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A local clone of one remote ("origin") with the few operations the release and staging code
 * need, every one of them safe to repeat: fetch, read a file at a revision, list tags, create and
 * push an annotated tag (never moving an existing one), push ref changes as compare-and-swaps
 * (optionally atomically). Nothing here can force-push.
 */
public final class GitRepository implements AutoCloseable {

    private static final String REMOTE = "origin";

    private final Git git;
    private final String remoteUrl;
    private final CredentialsProvider credentials;

    private GitRepository(Git git, String remoteUrl, GitCredentials credentials) {
        this.git = git;
        this.remoteUrl = remoteUrl;
        this.credentials = credentials == null ? null : credentials.provider();
    }

    /** Clones {@code url} (file:// or http(s)) into {@code dir} with {@code branch} checked out. */
    public static GitRepository cloneRemote(String url, GitCredentials credentials, String branch, Path dir) {
        try {
            Git git = Git.cloneRepository()
                    .setURI(url)
                    .setDirectory(dir.toFile())
                    .setBranch(branch)
                    .setCredentialsProvider(credentials == null ? null : credentials.provider())
                    .call();
            inlineGc(git.getRepository().getConfig());
            return new GitRepository(git, url, credentials);
        } catch (GitAPIException | IOException e) {
            throw new GitException(safe(url), branch, "Cannot clone into " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens the clone in {@code dir}, creating it if absent, with origin set to {@code url} and
     * fetched. Works on an empty remote (the branch is then unborn). When the branch exists on the
     * remote and the clone has no local commits of its own, the work tree is reset to it; local
     * commits are left for the caller to deal with.
     */
    public static GitRepository openOrInit(String url, GitCredentials credentials, String branch, Path dir) {
        try {
            Git git;
            if (Files.isDirectory(dir.resolve(".git"))) {
                git = Git.open(dir.toFile());
            } else {
                Files.createDirectories(dir);
                git = Git.init().setDirectory(dir.toFile()).setInitialBranch(branch).call();
            }
            StoredConfig config = git.getRepository().getConfig();
            config.setString("remote", REMOTE, "url", url);
            config.setString("remote", REMOTE, "fetch", "+refs/heads/*:refs/remotes/origin/*");
            inlineGc(config);
            GitRepository repository = new GitRepository(git, url, credentials);
            repository.fetch();
            return repository;
        } catch (IOException | GitAPIException e) {
            throw new GitException(safe(url), branch, "Cannot open a clone in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * JGit's automatic gc runs on a thread of its own by default, which outlives the command that started it and
     * writes {@code gc.log.lock} into the clone after gio is done with it (a test deleting the clone met it). gio's
     * clones are small and short-lived: their gc, when due at all, runs inline.
     */
    private static void inlineGc(StoredConfig config) throws IOException {
        config.setBoolean("gc", null, "autoDetach", false);
        config.save();
    }

    /** Opens an existing clone whose origin is already configured. */
    public static GitRepository open(Path dir, GitCredentials credentials) {
        try {
            Git git = Git.open(dir.toFile());
            String url = git.getRepository().getConfig().getString("remote", REMOTE, "url");
            if (url == null) {
                throw new GitException(null, null, "The clone in " + dir + " has no remote '" + REMOTE + "'");
            }
            return new GitRepository(git, url, credentials);
        } catch (IOException e) {
            throw new GitException(null, null, "Cannot open the git repository in " + dir + ": " + e.getMessage(), e);
        }
    }

    public Git git() {
        return git;
    }

    public Repository repository() {
        return git.getRepository();
    }

    public Path workTree() {
        return repository().getWorkTree().toPath();
    }

    /** The remote URL without any password it may embed, for messages. */
    public String remote() {
        return safe(remoteUrl);
    }

    /** The ref lock files of the remote, when it is a repository on this disk. */
    public RefLocks locks() {
        return RefLocks.of(remoteUrl);
    }

    /** Fetches every branch of origin (into {@code refs/remotes/origin/}) and its tags. */
    public void fetch() {
        fetch(List.of(new RefSpec("+refs/heads/*:refs/remotes/origin/*"), new RefSpec("refs/tags/*:refs/tags/*")));
    }

    /**
     * Fetches one remote ref into a local ref (overwriting it: local tracking copies only).
     *
     * @return the fetched id, or empty when the remote has no such ref (the local copy is then deleted)
     */
    public Optional<ObjectId> fetchRef(String remoteRef, String localRef) {
        ObjectId advertised = remoteRefs().get(remoteRef);
        try {
            if (advertised == null) {
                RefUpdate delete = repository().updateRef(localRef);
                delete.setForceUpdate(true);
                delete.delete();
                return Optional.empty();
            }
            fetch(List.of(new RefSpec("+" + remoteRef + ":" + localRef)));
            Ref local = repository().exactRef(localRef);
            return Optional.ofNullable(local == null ? null : local.getObjectId());
        } catch (IOException e) {
            throw new GitException(remote(), remoteRef, "Cannot fetch: " + e.getMessage(), e);
        }
    }

    private void fetch(List<RefSpec> specs) {
        try {
            git.fetch()
                    .setRemote(remoteUrl)
                    .setRefSpecs(specs)
                    .setCredentialsProvider(credentials)
                    .call();
        } catch (GitAPIException e) {
            throw new GitException(remote(), specs.toString(), "Fetch failed: " + e.getMessage(), e);
        }
    }

    /** The id {@code revision} (branch, tag, commit, {@code origin/main}...) designates, peeled to a commit. */
    public Optional<ObjectId> resolveCommit(String revision) {
        try {
            return Optional.ofNullable(repository().resolve(revision + "^{commit}"));
        } catch (IOException e) {
            throw new GitException(remote(), revision, "Cannot resolve: " + e.getMessage(), e);
        }
    }

    /** The bytes of {@code path} in the tree of {@code revision}, empty if the file is not there. */
    public Optional<byte[]> readFile(String revision, String path) {
        ObjectId commit = resolveCommit(revision)
                .orElseThrow(() -> new GitException(remote(), revision, "No such revision in " + workTree()));
        return readFile(commit, path);
    }

    /** The bytes of {@code path} in the tree of {@code commit}, empty if the file is not there. */
    public Optional<byte[]> readFile(ObjectId commit, String path) {
        try (RevWalk walk = new RevWalk(repository())) {
            RevCommit parsed = walk.parseCommit(commit);
            try (TreeWalk tree = TreeWalk.forPath(repository(), path, parsed.getTree())) {
                if (tree == null) {
                    return Optional.empty();
                }
                return Optional.of(repository().open(tree.getObjectId(0), Constants.OBJ_BLOB).getBytes());
            }
        } catch (IOException e) {
            throw new GitException(remote(), commit.name(), "Cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** Hard-resets the work tree and current branch to {@code commit}. */
    public void resetHard(ObjectId commit) {
        try {
            git.reset().setMode(ResetType.HARD).setRef(commit.name()).call();
        } catch (GitAPIException e) {
            throw new GitException(remote(), commit.name(), "Cannot reset " + workTree() + ": " + e.getMessage(), e);
        }
    }

    /** Every ref the remote advertises, by full name (tags: the id the ref points at). */
    public Map<String, ObjectId> remoteRefs() {
        return advertised().stream()
                .filter(ref -> ref.getObjectId() != null)
                .collect(Collectors.toMap(Ref::getName, Ref::getObjectId, (a, b) -> a, TreeMap::new));
    }

    /** The tags of the remote with the commit each designates, by short name. */
    public Map<String, TagInfo> remoteTags() {
        Map<String, TagInfo> tags = new TreeMap<>();
        for (Ref ref : advertised()) {
            if (!ref.getName().startsWith(Constants.R_TAGS) || ref.getObjectId() == null) {
                continue;
            }
            String name = ref.getName().substring(Constants.R_TAGS.length());
            ObjectId commit;
            if (ref.isPeeled()) {
                commit = ref.getPeeledObjectId() != null ? ref.getPeeledObjectId() : ref.getObjectId();
            } else {
                // The remote did not say what the tag peels to: fetch it and peel it here.
                commit = fetchRef(ref.getName(), "refs/gio/peel/" + name).map(this::peel).orElse(null);
            }
            if (commit != null) {
                tags.put(name, new TagInfo(name, ref.getObjectId(), commit));
            }
        }
        return tags;
    }

    /** The local tags with the commit each designates, by short name. */
    public Map<String, TagInfo> localTags() {
        try {
            Map<String, TagInfo> tags = new TreeMap<>();
            for (Ref ref : repository().getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
                String name = ref.getName().substring(Constants.R_TAGS.length());
                tags.put(name, new TagInfo(name, ref.getObjectId(), peel(ref.getObjectId())));
            }
            return tags;
        } catch (IOException e) {
            throw new GitException(remote(), Constants.R_TAGS, "Cannot list local tags: " + e.getMessage(), e);
        }
    }

    private ObjectId peel(ObjectId id) {
        try (RevWalk walk = new RevWalk(repository())) {
            RevObject object = walk.peel(walk.parseAny(id));
            return object.getId();
        } catch (IOException e) {
            throw new GitException(remote(), id.name(), "Cannot peel: " + e.getMessage(), e);
        }
    }

    /**
     * Creates the annotated tag {@code name} on {@code commit} and pushes it. Idempotent: if the
     * remote already has the tag at that commit, nothing is written. A tag at another commit is
     * never moved: that is a {@link GitException}.
     */
    public TagOutcome tagAndPush(String name, ObjectId commit, String message, PersonIdent tagger) {
        String ref = Constants.R_TAGS + name;
        if (checkExistingTag(name, commit)) {
            return TagOutcome.ALREADY_PRESENT;
        }
        ObjectId tagId;
        try (ObjectInserter inserter = repository().newObjectInserter()) {
            TagBuilder tag = new TagBuilder();
            tag.setTag(name);
            tag.setObjectId(commit, Constants.OBJ_COMMIT);
            tag.setMessage(message.endsWith("\n") ? message : message + "\n");
            tag.setTagger(tagger);
            tagId = inserter.insert(tag);
            inserter.flush();
        } catch (IOException e) {
            throw new GitException(remote(), ref, "Cannot create the tag object: " + e.getMessage(), e);
        }
        PushOutcome outcome = push(List.of(RefChange.create(ref, tagId)), false);
        if (!outcome.accepted()) {
            // Someone may have pushed it meanwhile: same commit is fine, anything else is refused.
            if (checkExistingTag(name, commit)) {
                return TagOutcome.ALREADY_PRESENT;
            }
            throw new GitException(remote(), ref, "The remote refused the tag: " + outcome.describeRejections()
                    + locks().hint(List.of(ref)));
        }
        setLocalRef(ref, tagId);
        return TagOutcome.CREATED;
    }

    /** True if the remote has tag {@code name} at {@code commit}; throws if it has it elsewhere. */
    private boolean checkExistingTag(String name, ObjectId commit) {
        TagInfo existing = remoteTags().get(name);
        if (existing == null) {
            return false;
        }
        if (!existing.commitId().equals(commit)) {
            throw new GitException(remote(), Constants.R_TAGS + name, "Tag " + name + " already exists at commit "
                    + existing.commitId().name() + ", not at " + commit.name()
                    + "; a release tag is never moved: delete it by hand if it is wrong");
        }
        Ref local = exactRef(Constants.R_TAGS + name);
        if (local == null) {
            fetch(List.of(new RefSpec(Constants.R_TAGS + name + ":" + Constants.R_TAGS + name)));
        }
        return true;
    }

    private Ref exactRef(String ref) {
        try {
            return repository().exactRef(ref);
        } catch (IOException e) {
            throw new GitException(remote(), ref, "Cannot read local ref: " + e.getMessage(), e);
        }
    }

    private void setLocalRef(String ref, ObjectId id) {
        try {
            RefUpdate update = repository().updateRef(ref);
            update.setNewObjectId(id);
            update.setForceUpdate(true); // local bookkeeping only; the remote is the truth
            update.update();
        } catch (IOException e) {
            throw new GitException(remote(), ref, "Cannot update local ref: " + e.getMessage(), e);
        }
    }

    /**
     * Pushes {@code changes}, each a compare-and-swap on the remote. With {@code atomic}, the remote
     * applies all or none. Objects the new ids need must exist locally. Rejections are reported in
     * the outcome; only transport failures throw.
     */
    public PushOutcome push(List<RefChange> changes, boolean atomic) {
        String refs = changes.stream().map(RefChange::remoteRef).collect(Collectors.joining(", "));
        try (Transport transport = Transport.open(repository(), new URIish(remoteUrl))) {
            transport.setCredentialsProvider(credentials);
            transport.setPushAtomic(atomic);
            List<RemoteRefUpdate> updates = new ArrayList<>();
            for (RefChange change : changes) {
                String tracking = change.remoteRef().startsWith(Constants.R_HEADS)
                        ? "refs/remotes/" + REMOTE + "/" + change.remoteRef().substring(Constants.R_HEADS.length())
                        : null;
                updates.add(new RemoteRefUpdate(repository(), (String) null, change.newId(), change.remoteRef(),
                        false, tracking, change.expectedOldId()));
            }
            PushResult result = transport.push(NullProgressMonitor.INSTANCE, updates);
            Map<String, RemoteRefUpdate.Status> statuses = new LinkedHashMap<>();
            Map<String, String> messages = new LinkedHashMap<>();
            for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                statuses.put(update.getRemoteName(), update.getStatus());
                if (update.getMessage() != null) {
                    messages.put(update.getRemoteName(), update.getMessage());
                }
            }
            return new PushOutcome(remote(), statuses, messages);
        } catch (IOException | URISyntaxException e) {
            throw new GitException(remote(), refs, "Push failed: " + e.getMessage(), e);
        }
    }

    private Collection<Ref> advertised() {
        try (Transport transport = Transport.open(repository(), new URIish(remoteUrl))) {
            transport.setCredentialsProvider(credentials);
            try (FetchConnection connection = transport.openFetch()) {
                return connection.getRefs();
            }
        } catch (IOException | URISyntaxException e) {
            throw new GitException(remote(), null, "Cannot list the remote's refs: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        git.close();
    }

    /** {@code url} without the password of any user info it embeds. */
    static String safe(String url) {
        if (url == null) {
            return null;
        }
        try {
            URIish uri = new URIish(url);
            return uri.getPass() == null ? url : uri.setPass(null).toString();
        } catch (URISyntaxException e) {
            return url.replaceAll("//[^/@]*@", "//");
        }
    }
}

package io.gravitee.release.gio.ledger;

import io.gravitee.release.gio.git.GitException;
import io.gravitee.release.gio.git.GitRepository;
import io.gravitee.release.gio.git.PushOutcome;
import io.gravitee.release.gio.git.RefChange;
import io.gravitee.release.gio.log.Console;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A git-backed ledger: a working clone of a ledger repository whose every update is one commit
 * pushed with optimistic concurrency. A rejected push (the branch moved) means fetch, re-apply
 * the change on the new head, retry, a bounded number of times with backoff. Nothing is ever
 * force-pushed. While a {@link Lease} is held, every push is atomic with a renewal of the lease,
 * so a holder whose lease was taken over cannot write.
 *
 * <p>Each commit carries a {@code Gio-Transition} trailer per component move. A process killed
 * between its local commit and its push leaves that commit in the clone; {@link #open} replays
 * such commits on the remote head (moves already present are skipped, moves that no longer make
 * sense fail loudly) and pushes them, so no transition is lost or recorded twice. Recovery pushes
 * before any lease is taken: it only re-records what the dead run did, each move checked against
 * the remote's current state. An update that throws (push refused or remote unreachable) leaves
 * nothing to replay: its caller was told the change is not recorded and must not act on it.
 */
public final class Ledger implements AutoCloseable {

    private static final int MAX_ATTEMPTS = 30;
    private static final int LOCKED_ATTEMPTS = 6;
    private static final String BACKUP_REF = "refs/gio/unpushed";
    /** An index lock older than this has no live writer: git writes a small index in milliseconds. */
    private static final Duration STALE_INDEX_LOCK = Duration.ofSeconds(1);

    private final LedgerLocation location;
    private final GitRepository repository;
    private final Console console;
    private final Supplier<Instant> clock;
    private final Map<String, String> env;
    private final String branchRef;
    private final String trackingRef;
    private Lease lease;
    /**
     * Why the replay of commits a killed run left unpushed waits: the remote's ledger branch was locked (lock files a
     * process killed mid-push left). Only the lease's holder may remove those, so the replay runs again once the
     * lease is acquired; a ledger that never takes one fails its first update with this.
     */
    private LedgerException recoveryLocked;
    /** Test hook run right after the local commit, before its push. */
    Runnable afterLocalCommit = () -> {};

    private Ledger(LedgerLocation location, GitRepository repository, Console console, Supplier<Instant> clock,
            Map<String, String> env) {
        this.location = location;
        this.repository = repository;
        this.console = console;
        this.clock = clock;
        this.env = env;
        this.branchRef = Constants.R_HEADS + location.branch();
        this.trackingRef = "refs/remotes/origin/" + location.branch();
    }

    /**
     * Opens (cloning if needed) the ledger's working clone in {@code workDir}, fetches, and
     * recovers any commit a killed process left unpushed.
     */
    public static Ledger open(LedgerLocation location, Path workDir, Console console) {
        return open(location, workDir, console, Instant::now, System.getenv());
    }

    static Ledger open(LedgerLocation location, Path workDir, Console console, Supplier<Instant> clock,
            Map<String, String> env) {
        GitRepository repository = GitRepository.openOrInit(location.url(), location.credentials(), location.branch(),
                workDir);
        Ledger ledger = new Ledger(location, repository, console, clock, env);
        try {
            ledger.recover();
        } catch (RuntimeException e) {
            repository.close();
            throw e;
        }
        return ledger;
    }

    public LedgerLocation location() {
        return location;
    }

    public GitRepository repository() {
        return repository;
    }

    /** The remote branch head as last fetched or pushed; empty while the ledger has no commit. */
    public Optional<ObjectId> head() {
        return Optional.ofNullable(id(trackingRef));
    }

    /** The ledger state at the remote head (empty state before the first commit). */
    public LedgerState state() {
        return head().map(this::stateAt).orElseGet(() -> LedgerState.empty(location.lifecycle()));
    }

    /** The ledger state at a ref, tag or commit of the clone (fetch first to see new remote tags). */
    public LedgerState stateAt(String revision) {
        ObjectId commit = repository.resolveCommit(revision)
                .orElseThrow(() -> new LedgerException("No revision '" + revision + "' in the ledger " + location.url()));
        return stateAt(commit);
    }

    LedgerState stateAt(ObjectId commit) {
        String source = location.file() + " at " + commit.abbreviate(10).name();
        LedgerState state = repository.readFile(commit, location.file())
                .map(bytes -> LedgerState.fromJson(bytes, source))
                .orElseGet(() -> LedgerState.empty(location.lifecycle()));
        if (state.lifecycle() != location.lifecycle()) {
            throw new LedgerException("Ledger file " + source + " of " + repository.remote() + " tracks the "
                    + state.lifecycle().label() + " process, not " + location.lifecycle().label()
                    + ": give each process its own ledger file");
        }
        return state;
    }

    /** Another file of the ledger repository at a revision. */
    public Optional<byte[]> readFile(String revision, String path) {
        return repository.readFile(revision, path);
    }

    /** Fetches the remote (branches and tags). */
    public synchronized void fetch() {
        repository.fetch();
    }

    /**
     * Takes the orchestration lease of {@code releaseId} on the ledger's remote; from then on every
     * update also renews it. Close the returned lease (or this ledger) to release it.
     */
    public synchronized Lease acquireLease(String releaseId, LeaseOptions options) {
        return acquireLease(releaseId, options, List.of());
    }

    /**
     * As {@link #acquireLease(String, LeaseOptions)}, for a caller that also writes {@code guarded}
     * refs of the remote (full names, the release's tags say) only while holding this lease: lock
     * files a killed holder left on them are removed on takeover, as the ledger branch's are.
     */
    public synchronized Lease acquireLease(String releaseId, LeaseOptions options, Collection<String> guarded) {
        if (lease != null && !lease.isLost()) {
            throw new IllegalStateException("This ledger already holds the lease " + lease.ref());
        }
        List<String> refs = new ArrayList<>(guarded);
        refs.add(0, branchRef);
        lease = Lease.acquire(repository, releaseId, refs, options, env, console, clock);
        if (recoveryLocked != null) {
            recoveryLocked = null;
            repository.fetch();
            recover(); // the lease's takeover removed the dead holder's lock files: the replay can push now
        }
        return lease;
    }

    /**
     * Applies {@code change} to the ledger as one commit and pushes it, re-applying it on the new
     * remote head as long as pushes are rejected because someone else wrote first.
     *
     * @param message the commit's subject (and body); transition trailers are appended
     * @throws LeaseLostException when this process's lease was taken over: nothing was written
     */
    public synchronized UpdateResult update(String message, LedgerChange change) {
        if (recoveryLocked != null) {
            throw recoveryLocked;
        }
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            ObjectId base = id(trackingRef);
            LedgerState baseState = base == null ? LedgerState.empty(location.lifecycle()) : stateAt(base);
            LedgerDraft draft = new LedgerDraft(location.file(), baseState,
                    path -> base == null ? Optional.empty() : repository.readFile(base, path));
            try {
                change.apply(draft);
            } catch (IOException e) {
                throw new LedgerException("Ledger change '" + message + "' failed: " + e.getMessage(), e);
            }
            boolean fileExists = base != null && repository.readFile(base, location.file()).isPresent();
            Map<String, byte[]> files = draft.changedFiles(fileExists);
            if (files.isEmpty()) {
                resetTo(base);
                return new UpdateResult(Optional.empty(), attempt, List.of());
            }
            List<Transition> transitions = transitions(draft.baseState(), draft.state());
            ObjectId commit = commit(base, files, message, transitions);
            setLocalBranch(commit);
            afterLocalCommit.run();
            List<RefChange> changes = List.of(new RefChange(branchRef, commit, base == null ? ObjectId.zeroId() : base));
            PushOutcome outcome;
            try {
                outcome = lease == null ? repository.push(changes, false) : lease.pushWith(changes);
            } catch (LeaseLostException | GitException e) {
                // The caller learns the change is not recorded (so must not act on it): a later
                // open must not replay it either. If the push did land, the next fetch shows it.
                setLocalBranch(base);
                throw e;
            }
            if (outcome.accepted()) {
                resetTo(commit);
                return new UpdateResult(Optional.of(commit), attempt, transitions);
            }
            repository.fetch();
            ObjectId moved = id(trackingRef);
            if (java.util.Objects.equals(moved, base)) {
                setLocalBranch(base);
                if (outcome.lockFailed() && attempt < LOCKED_ATTEMPTS) {
                    // Another writer of the same repository (packed-refs) for a few milliseconds.
                    console.debug("Ledger push found the remote locked (" + outcome.describeRejections()
                            + "); retrying, attempt " + attempt);
                    backoff(attempt);
                    continue;
                }
                throw new LockedException("The ledger push to " + repository.remote() + " " + branchRef
                        + " was refused although the branch did not move: " + outcome.describeRejections() + "."
                        + repository.locks().hint(List.of(branchRef)));
            }
            console.debug("Ledger push raced (" + outcome.describeRejections() + "); re-applying, attempt " + attempt);
            backoff(attempt);
        }
        setLocalBranch(id(trackingRef));
        throw new LedgerException("Gave up updating the ledger " + repository.remote() + " " + branchRef + " after "
                + MAX_ATTEMPTS + " rejected pushes: too many concurrent writers ('" + message + "')");
    }

    /** The component moves from {@code before} to {@code after}, each checked against the state machine. */
    private List<Transition> transitions(LedgerState before, LedgerState after) {
        List<Transition> moves = new ArrayList<>();
        for (Map.Entry<String, ComponentEntry> entry : after.components().entrySet()) {
            ComponentState from = before.stateOf(entry.getKey());
            ComponentState to = after.stateOf(entry.getKey());
            if (!from.equals(to)) {
                if (!location.lifecycle().canReach(from, to)) {
                    throw new IllegalTransitionException(location.lifecycle(), entry.getKey(), from, to);
                }
                moves.add(new Transition(entry.getKey(), from.name(), to.name()));
            }
        }
        return moves;
    }

    private ObjectId commit(ObjectId base, Map<String, byte[]> files, String message, List<Transition> transitions) {
        try (ObjectInserter inserter = repository.repository().newObjectInserter();
                RevWalk walk = new RevWalk(repository.repository())) {
            Map<String, DirCacheEntry> entries = new TreeMap<>();
            if (base != null) {
                try (TreeWalk tree = new TreeWalk(repository.repository())) {
                    tree.addTree(walk.parseCommit(base).getTree());
                    tree.setRecursive(true);
                    while (tree.next()) {
                        DirCacheEntry entry = new DirCacheEntry(tree.getPathString());
                        entry.setFileMode(tree.getFileMode(0));
                        entry.setObjectId(tree.getObjectId(0));
                        entries.put(tree.getPathString(), entry);
                    }
                }
            }
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                DirCacheEntry entry = new DirCacheEntry(file.getKey());
                entry.setFileMode(FileMode.REGULAR_FILE);
                entry.setObjectId(inserter.insert(Constants.OBJ_BLOB, file.getValue()));
                entries.put(file.getKey(), entry);
            }
            DirCache index = DirCache.newInCore();
            DirCacheBuilder builder = index.builder();
            entries.values().forEach(builder::add);
            builder.finish();
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(index.writeTree(inserter));
            if (base != null) {
                commit.setParentId(base);
            }
            PersonIdent ident = new PersonIdent("gio", System.getProperty("user.name", "gio") + "@localhost");
            commit.setAuthor(ident);
            commit.setCommitter(ident);
            StringBuilder text = new StringBuilder(message.strip()).append('\n');
            if (!transitions.isEmpty()) {
                text.append('\n');
                transitions.forEach(t -> text.append(t.toTrailer()).append('\n'));
            }
            commit.setMessage(text.toString());
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            return id;
        } catch (IOException e) {
            throw new LedgerException("Cannot write the ledger commit in " + repository.workTree() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Replays commits a killed process left unpushed, then aligns the clone with the remote. */
    private void recover() {
        ObjectId local = id(branchRef);
        ObjectId backup = id(BACKUP_REF);
        List<RevCommit> unpushed = new ArrayList<>();
        if (local != null || backup != null) {
            try (RevWalk walk = new RevWalk(repository.repository())) {
                if (local != null) {
                    walk.markStart(walk.parseCommit(local));
                }
                if (backup != null) {
                    walk.markStart(walk.parseCommit(backup));
                }
                ObjectId remote = id(trackingRef);
                if (remote != null) {
                    walk.markUninteresting(walk.parseCommit(remote));
                }
                walk.sort(org.eclipse.jgit.revwalk.RevSort.TOPO, true);
                walk.sort(org.eclipse.jgit.revwalk.RevSort.REVERSE, true);
                for (RevCommit commit : walk) {
                    unpushed.add(commit);
                }
            } catch (IOException e) {
                throw new LedgerException("Cannot inspect the ledger clone " + repository.workTree() + ": "
                        + e.getMessage(), e);
            }
        }
        if (!unpushed.isEmpty()) {
            // Keep them reachable until every one is replayed: a crash during recovery loses nothing.
            setRef(BACKUP_REF, unpushed.get(unpushed.size() - 1));
            console.warn("The ledger clone " + repository.workTree() + " holds " + unpushed.size()
                    + " commit(s) a previous run did not push; replaying them on " + repository.remote());
            Recovery recovery = new Recovery(repository, location, console);
            try {
                for (RevCommit commit : unpushed) {
                    UpdateResult result = update(Transition.stripTrailers(commit.getFullMessage())
                            + "\n\nRecovered from unpushed commit " + commit.abbreviate(10).name(), recovery.replay(commit));
                    console.info("Recovered ledger commit " + commit.abbreviate(10).name() + " ("
                            + commit.getShortMessage() + "): " + (result.changed() ? result.transitions() + " pushed"
                                    : "already on the remote"));
                }
            } catch (LockedException e) {
                // BACKUP_REF keeps every unpushed commit: the replay runs again once the lease is taken.
                console.warn("The ledger's remote is locked; the unpushed commit(s) are replayed once the lease is"
                        + " taken (a takeover removes lock files a killed holder left)");
                recoveryLocked = e;
                resetTo(id(trackingRef));
                return;
            }
            setRef(BACKUP_REF, null);
        }
        resetTo(id(trackingRef));
    }

    /** A ledger push refused because the remote's ref is locked, the branch not having moved. */
    static final class LockedException extends LedgerException {
        LockedException(String message) {
            super(message);
        }
    }

    /** Sleeps before retry {@code attempt + 1}: growing, jittered, at most about a second. */
    static void backoff(int attempt) {
        long base = Math.min(1000, 20L << Math.min(attempt, 6));
        long millis = base / 2 + ThreadLocalRandom.current().nextLong(base);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerException("Interrupted while waiting to retry a write to the ledger's remote", e);
        }
    }

    private void resetTo(ObjectId commit) {
        if (commit != null) {
            setLocalBranch(commit);
            try {
                InterruptedWrite.removeIndexLockOlderThan(repository.repository(), Instant.now().minus(STALE_INDEX_LOCK))
                        .ifPresent(lock -> console.warn("Removed " + lock + ", left by a run killed while it moved the"
                                + " checkout's index"));
            } catch (IOException e) {
                console.warn("Cannot remove the checkout's stale index lock: " + e.getMessage()); // the reset says more
            }
            repository.resetHard(commit);
        }
    }

    private void setLocalBranch(ObjectId commit) {
        setRef(branchRef, commit);
    }

    private void setRef(String ref, ObjectId id) {
        try {
            RefUpdate update = repository.repository().updateRef(ref);
            update.setForceUpdate(true); // local refs only: the remote is only ever compare-and-swapped
            if (id == null) {
                if (repository.repository().exactRef(ref) != null && !ref.equals(branchRef)) {
                    update.delete();
                }
                return;
            }
            update.setNewObjectId(id);
            RefUpdate.Result result = update.update();
            if (result == RefUpdate.Result.LOCK_FAILURE || result == RefUpdate.Result.IO_FAILURE) {
                throw new IOException(result.name());
            }
        } catch (IOException e) {
            throw new GitException(repository.remote(), ref, "Cannot update the local ref: " + e.getMessage(), e);
        }
    }

    private ObjectId id(String ref) {
        try {
            Ref found = repository.repository().exactRef(ref);
            return found == null ? null : found.getObjectId();
        } catch (IOException e) {
            throw new GitException(repository.remote(), ref, "Cannot read the local ref: " + e.getMessage(), e);
        }
    }

    /** Releases the lease if held, then closes the clone. */
    @Override
    public synchronized void close() {
        if (lease != null) {
            lease.close();
        }
        repository.close();
    }
}

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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;

/**
 * "One orchestration of a release at a time", held on the ledger's remote as the ref
 * {@code refs/gio/locks/<release-id>}. Created by a push that requires the ref not to exist,
 * renewed by compare-and-swap every ttl/3 by a daemon thread and with every ledger push (the two
 * go in one atomic push, so a holder whose lease was taken over cannot write the ledger), and
 * deleted by compare-and-swap on {@link #close()}. Lease commits chain on their predecessor so no
 * update is ever a forced one.
 */
public final class Lease implements AutoCloseable {
    /** Longer than any live git writer holds a ref lock (milliseconds), shorter than a CI re-run takes to start. */
    private static final Duration LIVE_LOCK_MARGIN = Duration.ofSeconds(2);


    /** Prefix of lease refs on the ledger remote. */
    public static final String REF_PREFIX = "refs/gio/locks/";
    private static final String LOCAL_PREFIX = "refs/gio/remote-locks/";
    private static final int ACQUIRE_ATTEMPTS = 5;

    private final GitRepository repository;
    private final String releaseId;
    private final String ref;
    private final Console console;
    private final Supplier<Instant> clock;
    private final ScheduledExecutorService renewal;
    private ObjectId current;
    private LeaseRecord record;
    private boolean lost;
    private boolean released;

    private Lease(GitRepository repository, String releaseId, ObjectId current, LeaseRecord record, Console console,
            Supplier<Instant> clock) {
        this.repository = repository;
        this.releaseId = releaseId;
        this.ref = REF_PREFIX + releaseId;
        this.current = current;
        this.record = record;
        this.console = console;
        this.clock = clock;
        this.renewal = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gio-lease-" + releaseId);
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(100, record.ttl().toMillis() / 3);
        renewal.scheduleWithFixedDelay(this::renewQuietly, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Acquires the lease of {@code releaseId} on {@code repository}'s remote, taking over an expired
     * one (or a live one with {@code force}) and saying whose it was. {@code guarded} are the other
     * refs only written under this lease (the ledger's branch): lock files a killed holder left on
     * them, or on the lease itself, are removed once it is certain no live holder wrote them.
     *
     * @throws LeaseHeldException when a live lease is held by someone else
     */
    static Lease acquire(GitRepository repository, String releaseId, Collection<String> guarded, LeaseOptions options,
            Map<String, String> env, Console console, Supplier<Instant> clock) {
        String ref = REF_PREFIX + releaseId;
        if (!Repository.isValidRefName(ref)) {
            throw new IllegalArgumentException("'" + releaseId + "' cannot name a lease ref (" + ref + ")");
        }
        List<String> refs = new ArrayList<>(guarded);
        refs.add(ref);
        PushOutcome outcome = null;
        for (int attempt = 1; attempt <= ACQUIRE_ATTEMPTS; attempt++) {
            Instant now = clock.get();
            LeaseRecord mine = LeaseRecord.forThisProcess(env, options.note(), now, options.ttl());
            Optional<ObjectId> existing = repository.fetchRef(ref, LOCAL_PREFIX + releaseId);
            RefChange change;
            LeaseRecord previous = null;
            if (existing.isEmpty()) {
                change = RefChange.create(ref, leaseCommit(repository, mine, null, "acquire"));
            } else {
                previous = read(repository, existing.get(), ref);
                if (!previous.expired(now) && !options.force()) {
                    throw new LeaseHeldException(releaseId, previous);
                }
                change = RefChange.update(ref, existing.get(),
                        leaseCommit(repository, mine, existing.get(), "take over from " + previous.holder()));
            }
            removeStaleLocks(repository, refs, staleBefore(previous, options, now), now, console);
            outcome = repository.push(List.of(change), false);
            if (outcome.accepted()) {
                if (previous != null) {
                    console.warn(previous.expired(now)
                            ? "Took over the expired lease " + releaseId + " held by " + previous.describe()
                                    + " since " + previous.startedAt() + "; it expired at " + previous.expiresAt()
                            : "Forced takeover (gio.lock.force) of the live lease " + releaseId + " held by "
                                    + previous.describe() + " since " + previous.startedAt() + ", last renewed at "
                                    + previous.renewedAt());
                } else {
                    console.info("Acquired the lease " + releaseId + " (" + ref + ", ttl "
                            + options.ttl().toSeconds() + " s)");
                }
                return new Lease(repository, releaseId, change.newId(), mine, console, clock);
            }
            console.debug("Lease push raced (" + outcome.describeRejections() + "), attempt " + attempt);
            if (outcome.lockFailed()) {
                Ledger.backoff(attempt); // a live writer holds a ref lock for milliseconds
            }
        }
        if (outcome.lockFailed()) {
            throw new LedgerException("Could not acquire the lease " + ref + " on " + repository.remote() + ": "
                    + outcome.describeRejections() + "." + repository.locks().hint(refs)
                    + " gio removes them by itself once they are older than the lease's ttl.");
        }
        throw new LedgerException("Could not acquire the lease " + ref + " on " + repository.remote() + " after "
                + ACQUIRE_ATTEMPTS + " attempts: other processes keep changing it");
    }

    /**
     * Every write to {@code refs} happens under the lease and holds a ref lock for milliseconds, so
     * a lock file older than the lease's ttl, found while the lease is free or expired, was left by
     * a holder killed mid-push: without removing it nothing could ever write these refs again.
     */
    private static void removeStaleLocks(GitRepository repository, List<String> refs, Instant writtenBefore,
            Instant now, Console console) {
        for (Path lock : repository.locks().removeOlderThan(refs, writtenBefore)) {
            console.warn("Removed the lock file " + lock + ", left on the ledger's remote by a process killed while"
                    + " writing to it (written " + Duration.between(writtenBefore, now).toSeconds() + " s or more ago,"
                    + " while the lease was held by a run that is gone)");
        }
    }

    /**
     * Lock files written before this are a dead holder's. A free lease: older than the ttl. An expired one: written
     * while it was still held (before it expired) and not in the last seconds: its holder died holding them, since only
     * the lease's holder writes these refs and git holds a lock for milliseconds. A forced takeover of a live lease
     * keeps the ttl rule: its holder may still be pushing.
     */
    private static Instant staleBefore(LeaseRecord previous, LeaseOptions options, Instant now) {
        if (previous == null) {
            return now.minus(options.ttl());
        }
        if (!previous.expired(now)) {
            return now.minus(previous.ttl());
        }
        Instant margin = now.minus(LIVE_LOCK_MARGIN);
        return previous.expiresAt().isBefore(margin) ? previous.expiresAt() : margin;
    }

    /** The lease ref on the remote. */
    public String ref() {
        return ref;
    }

    /** Who holds it (this process) and since when. */
    public synchronized LeaseRecord record() {
        return record;
    }

    /**
     * Pushes {@code changes} atomically together with a renewal of this lease. Returns the outcome
     * when the push was refused for a reason other than the lease (e.g. the ledger branch moved).
     *
     * @throws LeaseLostException when the lease was taken over: nothing was written
     */
    synchronized PushOutcome pushWith(List<RefChange> changes) {
        if (lost) {
            throw lostException(null);
        }
        if (released) {
            throw new LedgerException("The lease " + ref + " was released; take it again before writing");
        }
        LeaseRecord renewed = record.renewed(clock.get());
        ObjectId next = leaseCommit(repository, renewed, current, "renew");
        List<RefChange> all = new ArrayList<>(changes);
        all.add(RefChange.update(ref, current, next));
        PushOutcome outcome = repository.push(all, true);
        if (outcome.accepted()) {
            current = next;
            record = renewed;
            return outcome;
        }
        ObjectId remote = repository.remoteRefs().get(ref);
        if (next.equals(remote)) {
            // Another renewal path cannot exist (we hold the monitor), so this is our own push.
            current = next;
            record = renewed;
            return outcome;
        }
        if (!current.equals(remote)) {
            lost = true;
            renewal.shutdownNow();
            throw lostException(remote);
        }
        return outcome;
    }

    private LeaseLostException lostException(ObjectId remote) {
        String now = "";
        if (remote != null) {
            try {
                LeaseRecord other = read(repository, repository.fetchRef(ref, LOCAL_PREFIX + releaseId).orElseThrow(),
                        ref);
                now = " It is now held by " + other.describe() + " since " + other.startedAt() + ".";
            } catch (RuntimeException e) {
                now = " It no longer exists on the remote.";
            }
        }
        return new LeaseLostException("This process (" + record.describe() + ") lost the lease "
                + releaseId + " (" + ref + " on " + repository.remote() + "): it was taken over after it looked dead."
                + now + " Nothing more is written by this process; stop it.");
    }

    /** Renews the lease now. */
    public void renew() {
        PushOutcome outcome = pushWith(List.of());
        if (!outcome.accepted()) {
            throw new LedgerException("Could not renew the lease " + ref + ": " + outcome.describeRejections());
        }
    }

    private void renewQuietly() {
        try {
            renew();
        } catch (LeaseLostException e) {
            console.warn(e.getMessage());
        } catch (GitException | LedgerException e) {
            console.warn("Lease renewal failed, will retry: " + e.getMessage());
        }
    }

    /** Test hook: behave like a stalled holder that no longer renews. */
    void stopRenewing() {
        renewal.shutdownNow();
    }

    /** True once this process knows its lease was taken over. */
    public synchronized boolean isLost() {
        return lost;
    }

    /** Stops renewing and deletes the lease ref if it is still ours. */
    @Override
    public synchronized void close() {
        renewal.shutdownNow();
        if (lost || released) {
            return;
        }
        released = true;
        try {
            PushOutcome outcome = repository.push(List.of(RefChange.delete(ref, current)), false);
            if (outcome.accepted()) {
                console.info("Released the lease " + releaseId);
            } else {
                console.warn("Could not release the lease " + ref + " (" + outcome.describeRejections()
                        + "); it expires by itself at " + record.expiresAt());
            }
        } catch (GitException e) {
            console.warn("Could not release the lease " + ref + ": " + e.getMessage() + "; it expires by itself at "
                    + record.expiresAt());
        }
    }

    private static LeaseRecord read(GitRepository repository, ObjectId commit, String ref) {
        byte[] bytes = repository.readFile(commit, LeaseRecord.FILE)
                .orElseThrow(() -> new LedgerException("The lease at " + ref + " has no " + LeaseRecord.FILE
                        + "; delete that ref by hand if no orchestration is running"));
        return LeaseRecord.fromJson(bytes, ref);
    }

    private static ObjectId leaseCommit(GitRepository repository, LeaseRecord record, ObjectId parent, String what) {
        try (ObjectInserter inserter = repository.repository().newObjectInserter()) {
            ObjectId blob = inserter.insert(Constants.OBJ_BLOB, record.toJson());
            TreeFormatter tree = new TreeFormatter();
            tree.append(LeaseRecord.FILE, FileMode.REGULAR_FILE, blob);
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(inserter.insert(tree));
            if (parent != null) {
                commit.setParentId(parent);
            }
            PersonIdent ident = new PersonIdent("gio", "gio@localhost");
            commit.setAuthor(ident);
            commit.setCommitter(ident);
            commit.setMessage("gio lease: " + what + " by " + record.describe() + "\n");
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            return id;
        } catch (IOException e) {
            throw new GitException(repository.remote(), "lease", "Cannot write the lease commit: " + e.getMessage(), e);
        }
    }
}

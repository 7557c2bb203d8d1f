package io.gravitee.release.gio.staging;

import io.gravitee.release.gio.ledger.ComponentEntry;
import io.gravitee.release.gio.ledger.Ledger;
import io.gravitee.release.gio.ledger.LedgerDraft;
import io.gravitee.release.gio.ledger.LedgerLocation;
import io.gravitee.release.gio.ledger.LedgerState;
import io.gravitee.release.gio.ledger.Lifecycle;
import io.gravitee.release.gio.ledger.StagingState;
import io.gravitee.release.gio.log.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * One component's entry in the staging ledger. For {@code gio-staging:stage} run in a single component, the
 * ledger is the git repository of {@code -Dgio.ledger.url} when given, else a bare git repository created under
 * {@code target/gio/ledger.git} that serves as the ledger's remote: the same code path, the same commits and
 * crash recovery, only local (and wiped by {@code mvn clean}, which is why staging repositories are also
 * marked on the server).
 */
public final class StagingLedger implements AutoCloseable {
    /** The ledger file in the ledger repository. */
    public static final String FILE = "nexus-staging-ledger.json";
    /** The id key of the staging repository / deployment of the current attempt. */
    public static final String AREA_ID = "stagingRepositoryId";

    private final Ledger ledger;
    private final String component;
    private final boolean owned;
    private final MoveHook hook;

    /** Edits other files of the ledger repository in the same commit as a move (e.g. {@code nexus-staging.json}). */
    @FunctionalInterface
    public interface MoveHook {
        void onMove(LedgerDraft draft, StagingState to) throws IOException;
    }

    private StagingLedger(Ledger ledger, String component, boolean owned, MoveHook hook) {
        this.ledger = ledger;
        this.component = component;
        this.owned = owned;
        this.hook = hook;
    }

    /**
     * One component's entry in a ledger shared by the components of an orchestrated staging: closing it leaves
     * {@code ledger} open, and {@code hook} runs inside each move's commit.
     */
    public static StagingLedger shared(Ledger ledger, String component, MoveHook hook) {
        return new StagingLedger(ledger, component, false, hook);
    }

    /** The ledger at {@code location}, its working clone in {@code workDir}. */
    public static StagingLedger open(LedgerLocation location, Path workDir, String component, Console console) {
        return new StagingLedger(Ledger.open(location, workDir, console), component, true, (draft, to) -> { });
    }

    /** The location of a ledger in git at {@code url}, branch {@code branch}. */
    public static LedgerLocation remote(String url, String branch) {
        return new LedgerLocation(url, branch, null, FILE, Lifecycle.STAGING);
    }

    /** The local ledger under {@code gioDir} (e.g. {@code target/gio}), its bare remote created when absent. */
    public static LedgerLocation local(Path gioDir) {
        Path bare = gioDir.resolve("ledger.git").toAbsolutePath();
        if (!Files.isDirectory(bare)) {
            try {
                Files.createDirectories(bare);
                Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
            } catch (IOException | GitAPIException e) {
                throw new StagingException("Cannot create the local ledger " + bare + ": " + e.getMessage(), e);
            }
        }
        return remote(bare.toUri().toString(), "main");
    }

    public String component() {
        return component;
    }

    public Optional<ComponentEntry> entry() {
        ledger.fetch();
        return ledger.state().component(component);
    }

    public StagingState state() {
        return (StagingState) ledger.state().stateOf(component);
    }

    /**
     * Moves the component to {@code to} through the shortest legal path of the state machine, recording
     * {@code ids} and, for {@link StagingState#FAILED}, {@code error}; one commit.
     */
    public void move(String message, StagingState to, Map<String, String> ids, String error) {
        ledger.update(component + ": " + message, draft -> {
            LedgerState state = draft.state();
            Instant now = Instant.now();
            for (Map.Entry<String, String> id : ids.entrySet()) {
                state = state.withId(component, id.getKey(), id.getValue(), now);
            }
            StagingState from = (StagingState) state.stateOf(component);
            for (StagingState step : path(from, to)) {
                state = step == StagingState.FAILED ? state.fail(component, step, error == null ? message : error, now)
                        : state.transition(component, step, now);
            }
            draft.setState(state);
            hook.onMove(draft, to);
        });
    }

    /** The states to enter, in order, to go from {@code from} to {@code to}; empty when already there. */
    static List<StagingState> path(StagingState from, StagingState to) {
        Map<StagingState, StagingState> previous = new EnumMap<>(StagingState.class);
        Deque<StagingState> queue = new ArrayDeque<>(List.of(from));
        while (!queue.isEmpty() && !previous.containsKey(to) && from != to) {
            StagingState state = queue.poll();
            for (StagingState next : state.next()) {
                if (next != from && !previous.containsKey(next)) {
                    previous.put(next, state);
                    queue.add(next);
                }
            }
        }
        if (from == to) {
            return List.of();
        }
        if (!previous.containsKey(to)) {
            throw new StagingException("The staging ledger cannot move " + from + " to " + to);
        }
        List<StagingState> steps = new ArrayList<>();
        for (StagingState s = to; s != from; s = previous.get(s)) {
            steps.add(0, s);
        }
        return steps;
    }

    @Override
    public void close() {
        if (owned) {
            ledger.close();
        }
    }
}

package io.gravitee.release.gio.ledger;

import io.gravitee.release.gio.git.GitRepository;
import io.gravitee.release.gio.log.Console;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Turns a commit a killed process left unpushed into a {@link LedgerChange} that re-applies it on
 * whatever the remote holds now. Three-way per file and per ledger entry: where the remote still
 * has what the commit started from, the commit's version is taken; where it already has the
 * commit's version, nothing is done (a duplicate); otherwise the commit's {@code Gio-Transition}
 * trailers decide: a move already made is skipped, a move still possible is made, anything else
 * fails with a message naming the commit.
 */
final class Recovery {

    private final GitRepository repository;
    private final LedgerLocation location;
    private final Console console;

    Recovery(GitRepository repository, LedgerLocation location, Console console) {
        this.repository = repository;
        this.location = location;
        this.console = console;
    }

    LedgerChange replay(RevCommit commit) {
        RevCommit parent = commit.getParentCount() > 0 ? commit.getParent(0) : null;
        return draft -> {
            for (String path : changedPaths(parent, commit)) {
                if (path.equals(location.file())) {
                    draft.setState(mergeState(draft.state(), parent, commit));
                } else {
                    mergeFile(draft, path, parent, commit);
                }
            }
        };
    }

    private void mergeFile(LedgerDraft draft, String path, RevCommit parent, RevCommit commit) {
        byte[] old = parent == null ? null : repository.readFile(parent, path).orElse(null);
        byte[] mine = repository.readFile(commit, path).orElse(null);
        byte[] now = draft.read(path).orElse(null);
        if (Arrays.equals(now, mine)) {
            return;
        }
        if (!Arrays.equals(now, old)) {
            throw conflict(commit, path + " was changed on the remote too");
        }
        if (mine == null) {
            throw conflict(commit, "it deletes " + path + ", which a ledger change never does");
        }
        draft.write(path, mine);
    }

    private LedgerState mergeState(LedgerState now, RevCommit parent, RevCommit commit) {
        LedgerState old = parent == null ? LedgerState.empty(location.lifecycle()) : stateOf(parent);
        LedgerState mine = stateOf(commit);
        Map<String, Transition> moves = new HashMap<>();
        Transition.parseAll(commit.getFullMessage()).forEach(t -> moves.put(t.component(), t));
        LedgerState result = now;
        TreeSet<String> names = new TreeSet<>(old.components().keySet());
        names.addAll(mine.components().keySet());
        for (String name : names) {
            ComponentEntry was = old.components().get(name);
            ComponentEntry wanted = mine.components().get(name);
            ComponentEntry current = result.components().get(name);
            if (Objects.equals(was, wanted) || Objects.equals(current, wanted)) {
                continue;
            }
            if (Objects.equals(current, was)) {
                result = result.withEntry(name, wanted);
                continue;
            }
            // The remote changed this entry too: the trailer says what the commit meant.
            Transition move = moves.get(name);
            String currentState = result.stateOf(name).name();
            if (move == null) {
                if (wanted == null || current == null) {
                    throw conflict(commit, "entry " + name + " was changed on the remote too");
                }
                result = result.withEntry(name, withIds(current, was, wanted));
            } else if (currentState.equals(move.to())) {
                console.info("Skipping " + move.toTrailer() + " of commit " + commit.abbreviate(10).name()
                        + ": already recorded on the remote");
            } else if (currentState.equals(move.from()) && wanted != null) {
                ComponentEntry merged = current == null ? wanted : withIds(new ComponentEntry(wanted.state(),
                        Math.max(wanted.attempts(), current.attempts()), current.ids(), wanted.startedAt(),
                        wanted.updatedAt(), wanted.lastError()), was, wanted);
                result = result.withEntry(name, merged);
            } else {
                throw conflict(commit, "it moves " + name + " " + move.from() + " -> " + move.to()
                        + " but the remote has it in " + currentState);
            }
        }
        Map<String, String> props = new TreeMap<>(result.properties());
        TreeSet<String> keys = new TreeSet<>(old.properties().keySet());
        keys.addAll(mine.properties().keySet());
        for (String key : keys) {
            String was = old.properties().get(key);
            String wanted = mine.properties().get(key);
            String current = props.get(key);
            if (Objects.equals(was, wanted) || Objects.equals(current, wanted)) {
                continue;
            }
            if (!Objects.equals(current, was)) {
                throw conflict(commit, "property " + key + " was changed on the remote too");
            }
            result = result.withProperty(key, wanted);
        }
        return result;
    }

    /** {@code current} plus the ids the commit added or changed relative to {@code was}. */
    private static ComponentEntry withIds(ComponentEntry current, ComponentEntry was, ComponentEntry wanted) {
        Map<String, String> ids = new TreeMap<>(current.ids());
        Map<String, String> before = was == null ? Map.of() : was.ids();
        wanted.ids().forEach((key, value) -> {
            if (!value.equals(before.get(key))) {
                ids.put(key, value);
            }
        });
        return new ComponentEntry(current.state(), current.attempts(), ids, current.startedAt(), current.updatedAt(),
                current.lastError());
    }

    private LedgerState stateOf(RevCommit commit) {
        Optional<byte[]> bytes = repository.readFile(commit, location.file());
        return bytes.map(b -> LedgerState.fromJson(b, location.file() + " at " + commit.abbreviate(10).name()))
                .orElseGet(() -> LedgerState.empty(location.lifecycle()));
    }

    private TreeSet<String> changedPaths(RevCommit parent, RevCommit commit) throws IOException {
        TreeSet<String> paths = new TreeSet<>();
        try (RevWalk walk = new RevWalk(repository.repository());
                TreeWalk tree = new TreeWalk(repository.repository())) {
            if (parent == null) {
                tree.addTree(new org.eclipse.jgit.treewalk.EmptyTreeIterator());
            } else {
                tree.addTree(walk.parseCommit(parent).getTree());
            }
            tree.addTree(walk.parseCommit(commit).getTree());
            tree.setRecursive(true);
            tree.setFilter(TreeFilter.ANY_DIFF);
            while (tree.next()) {
                paths.add(tree.getPathString());
            }
        }
        return paths;
    }

    private LedgerException conflict(RevCommit commit, String why) {
        return new LedgerException("Cannot replay the unpushed ledger commit " + commit.abbreviate(10).name() + " ('"
                + commit.getShortMessage() + "') of " + repository.workTree() + ": " + why
                + ". The commit is kept there (ref " + "refs/gio/unpushed" + "); apply what it records by hand, "
                + "then delete that ref.");
    }
}

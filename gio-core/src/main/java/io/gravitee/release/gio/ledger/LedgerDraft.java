package io.gravitee.release.gio.ledger;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The ledger files as of one commit, changed in memory by a {@link LedgerChange}. Nothing reaches
 * the disk or the remote unless the whole change succeeds.
 */
public final class LedgerDraft {

    private final String ledgerFile;
    private final Function<String, Optional<byte[]>> base;
    private final Map<String, byte[]> writes = new LinkedHashMap<>();
    private final LedgerState baseState;
    private LedgerState state;

    LedgerDraft(String ledgerFile, LedgerState baseState, Function<String, Optional<byte[]>> base) {
        this.ledgerFile = ledgerFile;
        this.base = base;
        this.baseState = baseState;
        this.state = baseState;
    }

    /** The ledger state, with this change's edits so far. */
    public LedgerState state() {
        return state;
    }

    /** Replaces the ledger state (its moves are checked against the state machine at commit). */
    public void setState(LedgerState state) {
        if (state.lifecycle() != baseState.lifecycle()) {
            throw new IllegalArgumentException("Ledger " + ledgerFile + " tracks the " + baseState.lifecycle().label()
                    + " lifecycle, not " + state.lifecycle().label());
        }
        this.state = Objects.requireNonNull(state);
    }

    /** A file of the ledger repository (e.g. {@code release.json}) with this change's edits. */
    public Optional<byte[]> read(String path) {
        if (path.equals(ledgerFile)) {
            throw new IllegalArgumentException(ledgerFile + " is the ledger state: use state()");
        }
        byte[] written = writes.get(path);
        return written != null ? Optional.of(written.clone()) : base.apply(path);
    }

    public Optional<String> readString(String path) {
        return read(path).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    /** Writes a file of the ledger repository (any file but the ledger state itself). */
    public void write(String path, byte[] content) {
        if (path.equals(ledgerFile)) {
            throw new IllegalArgumentException(ledgerFile + " is the ledger state: use setState()");
        }
        if (path.startsWith("/") || path.contains("..") || path.startsWith(".git")) {
            throw new IllegalArgumentException("'" + path + "' is not a path inside the ledger repository");
        }
        writes.put(path, content.clone());
    }

    public void writeString(String path, String content) {
        write(path, content.getBytes(StandardCharsets.UTF_8));
    }

    LedgerState baseState() {
        return baseState;
    }

    /** The files whose content differs from the base, ledger state included. */
    Map<String, byte[]> changedFiles(boolean ledgerFileExists) {
        Map<String, byte[]> changed = new LinkedHashMap<>();
        writes.forEach((path, content) -> {
            if (!Arrays.equals(base.apply(path).orElse(null), content)) {
                changed.put(path, content);
            }
        });
        if (!state.equals(baseState) || (!ledgerFileExists && !changed.isEmpty())) {
            changed.put(ledgerFile, state.toJson());
        }
        return changed;
    }
}

package io.gravitee.release.gio.staging;

import io.gravitee.release.gio.ledger.ComponentEntry;
import io.gravitee.release.gio.ledger.StagingState;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.staging.StageOutcome.Result;
import io.gravitee.release.gio.staging.backend.PollTimeoutException;
import io.gravitee.release.gio.staging.backend.StagedFile;
import io.gravitee.release.gio.staging.backend.StagingArea;
import io.gravitee.release.gio.staging.backend.StagingArea.Status;
import io.gravitee.release.gio.staging.backend.StagingBackend;
import io.gravitee.release.gio.staging.backend.StagingTarget;
import io.gravitee.release.gio.staging.resolve.ReleasedModule;
import io.gravitee.release.gio.staging.resolve.ResolvedComponent;
import io.gravitee.release.gio.transfer.Background;
import io.gravitee.release.gio.transfer.Progress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Stages one resolved and validated component through a backend, resumably. The ledger records the
 * staging area's id before the first upload and each outcome right after; a run first reconciles with
 * what is already true: every file already public means published (nothing uploaded); a staging area left
 * by an earlier attempt (from the ledger, or found by its marker where the server can list) is finished when
 * it was verified, awaited when the server is still working on it, and dropped when open or failed. A
 * released area is never uploaded into and a verified one is never released twice.
 */
public final class StagingService {

    /**
     * @param dryRun        read and check only: no ledger, nothing written on the server
     * @param autoRelease   release once closed; otherwise stop at {@code CLOSED}
     * @param keepOnFailure leave a failed staging repository for inspection instead of dropping it
     * @param verifyTimeout how long to wait for a close
     * @param publishTimeout how long to wait for a release
     */
    public record Options(boolean dryRun, boolean autoRelease, boolean keepOnFailure, Duration verifyTimeout,
            Duration publishTimeout) {
        public static Options defaults() {
            return new Options(false, true, false, Duration.ofMinutes(15), Duration.ofMinutes(15));
        }
    }

    private final StagingBackend backend;
    private final Supplier<StagingLedger> ledgerOpener;
    private final Console console;
    private final Options options;

    /** @param ledgerOpener opens the ledger; not called in dry runs */
    public StagingService(StagingBackend backend, Supplier<StagingLedger> ledgerOpener, Console console, Options options) {
        this.backend = backend;
        this.ledgerOpener = ledgerOpener;
        this.console = console;
        this.options = options;
    }

    public StageOutcome stage(ResolvedComponent component) {
        try (EarlyReads reads = new EarlyReads(backend, options.dryRun())) {
            return stage(component, reads);
        }
    }

    /** The target of {@code root}: what the backend's preflight needs. */
    public static StagingTarget target(ReleasedModule root) {
        return new StagingTarget(root.groupId(), root.artifactId(), root.version());
    }

    /**
     * As {@link #stage(ResolvedComponent)}, with the reads {@code early} started while {@code component} was
     * prepared; what it has not started yet is started here.
     */
    public StageOutcome stage(ResolvedComponent component, EarlyReads early) {
        long start = System.nanoTime();
        StagingTarget target = target(component.root());
        // The public repository's checks (round trips, one per file in the worst case) run while the profile and the
        // ledger are read; the listing of earlier attempts' areas needs the profile, and runs while the ledger is read.
        if (early.files() == null) {
            early.resolved(component);
        }
        List<StagedFile> files = early.files();
        CompletableFuture<Integer> published = early.published();
        List<String> notes = new ArrayList<>();
        CompletableFuture<List<StagingArea>> leftovers = null;
        try {
            if (early.preflight() != null) {
                Background.join(early.preflight());
            } else {
                backend.preflight(target);
            }
            if (options.dryRun()) {
                int present = Background.join(published);
                long bytes = files.stream().mapToLong(StagedFile::size).sum();
                notes.add(present > 0 ? present + " file(s) already public: would mark it published if all are"
                        : "would open a staging repository marked '" + target.marker() + "', upload " + files.size()
                                + " files (" + Progress.bytes(bytes) + "), close" + (options.autoRelease() ? " and release" : ""));
                notes.forEach(n -> console.info("[dry run] " + n));
                return outcome(target, Result.DRY_RUN, null, 0, 0, start, notes);
            }
            leftovers = Background.supply("gio-leftovers", () -> backend.findByMarker(target));
            try (StagingLedger ledger = ledgerOpener.get()) {
                return stage(target, files, ledger, new Surveys(published, leftovers), notes, start);
            }
        } finally {
            // Not one request of this component outlives the call, whichever way it ends.
            CompletableFuture.allOf(published, leftovers == null ? published : leftovers).exceptionally(e -> null).join();
        }
    }

    /** What the server was asked before the ledger was read: the public repository's files, earlier attempts' areas. */
    private record Surveys(CompletableFuture<Integer> published, CompletableFuture<List<StagingArea>> leftovers) {}

    private StageOutcome stage(StagingTarget target, List<StagedFile> files, StagingLedger ledger, Surveys surveys,
            List<String> notes, long start) {
        Optional<ComponentEntry> entry = ledger.entry();
        String recordedVersion = entry.map(e -> e.ids().get("version")).orElse(null);
        if (ledger.state() == StagingState.PUBLISHED) {
            if (target.version().equals(recordedVersion)) {
                notes.add("the ledger records " + target.version() + " as published");
                return outcome(target, Result.ALREADY_PUBLISHED, entry.get().ids().get(StagingLedger.AREA_ID), 0, 0,
                        start, notes);
            }
            throw new StagingException("The staging ledger records " + ledger.component() + " " + recordedVersion
                    + " as published; it cannot track " + target.version() + " too: use another ledger branch"
                    + " (-Dgio.ledger.branch) or a clean target/gio");
        }
        Map<String, String> version = Map.of("version", target.version());
        int artifacts = (int) files.stream().filter(f -> !f.isChecksum()).count();
        int present = Background.join(surveys.published());
        if (present == artifacts) {
            ledger.move("all files already public", StagingState.PUBLISHED, version, null);
            notes.add("all " + artifacts + " files are already in the public repository: marked published, nothing uploaded");
            for (StagingArea leftover : Background.join(surveys.leftovers())) {
                if (leftover.status() != Status.PUBLISHED && leftover.status() != Status.GONE) {
                    dropLeftover(leftover, ledger, notes, false); // e.g. a staged copy a crash left after promotion
                }
            }
            return outcome(target, Result.ALREADY_PUBLISHED, null, 0, 0, start, notes);
        }
        if (present > 0 && !backend.completesPartialPublication()) {
            throw new StagingException(present + " of " + artifacts + " files of " + target.marker() + " are already"
                    + " public but not all: a partial publication cannot be completed by uploading again; check the"
                    + " public repository");
        }
        Optional<StageOutcome> resumed = reconcile(target, entry, Background.join(surveys.leftovers()), ledger, notes,
                start);
        if (resumed.isPresent()) {
            return resumed.get();
        }
        return attempt(target, files, ledger, notes, start);
    }

    /** Finishes, awaits or drops what earlier attempts left on the server. */
    private Optional<StageOutcome> reconcile(StagingTarget target, Optional<ComponentEntry> entry,
            List<StagingArea> leftovers, StagingLedger ledger, List<String> notes, long start) {
        Map<String, StagingArea> candidates = new LinkedHashMap<>();
        String recorded = entry.map(e -> e.ids().get(StagingLedger.AREA_ID)).orElse(null);
        StagingState state = ledger.state();
        if (recorded != null && (state == StagingState.STAGING || state == StagingState.CLOSED
                || state == StagingState.FAILED)) {
            candidates.put(recorded, backend.inspect(recorded));
        }
        for (StagingArea found : leftovers) {
            candidates.putIfAbsent(found.id(), found);
        }
        StageOutcome finished = null;
        for (StagingArea area : candidates.values()) {
            if (finished != null) {
                if (area.status() != Status.PUBLISHED && area.status() != Status.GONE) {
                    dropLeftover(area, ledger, notes, false);
                }
                continue;
            }
            Map<String, String> ids = Map.of("version", target.version(), StagingLedger.AREA_ID, area.id());
            StagingArea current = area;
            if (current.status() == Status.VERIFYING) {
                console.info("Staging repository " + area.id() + " of an earlier attempt is closing: waiting for it");
                current = backend.verify(current, options.verifyTimeout());
            }
            switch (current.status()) {
                case VERIFIED, PUBLISHING -> {
                    if (!options.autoRelease() && current.status() == Status.VERIFIED) {
                        ledger.move("closed by an earlier attempt", StagingState.CLOSED, ids, null);
                        notes.add(area.id() + " was closed by an earlier attempt; release it (autoRelease is off)");
                        finished = outcome(target, Result.CLOSED, area.id(), 0, 0, start, notes);
                        continue;
                    }
                    ledger.move("closed by an earlier attempt", StagingState.CLOSED, ids, null);
                    notes.add("finished " + area.id() + " left " + current.status().name().toLowerCase() + " by an earlier attempt");
                    finished = publish(target, current, ledger, ids, notes, start, 0, 0);
                }
                case PUBLISHED -> {
                    ledger.move("released by an earlier attempt", StagingState.PUBLISHED, ids, null);
                    notes.add(area.id() + " was already released by an earlier attempt");
                    finished = outcome(target, Result.ALREADY_PUBLISHED, area.id(), 0, 0, start, notes);
                }
                case OPEN, FAILED -> dropLeftover(current, ledger, notes, area.id().equals(recorded));
                default -> { }
            }
        }
        return Optional.ofNullable(finished);
    }

    private void dropLeftover(StagingArea area, StagingLedger ledger, List<String> notes, boolean recorded) {
        Optional<String> refusal = backend.drop(area);
        notes.add(refusal.map(r -> "left " + area.id() + " of an earlier attempt: " + r)
                .orElse("dropped " + area.id() + " (" + area.status().name().toLowerCase() + ") of an earlier attempt"));
        if (recorded && ledger.state() != StagingState.DROPPED) {
            StagingState now = ledger.state();
            if (now == StagingState.STAGING || now == StagingState.CLOSED || now == StagingState.FAILED) {
                ledger.move("earlier attempt's repository " + (refusal.isEmpty() ? "dropped" : "abandoned"),
                        StagingState.DROPPED, Map.of(), null);
            }
        }
    }

    private StageOutcome attempt(StagingTarget target, List<StagedFile> files, StagingLedger ledger, List<String> notes,
            long start) {
        // One commit records both "validated" and the opened area's id, before the first upload: a crash between the
        // open and that commit leaves an area the next run finds by its marker and drops. One ledger push fewer per
        // component matters: pushes are serialised, and on a real git server each costs a round trip or more.
        StagingArea area = backend.open(target);
        Map<String, String> ids = Map.of("version", target.version(), StagingLedger.AREA_ID, area.id());
        ledger.move("validated, staging into " + area.id(), StagingState.STAGING, ids, null);
        long bytes = files.stream().mapToLong(StagedFile::size).sum();
        try {
            area = backend.upload(area, files, Progress.of("Upload to " + area.id(), files.size(), bytes, console));
            if (!area.id().equals(ids.get(StagingLedger.AREA_ID))) {
                // The server named the area only now (Central's deployment id): recorded before the first poll.
                ids = Map.of("version", target.version(), StagingLedger.AREA_ID, area.id());
                ledger.move("uploaded as " + area.id(), StagingState.STAGING, ids, null);
            }
            area = backend.verify(area, options.verifyTimeout());
            if (area.status() != Status.VERIFIED) {
                throw new StagingException("Closing staging repository " + area.id() + " failed:\n  - "
                        + String.join("\n  - ", area.problems().isEmpty() ? List.of(area.status().name()) : area.problems()));
            }
            ledger.move("closed " + area.id(), StagingState.CLOSED, ids, null);
            if (!options.autoRelease()) {
                notes.add("closed " + area.id() + "; not released (autoRelease is off)");
                return outcome(target, Result.CLOSED, area.id(), files.size(), bytes, start, notes);
            }
            return publish(target, area, ledger, ids, notes, start, files.size(), bytes);
        } catch (PollTimeoutException e) {
            notes.add(e.getMessage());
            throw e;
        } catch (StagingException e) {
            ledger.move("failed", StagingState.FAILED, ids, e.getMessage());
            if (options.keepOnFailure()) {
                notes.add("kept " + area.id() + " for inspection (keepOnFailure)");
            } else {
                StagingArea failed = area;
                backend.drop(failed).ifPresentOrElse(r -> notes.add("could not drop " + failed.id() + ": " + r), () -> {
                    ledger.move("dropped " + failed.id(), StagingState.DROPPED, Map.of(), null);
                    notes.add("dropped " + failed.id());
                });
            }
            throw new StagingException(e.getMessage() + "\n" + String.join("\n", notes), e);
        }
    }

    private StageOutcome publish(StagingTarget target, StagingArea area, StagingLedger ledger, Map<String, String> ids,
            List<String> notes, long start, int files, long bytes) {
        StagingArea released = backend.publish(area, options.publishTimeout());
        if (released.status() != Status.PUBLISHED) {
            throw new StagingException("Releasing staging repository " + area.id() + " failed:\n  - "
                    + String.join("\n  - ", released.problems().isEmpty() ? List.of(released.status().name())
                            : released.problems()));
        }
        ledger.move("released " + area.id(), StagingState.PUBLISHED, ids, null);
        console.info("Released " + target.marker() + " from " + area.id());
        return outcome(target, Result.PUBLISHED, area.id(), files, bytes, start, notes);
    }

    private static StageOutcome outcome(StagingTarget target, Result result, String areaId, int files, long bytes,
            long start, List<String> notes) {
        return new StageOutcome(target.artifactId(), target.version(), result, areaId, files, bytes,
                Duration.ofNanos(System.nanoTime() - start), notes);
    }
}

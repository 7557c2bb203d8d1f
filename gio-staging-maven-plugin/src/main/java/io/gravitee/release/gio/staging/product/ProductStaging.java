package io.gravitee.release.gio.staging.product;

import io.gravitee.release.gio.git.GitException;
import io.gravitee.release.gio.git.TagInfo;
import io.gravitee.release.gio.ledger.Lease;
import io.gravitee.release.gio.ledger.Ledger;
import io.gravitee.release.gio.ledger.LedgerDraft;
import io.gravitee.release.gio.ledger.LedgerException;
import io.gravitee.release.gio.ledger.LedgerLocation;
import io.gravitee.release.gio.ledger.LedgerState;
import io.gravitee.release.gio.ledger.Lifecycle;
import io.gravitee.release.gio.ledger.StagingState;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.manifest.Component;
import io.gravitee.release.gio.manifest.Manifest;
import io.gravitee.release.gio.manifest.ManifestException;
import io.gravitee.release.gio.manifest.Version;
import io.gravitee.release.gio.staging.EarlyReads;
import io.gravitee.release.gio.staging.StageOutcome;
import io.gravitee.release.gio.staging.StageOutcome.Result;
import io.gravitee.release.gio.staging.StagingException;
import io.gravitee.release.gio.staging.StagingLedger;
import io.gravitee.release.gio.staging.StagingService;
import io.gravitee.release.gio.staging.backend.PollTimeoutException;
import io.gravitee.release.gio.staging.backend.StagingBackend;
import io.gravitee.release.gio.staging.resolve.ReleasedModule;
import io.gravitee.release.gio.staging.resolve.ResolvedComponent;
import io.gravitee.release.gio.staging.validate.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * The orchestrated staging of a released product, run in its release repository checkout: builds
 * {@code nexus-staging.json} on the first run (see {@link StagingManifest}), then stages every component still
 * pending in it, in parallel, each one cloned at its release tag, resolved from the private repository,
 * validated and staged by the resumable {@link StagingService}. Every move is a commit of
 * {@code nexus-staging-ledger.json} (staging repository ids before the first upload), and the move to
 * {@code PUBLISHED} strips the component's {@code -SNAPSHOT} in {@code nexus-staging.json} in the same commit,
 * so the two files never disagree. With {@code atomic}, the whole product is one staging area published all or
 * nothing: nothing is opened unless every component resolves and validates, and any failure drops it.
 */
public final class ProductStaging {
    /** The ledger entry of the product-wide staging area ({@code atomic}). */
    public static final String PRODUCT_ENTRY = "_product";

    /** Components prepared at once: the cores, at least two so that one slow clone does not stall the others. */
    private static final int PREPARING = Math.max(2, Runtime.getRuntime().availableProcessors());

    private final StageAllRequest request;
    private final Semaphore preparing = new Semaphore(PREPARING);
    private final Console console;

    public ProductStaging(StageAllRequest request, Console console) {
        this.request = request;
        this.console = console;
    }

    public StageAllReport run() {
        long started = System.nanoTime();
        ReleaseCheckout checkout = ReleaseCheckout.check(request.checkout(), request.dryRun());
        LedgerLocation location = new LedgerLocation(checkout.origin(), checkout.branch(),
                request.gitCredentials().orElse(null), StagingManifest.LEDGER_FILE, Lifecycle.STAGING);
        try (Ledger ledger = Ledger.open(location, request.checkout(), console)) {
            Version product = productVersion(ledger);
            Optional<Manifest> existing = readManifest(ledger, ledger.head().map(h -> h.name()), StagingManifest.FILE)
                    .filter(m -> m.version().release().equals(product));
            Manifest staging = existing.isPresent() ? existing.get() : StagingManifest.build(
                    readManifest(ledger, Optional.of("refs/tags/" + product + "_START"), request.manifest()).orElseThrow(
                            () -> new StagingException("No " + request.manifest() + " at tag " + product + "_START")),
                    readManifest(ledger, Optional.of("refs/tags/" + product), request.manifest()).orElseThrow(
                            () -> new StagingException("No " + request.manifest() + " at tag " + product)), product);
            List<String> notes = new ArrayList<>();
            LedgerState state = existing.isPresent() ? ledger.state() : LedgerState.empty(Lifecycle.STAGING);
            List<Component> pending = StagingManifest.toStage(staging).stream()
                    .filter(c -> state.stateOf(c.name()) != StagingState.PUBLISHED).toList();
            console.info("Staging " + staging.name() + " " + product + ": " + pending.size() + " component(s) to stage"
                    + (existing.isPresent() ? " (resumed from " + StagingManifest.FILE + ")" : "")
                    + (request.atomic() ? ", all in one staging repository" : ""));
            if (request.dryRun()) {
                notes.add(existing.isPresent() ? "Dry run: nothing was written." : "Dry run: would commit "
                        + StagingManifest.FILE + " (" + StagingManifest.toStage(staging).size()
                        + " components to stage); nothing was written.");
                return report(staging, product, stage(null, pending, product, staging.name()), notes, started);
            }
            try (Lease lease = ledger.acquireLease("staging-" + product, request.lease())) {
                if (existing.isEmpty()) {
                    Manifest initial = staging;
                    ledger.update("Stage " + product + ": " + StagingManifest.FILE + " from " + product + "_START", draft -> {
                        draft.writeString(StagingManifest.FILE, initial.toJson());
                        draft.setState(LedgerState.empty(Lifecycle.STAGING).withProperty("release", product.toString()));
                    });
                    notes.add("Committed " + StagingManifest.FILE + " built from tags " + product + "_START and " + product + ".");
                }
                List<StageOutcome> rows = stage(ledger, pending, product, staging.name());
                if (pending.isEmpty()) {
                    notes.add("Nothing to stage: every component of " + product + " is published.");
                } else if (rows.stream().anyMatch(r -> r.result() == Result.FAILED || r.result() == Result.IN_PROGRESS)) {
                    notes.add("The staging is not complete; every success is in the ledger. Fix the cause and run"
                            + " stage-all again: it resumes with what is left.");
                }
                return report(readManifest(ledger, ledger.head().map(h -> h.name()), StagingManifest.FILE).orElse(staging),
                        product, rows, notes, started);
            }
        }
    }

    private StageAllReport report(Manifest staging, Version product, List<StageOutcome> rows, List<String> notes,
            long started) {
        return new StageAllReport(staging.name(), product.toString(), request.dryRun(), request.atomic(), rows, notes,
                Duration.ofNanos(System.nanoTime() - started));
    }

    private List<StageOutcome> stage(Ledger ledger, List<Component> pending, Version product, String productName) {
        if (pending.isEmpty()) {
            return List.of();
        }
        return request.atomic() ? stageAtomically(ledger, pending, product, productName) : stageEach(ledger, pending, product);
    }

    /** Each component on its own: prepared and staged in parallel, each recorded as it goes. */
    private List<StageOutcome> stageEach(Ledger ledger, List<Component> pending, Version product) {
        List<Callable<StageOutcome>> tasks = new ArrayList<>();
        for (Component component : pending) {
            tasks.add(() -> {
                long start = System.nanoTime();
                String name = component.name();
                // The server's reads (preflight, public checks) overlap the component's resolution and validation.
                try (StagingBackend backend = request.backend().get();
                        EarlyReads early = new EarlyReads(backend, request.staging().dryRun())) {
                    ResolvedComponent resolved;
                    try {
                        resolved = prepareInTurn(component, early::rootFound, early::resolved);
                    } catch (StagingException | GitException e) {
                        recordFailure(ledger, name, e.getMessage());
                        return failed(component, e.getMessage(), start);
                    }
                    StagingService service = new StagingService(backend,
                            () -> StagingLedger.shared(ledger, name, (draft, to) -> {
                                if (to == StagingState.PUBLISHED) {
                                    markPublished(draft, List.of(name), product, false);
                                }
                            }), console, request.staging());
                    StageOutcome outcome = service.stage(resolved, early);
                    console.info("  " + name + " " + outcome.version() + ": " + outcome.result());
                    return renamed(outcome, name, start);
                } catch (PollTimeoutException e) {
                    return outcome(component, Result.IN_PROGRESS, null, e.getMessage(), start);
                } catch (StagingException | LedgerException | GitException e) {
                    console.warn("  " + name + ": " + firstLine(e.getMessage()));
                    recordFailure(ledger, name, e.getMessage());
                    return failed(component, e.getMessage(), start);
                }
            });
        }
        return Concurrently.run(tasks, request.threads(), (i, e) -> failed(pending.get(i), String.valueOf(e), System.nanoTime()));
    }

    /** The whole product in one staging area: opened only when every component resolves and validates. */
    private List<StageOutcome> stageAtomically(Ledger ledger, List<Component> pending, Version product,
            String productName) {
        long start = System.nanoTime();
        List<Callable<Object>> tasks = pending.stream().<Callable<Object>>map(c -> () -> prepare(c)).toList();
        List<Object> prepared = Concurrently.run(tasks, request.threads(), (i, e) -> e);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            if (prepared.get(i) instanceof Throwable t) {
                failures.add(pending.get(i).name());
                recordFailure(ledger, pending.get(i).name(), t.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            List<StageOutcome> rows = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                rows.add(prepared.get(i) instanceof Throwable t ? failed(pending.get(i), t.getMessage(), start)
                        : failed(pending.get(i), "not staged: the product is staged all or nothing and "
                                + String.join(", ", failures) + " failed", start));
            }
            return rows;
        }
        List<ResolvedComponent> components = prepared.stream().map(ResolvedComponent.class::cast).toList();
        ResolvedComponent whole = ProductBundle.merge(productName, components, product, request.workDirectory());
        List<String> names = pending.stream().map(Component::name).toList();
        StageOutcome outcome;
        try (StagingBackend backend = request.backend().get()) {
            StagingService service = new StagingService(backend,
                    () -> StagingLedger.shared(ledger, PRODUCT_ENTRY, (draft, to) -> {
                        if (to == StagingState.PUBLISHED) {
                            markPublished(draft, names, product, true);
                        }
                    }), console, request.staging());
            outcome = service.stage(whole);
        } catch (PollTimeoutException e) {
            outcome = new StageOutcome(PRODUCT_ENTRY, product.toString(), Result.IN_PROGRESS, null, 0, 0, Duration.ZERO,
                    List.of(e.getMessage()));
        } catch (StagingException | LedgerException | GitException e) {
            for (String name : names) {
                recordFailure(ledger, name, "the product staging failed: " + firstLine(e.getMessage()));
            }
            outcome = new StageOutcome(PRODUCT_ENTRY, product.toString(), Result.FAILED, null, 0, 0, Duration.ZERO,
                    List.of(e.getMessage()));
        }
        List<StageOutcome> rows = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            ResolvedComponent c = components.get(i);
            boolean uploaded = outcome.filesUploaded() > 0;
            rows.add(new StageOutcome(pending.get(i).name(), pending.get(i).version().release().toString(),
                    outcome.result(), outcome.areaId(), uploaded ? ProductBundle.fileCount(c) : 0,
                    uploaded ? ProductBundle.byteCount(c) : 0, Duration.ofNanos(System.nanoTime() - start),
                    outcome.notes()));
        }
        return rows;
    }

    /**
     * {@link #prepare} for at most {@link #PREPARING} components at once. Preparing (clone, checksums, signatures) is
     * CPU work, uploading is the network's: when every component prepares at once they all finish late and start
     * uploading together, leaving the link idle meanwhile; in turns, the first upload starts as soon as one component
     * is ready and the link stays busy while the others prepare.
     */
    private ResolvedComponent prepareInTurn(Component component, Consumer<ReleasedModule> rootFound,
            Consumer<ResolvedComponent> resolvedFound) throws InterruptedException {
        preparing.acquire();
        try {
            return prepare(component, rootFound, resolvedFound);
        } finally {
            preparing.release();
        }
    }

    /** Clones the component at its release tag, resolves and validates it. */
    private ResolvedComponent prepare(Component component) {
        return prepare(component, root -> {}, resolved -> {});
    }

    /**
     * As {@link #prepare(Component)}, telling {@code rootFound} the root module before its files are resolved, and
     * {@code resolvedFound} the resolved component before it is validated.
     */
    private ResolvedComponent prepare(Component component, Consumer<ReleasedModule> rootFound,
            Consumer<ResolvedComponent> resolvedFound) {
        String tag = component.version().release().toString();
        Path dir = request.workDirectory().resolve(component.name());
        String url = request.urlTemplate().replace("{name}", component.name());
        Path checkout = ComponentCheckout.clone(url, tag, request.gitCredentials(), dir.resolve("checkout"));
        ResolvedComponent resolved = request.resolver().resolve(checkout, tag, dir.resolve("files"), rootFound);
        resolvedFound.accept(resolved);
        List<Problem> problems = request.validator().get().validate(resolved);
        if (!problems.isEmpty()) {
            StringBuilder text = new StringBuilder(component.name() + " " + tag + ": " + problems.size()
                    + " problem(s) must be fixed before staging:");
            problems.forEach(p -> text.append("\n  - ").append(p));
            throw new StagingException(text.toString());
        }
        return resolved;
    }

    /** In the commit moving to PUBLISHED: strip the suffix of {@code names}, and the product's once all are. */
    private void markPublished(LedgerDraft draft, List<String> names, Version product, boolean moveEntries)
            throws IOException {
        Manifest m = parse(draft.readString(StagingManifest.FILE).orElseThrow(), StagingManifest.FILE);
        LedgerState state = draft.state();
        Instant now = Instant.now();
        for (String name : names) {
            m = m.withComponentReleased(name, product);
            if (moveEntries && state.stateOf(name) != StagingState.PUBLISHED) {
                if (state.stateOf(name) == StagingState.DROPPED) {
                    state = state.transition(name, StagingState.PENDING, now);
                }
                state = state.transition(name, StagingState.PUBLISHED, now);
                Optional<String> area = state.component(PRODUCT_ENTRY).map(e -> e.ids().get(StagingLedger.AREA_ID));
                if (area.isPresent()) {
                    state = state.withId(name, StagingLedger.AREA_ID, area.get(), now);
                }
            }
        }
        LedgerState finalState = state;
        boolean all = m.components().stream().filter(Component::pending)
                .allMatch(c -> !c.versionDeclared() && finalState.stateOf(c.name()) == StagingState.PUBLISHED);
        if (all && m.version().isSnapshot()) {
            m = m.withProductReleased();
        }
        draft.setState(state);
        draft.writeString(StagingManifest.FILE, m.toJson());
    }

    private void recordFailure(Ledger ledger, String name, String error) {
        if (ledger == null) {
            return;
        }
        try {
            // The staging service records its own failures (FAILED, then DROPPED once the repository is dropped).
            StagingState now = (StagingState) ledger.state().stateOf(name);
            if (now != StagingState.PENDING && now != StagingState.RESOLVED && now != StagingState.VALIDATED
                    && now != StagingState.DROPPED) {
                return;
            }
            StagingLedger.shared(ledger, name, (d, t) -> { }).move("failed", StagingState.FAILED, Map.of(),
                    firstLine(error));
        } catch (RuntimeException e) {
            console.warn("Could not record the failure of " + name + " in the ledger: " + e.getMessage());
        }
    }

    /** The release to stage: given, else the newest X.Y.Z whose X.Y.Z_START tag also exists. */
    private Version productVersion(Ledger ledger) {
        Map<String, TagInfo> tags = ledger.repository().remoteTags();
        if (request.release().isPresent()) {
            String v = request.release().get();
            if (!tags.containsKey(v) || !tags.containsKey(v + "_START")) {
                throw new StagingException("The release repository " + ledger.location().url() + " lacks tag " + v
                        + (tags.containsKey(v) ? "_START" : "") + ": release " + v + " is not complete (or"
                        + " -Dgio.staging.release is wrong)");
            }
            return Version.parse(v);
        }
        return tags.keySet().stream().filter(t -> tags.containsKey(t + "_START")).map(Version::tryParse)
                .flatMap(Optional::stream).filter(v -> !v.isSnapshot()).max(Comparator.comparing(Version::major)
                        .thenComparing(Version::minor).thenComparing(Version::patch))
                .orElseThrow(() -> new StagingException("The release repository " + ledger.location().url()
                        + " has no completed release (tags X.Y.Z and X.Y.Z_START): run gio-release:release first,"
                        + " or give -Dgio.staging.release"));
    }

    private static Optional<Manifest> readManifest(Ledger ledger, Optional<String> revision, String path) {
        if (revision.isEmpty()) {
            return Optional.empty();
        }
        return ledger.readFile(revision.get(), path).map(b -> {
            try {
                return Manifest.parse(new String(b, StandardCharsets.UTF_8), path + "@" + revision.get());
            } catch (ManifestException e) {
                throw new StagingException(e.getMessage(), e);
            }
        });
    }

    private static Manifest parse(String json, String source) throws IOException {
        try {
            return Manifest.parse(json, source);
        } catch (ManifestException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static StageOutcome renamed(StageOutcome o, String name, long start) {
        return new StageOutcome(name, o.version(), o.result(), o.areaId(), o.filesUploaded(), o.bytesUploaded(),
                Duration.ofNanos(System.nanoTime() - start), o.notes());
    }

    private static StageOutcome failed(Component c, String error, long start) {
        return outcome(c, Result.FAILED, null, error, start);
    }

    private static StageOutcome outcome(Component c, Result result, String area, String note, long start) {
        return new StageOutcome(c.name(), c.version().release().toString(), result, area, 0, 0,
                Duration.ofNanos(System.nanoTime() - start), note == null ? List.of() : List.of(note));
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}

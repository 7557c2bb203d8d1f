package io.gravitee.release.gio.release.product;

import io.gravitee.release.gio.git.TagInfo;
import io.gravitee.release.gio.ledger.InterruptedWrite;
import io.gravitee.release.gio.ledger.Lease;
import io.gravitee.release.gio.ledger.Ledger;
import io.gravitee.release.gio.ledger.LedgerLocation;
import io.gravitee.release.gio.ledger.LedgerState;
import io.gravitee.release.gio.ledger.Lifecycle;
import io.gravitee.release.gio.ledger.ReleaseState;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.manifest.Component;
import io.gravitee.release.gio.manifest.Manifest;
import io.gravitee.release.gio.manifest.ManifestException;
import io.gravitee.release.gio.manifest.Version;
import io.gravitee.release.gio.manifest.WavePlan;
import io.gravitee.release.gio.release.component.ComponentOutcome;
import io.gravitee.release.gio.release.component.ComponentReleaser;
import io.gravitee.release.gio.release.component.ReleaseException;
import io.gravitee.release.gio.release.component.ReleaseSettings;
import io.gravitee.release.gio.release.executor.ComponentExecutor;
import io.gravitee.release.gio.release.executor.ComponentJournals;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * The orchestrated release of a product, run in its release repository: wave after wave, the
 * pending components of a wave released in parallel, each recorded in the ledger as it completes.
 *
 * <p>History written to the release repository (docs/DESIGN.md §3): annotated tag {@code X.Y.Z_START}
 * when the release starts (its existence means "resume"), one commit per completed component,
 * a commit releasing the product, annotated tag {@code X.Y.Z}, a commit preparing the next
 * patch snapshot. Each of these steps is decided from what the remote already has, so a run
 * killed between any two of them finishes the rest and redoes none.
 */
public final class ProductRelease {
    private final ReleaseRequest request;
    private final Console console;

    public ProductRelease(ReleaseRequest request, Console console) {
        this.request = request;
        this.console = console;
    }

    public ReleaseReport run() throws ReleaseException, IOException {
        long started = System.nanoTime();
        String origin = checkCheckout();
        // Parsing validates (component names included), and it must stay before the ledger is opened and the
        // X.Y.Z_START tag pushed: that tag means "resume", so a manifest error found later would be resumed forever.
        Manifest initial = readManifest(request.checkout().resolve(request.manifest()).toString(),
                java.nio.file.Files.readString(request.checkout().resolve(request.manifest())));
        ReleaseSettings settings = request.settings().apply(initial.scmHttpUrl().orElse(""));
        LedgerLocation location = new LedgerLocation(origin, currentBranch(), request.ledgerCredentials().orElse(null),
                ReleaseRequest.LEDGER_FILE, Lifecycle.RELEASE);
        try (Ledger ledger = Ledger.open(location, request.checkout(), console)) {
            // The remote's copy may be newer than the checkout's; it is validated the same way, still before any write.
            Manifest manifest = manifestAtHead(ledger).orElse(initial);
            manifest.warnings().forEach(console::warn);
            Version product = manifest.version().release();
            Map<String, TagInfo> tags = ledger.repository().remoteTags();
            boolean started_ = tags.containsKey(startTag(product));
            WavePlan plan = manifest.plan();
            if (plan.isEmpty() && !started_) {
                console.info(manifest.name() + " " + manifest.version() + ": no component is pending, nothing to release.");
                return new ReleaseReport(manifest.name(), product.toString(), settings.dryRun(), List.of(),
                        List.of("Nothing to release: no component is pending."), since(started));
            }
            if (settings.dryRun()) {
                return dryRun(manifest, settings, started);
            }
            Lease lease = ledger.acquireLease("release-" + product, request.lease(),
                    List.of(Constants.R_TAGS + startTag(product), Constants.R_TAGS + product));
            try {
                return release(ledger, manifest, settings, tags, started);
            } finally {
                lease.close();
            }
        }
    }

    private ReleaseReport release(Ledger ledger, Manifest manifest, ReleaseSettings settings, Map<String, TagInfo> tags,
                                  long started) throws ReleaseException, IOException {
        Version product = manifest.version().release();
        List<String> notes = new ArrayList<>();
        PersonIdent author = settings.author();
        if (!tags.containsKey(startTag(product))) {
            ObjectId head = ledger.head().orElseThrow(() -> new ReleaseException("The release repository has no commit"));
            ledger.repository().tagAndPush(startTag(product), head, "Start of release " + product, author);
            console.info("Release " + manifest.name() + " " + product + " started: tag " + startTag(product) + " pushed.");
        } else {
            console.info("Release " + manifest.name() + " " + product + " resumed: tag " + startTag(product) + " exists.");
        }
        Map<String, String> released = new ConcurrentHashMap<>(releasedArtifacts(ledger.state(), manifest, product));
        ComponentReleaser releaser = new ComponentReleaser(settings, console, request.lease().ttl());
        ComponentExecutor executor = request.executor().create(settings, manifest.name() + "-" + product, console,
                releaser);
        List<ReleaseReport.Row> rows = new ArrayList<>();
        boolean stopped = false;
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, request.threads()));
        try {
            for (WavePlan.PlannedWave wave : manifest.plan().waves()) {
                if (wave.isEmpty()) {
                    continue;
                }
                if (stopped) {
                    wave.components().forEach(c -> rows.add(new ReleaseReport.Row(wave.number(), notStarted(c))));
                    continue;
                }
                console.info("Wave " + wave.number() + ": " + String.join(", ",
                        wave.components().stream().map(Component::name).toList()));
                Map<String, String> before = Map.copyOf(released);
                List<Future<ComponentOutcome>> futures = new ArrayList<>();
                for (Component component : wave.components()) {
                    futures.add(pool.submit(() -> {
                        String version = component.releaseVersion().toString();
                        ComponentOutcome outcome = executor.release(component, before, new ComponentJournals(
                                new LedgerDeployJournal(ledger, component.name(), version),
                                new LedgerDispatchJournal(ledger, component.name(), version)));
                        record(ledger, outcome, product);
                        console.info("  " + component.name() + " " + outcome.version() + ": " + outcome.status()
                                + " in " + String.format("%.1fs", outcome.duration().toMillis() / 1000.0)
                                + (outcome.done() ? "" : " - " + outcome.detail()));
                        return outcome;
                    }));
                }
                for (int i = 0; i < futures.size(); i++) {
                    ComponentOutcome outcome = await(futures.get(i));
                    rows.add(new ReleaseReport.Row(wave.number(), outcome));
                    if (outcome.done()) {
                        outcome.artifacts().forEach(a -> released.put(a, outcome.version()));
                    } else {
                        stopped = true;
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        if (stopped) {
            notes.add("The release stopped after a failure; every success is in the ledger. Fix the cause and run the"
                    + " release again: it resumes with what is left.");
        } else {
            finish(ledger, product, author, notes);
        }
        return new ReleaseReport(manifest.name(), product.toString(), false, rows, notes, since(started));
    }

    /** Product released, tag X.Y.Z, next snapshot: each step only if the remote does not have it yet. */
    private void finish(Ledger ledger, Version product, PersonIdent author, List<String> notes) throws ReleaseException {
        ledger.update("Release " + product, draft -> {
            Manifest m = parse(draft.readString(request.manifest()).orElseThrow(), request.manifest());
            if (m.version().isSnapshot() && m.version().release().equals(product)) {
                draft.write(request.manifest(), m.withProductReleased().toJson().getBytes(StandardCharsets.UTF_8));
            }
        });
        ObjectId head = ledger.head().orElseThrow();
        Optional<TagInfo> tag = Optional.ofNullable(ledger.repository().remoteTags().get(product.toString()));
        if (tag.isEmpty()) {
            ledger.repository().tagAndPush(product.toString(), head, "Release " + product, author);
            notes.add("Tagged " + product + " on the release repository.");
        }
        ledger.update("chore(): Prepare next version", draft -> {
            Manifest m = parse(draft.readString(request.manifest()).orElseThrow(), request.manifest());
            if (m.version().equals(product)) {
                draft.write(request.manifest(), m.withProductVersion(product.nextPatchSnapshot()).toJson()
                        .getBytes(StandardCharsets.UTF_8));
            }
        });
        notes.add("Release " + product + " complete; the release repository now prepares " + product.nextPatchSnapshot() + ".");
    }

    private void record(Ledger ledger, ComponentOutcome outcome, Version product) {
        String name = outcome.component();
        if (outcome.done()) {
            ledger.update("Release " + name + " " + outcome.version(), draft -> {
                Manifest m = parse(draft.readString(request.manifest()).orElseThrow(), request.manifest());
                draft.write(request.manifest(), m.withComponentReleased(name, product).toJson().getBytes(StandardCharsets.UTF_8));
                LedgerState state = draft.state();
                Instant now = Instant.now();
                if (state.stateOf(name) != ReleaseState.RELEASED) {
                    state = state.transition(name, ReleaseState.RELEASED, now);
                }
                state = state.withId(name, "artifacts", String.join(",", outcome.artifacts()), now);
                if (outcome.tagCommit().isPresent()) {
                    state = state.withId(name, "tagCommit", outcome.tagCommit().get(), now);
                }
                draft.setState(state);
            });
        } else if (outcome.status() == ComponentOutcome.Status.FAILED) {
            ledger.update("Release " + name + " " + outcome.version() + " failed", draft -> {
                LedgerState state = draft.state();
                if (state.stateOf(name) != ReleaseState.FAILED) {
                    draft.setState(state.fail(name, ReleaseState.FAILED, firstLine(outcome.detail()), Instant.now()));
                }
            });
        }
    }

    private ReleaseReport dryRun(Manifest manifest, ReleaseSettings settings, long started) {
        Version product = manifest.version().release();
        console.info("Dry run of " + manifest.name() + " " + product + ": components are built and deployed to "
                + settings.dryRunRepository() + "; nothing is pushed, tagged or recorded.");
        ComponentReleaser releaser = new ComponentReleaser(settings, console, request.lease().ttl());
        Map<String, String> released = new ConcurrentHashMap<>();
        List<ReleaseReport.Row> rows = new ArrayList<>();
        boolean stopped = false;
        for (WavePlan.PlannedWave wave : manifest.plan().waves()) {
            for (Component component : wave.components()) {
                ComponentOutcome outcome = stopped ? notStarted(component) : releaser.release(component, Map.copyOf(released));
                rows.add(new ReleaseReport.Row(wave.number(), outcome));
                if (outcome.done()) {
                    outcome.artifacts().forEach(a -> released.put(a, outcome.version()));
                } else {
                    stopped = true;
                }
            }
        }
        return new ReleaseReport(manifest.name(), product.toString(), true, rows,
                List.of("Dry run: no remote ref, tag, ledger or repository was written."), since(started));
    }

    /** Artifacts of components this release already released, from the ledger. */
    private static Map<String, String> releasedArtifacts(LedgerState state, Manifest manifest, Version product) {
        Map<String, String> released = new ConcurrentHashMap<>();
        for (Component c : manifest.components()) {
            if (!c.pending() && c.since().filter(product.toString()::equals).isPresent()) {
                state.component(c.name()).map(e -> e.ids().get("artifacts")).filter(a -> !a.isBlank())
                        .ifPresent(a -> Arrays.stream(a.split(",")).forEach(x -> released.put(x, c.version().toString())));
            }
        }
        return released;
    }

    private String checkCheckout() throws ReleaseException {
        try (Git git = Git.open(request.checkout().toFile())) {
            if (InterruptedWrite.leavesEdits(git)) {
                throw new ReleaseException("The release checkout " + request.checkout() + " has uncommitted changes."
                        + " Commit or discard them first: the release records its progress there.");
            }
            String url = git.getRepository().getConfig().getString("remote", "origin", "url");
            if (url == null) {
                throw new ReleaseException("The release checkout " + request.checkout() + " has no 'origin' remote:"
                        + " the ledger is pushed there. Run the release in a clone of the release repository.");
            }
            return url;
        } catch (org.eclipse.jgit.errors.RepositoryNotFoundException e) {
            throw new ReleaseException(request.checkout() + " is not a git repository: run the release in a clone of"
                    + " the release repository (it holds " + request.manifest() + " and the ledger).", e);
        } catch (IOException | GitAPIException e) {
            throw new ReleaseException("Cannot read the release checkout " + request.checkout() + ": " + e.getMessage(), e);
        }
    }

    private String currentBranch() throws IOException {
        try (Git git = Git.open(request.checkout().toFile())) {
            return git.getRepository().getBranch();
        }
    }

    private Optional<Manifest> manifestAtHead(Ledger ledger) throws ReleaseException {
        Optional<ObjectId> head = ledger.head();
        if (head.isEmpty()) {
            return Optional.empty();
        }
        Optional<byte[]> bytes = ledger.readFile(head.get().name(), request.manifest());
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(readManifest(request.manifest() + "@" + head.get().abbreviate(8).name(),
                new String(bytes.get(), StandardCharsets.UTF_8)));
    }

    private Manifest readManifest(String source, String json) throws ReleaseException {
        try {
            return Manifest.parse(json, source, request.strict());
        } catch (ManifestException e) {
            throw new ReleaseException(e.getMessage(), e);
        }
    }

    private static Manifest parse(String json, String source) throws IOException {
        try {
            return Manifest.parse(json, source);
        } catch (ManifestException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static ComponentOutcome await(Future<ComponentOutcome> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for a component", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("Recording a component failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static ComponentOutcome notStarted(Component c) {
        return new ComponentOutcome(c.name(), ComponentOutcome.Status.NOT_STARTED, c.releaseVersion().toString(), List.of(),
                Optional.empty(), Duration.ZERO, "not started: an earlier wave failed", Optional.empty());
    }

    static String startTag(Version product) {
        return product + "_START";
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}

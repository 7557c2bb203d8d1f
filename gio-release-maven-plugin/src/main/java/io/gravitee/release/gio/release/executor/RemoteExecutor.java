package io.gravitee.release.gio.release.executor;

import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.manifest.Component;
import io.gravitee.release.gio.release.build.DeployJournal;
import io.gravitee.release.gio.release.build.DeployRecord;
import io.gravitee.release.gio.release.component.ComponentOutcome;
import io.gravitee.release.gio.release.component.ComponentReleaser;
import io.gravitee.release.gio.release.component.ReleaseSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Ref;

/**
 * Runs each component's release as a build of a CI engine ({@code gio-release:component} on its workers) and follows
 * it. Dispatching is the only side effect; what makes it safe to re-run after any crash:
 * <ul>
 *   <li>the component's tag on its remote means released: recognised, nothing dispatched;</li>
 *   <li>the dispatch's intent (key) is in the ledger before the engine is asked, its handle right after: a recorded
 *       handle is followed, never dispatched again; an intent without a handle is looked up by its key, after a
 *       grace period for the engine to show it, before it is dispatched;</li>
 *   <li>the job itself ends in success writing nothing when the tag exists, since engines re-run builds on their own
 *       (Buildbot re-runs a build a crash interrupted).</li>
 * </ul>
 * The job cannot write the ledger (the orchestrator alone does): it prints its deploy records ({@link JobOutput}),
 * and they are recorded here from its log, which is copied to {@code <work>/<component>-build.log}.
 */
public final class RemoteExecutor implements ComponentExecutor {
    /** How builds are awaited. */
    public record Polling(Duration first, Duration max, Duration grace, Duration timeout) {
        public static Polling defaults(Duration timeout) {
            return new Polling(Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(30), timeout);
        }
    }

    private final CiEngine engine;
    private final ReleaseSettings settings;
    private final String release;
    private final Console console;
    private final Polling polling;

    /** @param release the product release, e.g. {@code Gravitee.io-3.8.7}: part of every dispatch key */
    public RemoteExecutor(CiEngine engine, ReleaseSettings settings, String release, Console console, Polling polling) {
        this.engine = engine;
        this.settings = settings;
        this.release = release;
        this.console = console;
        this.polling = polling;
    }

    /** release, component, version and attempt, in characters every engine's search field keeps as they are. */
    public static String key(String release, String component, String version, int attempt) {
        return ("gio:" + release + ":" + component + ":" + version + ":" + attempt).replaceAll("[^A-Za-z0-9._:-]", "-");
    }

    @Override
    public ComponentOutcome release(Component component, Map<String, String> released, ComponentJournals journals) {
        long started = System.nanoTime();
        String name = component.name();
        String version = component.releaseVersion().toString();
        try {
            if (tagged(name, version)) {
                return recognise(component, released, started, ComponentOutcome.Status.ALREADY_RELEASED,
                        "already released: tag " + version + " is on the remote");
            }
            Next next = resume(component, journals);
            String handle = next.handle() != null ? next.handle()
                    : dispatch(component, released, journals, next.attempt());
            CiEngine.Status status = await(name, handle);
            String log = copyLog(name, handle);
            recordDeploys(journals.deploys(), log);
            if (status.state() != CiEngine.State.SUCCEEDED || !tagged(name, version)) {
                return failed(component, started, name + ": the " + engine.name() + " build " + handle + " ended "
                        + status.state() + (status.state() == CiEngine.State.SUCCEEDED ? " without tagging " + version
                        : "") + " (" + status.detail() + "), see " + logFile(name) + "\n    " + tail(log));
            }
            return recognise(component, released, started, ComponentOutcome.Status.RELEASED,
                    "built on " + engine.name() + " (" + status.detail() + "), tagged " + version);
        } catch (IOException | RuntimeException e) {
            return failed(component, started, name + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(component, started, name + ": interrupted while its " + engine.name() + " build ran");
        }
    }

    /** A build to follow, or (handle null) the attempt to dispatch. */
    private record Next(String handle, int attempt) {}

    /** The build an earlier run dispatched and that may still release the component, else the attempt to make. */
    private Next resume(Component component, ComponentJournals journals) throws IOException, InterruptedException {
        DispatchJournal dispatches = journals.dispatches();
        Optional<DispatchJournal.Dispatch> recorded = dispatches.recorded();
        if (recorded.isEmpty() || !recorded.get().key().equals(key(component, recorded.get().attempt()))) {
            return new Next(null, 1);
        }
        DispatchJournal.Dispatch dispatch = recorded.get();
        String handle = dispatch.handle().orElse(null);
        if (handle == null) {
            // The run died between recording the intent and the engine's answer: the build may exist. Engines show
            // a new build within seconds; wait that long from the intent before concluding it does not.
            Duration left = Duration.between(Instant.now(), dispatch.intended().plus(polling.grace()));
            if (!left.isNegative()) {
                Thread.sleep(left.toMillis());
            }
            Optional<String> found = engine.find(dispatch.key());
            if (found.isEmpty()) {
                // Same key: the attempt never reached the engine, so it is still the same attempt.
                console.info("  " + component.name() + ": dispatch " + dispatch.key() + " never reached "
                        + engine.name() + "; dispatching it now");
                return new Next(null, dispatch.attempt());
            }
            handle = found.get();
            dispatches.dispatched(dispatch.key(), handle);
        }
        CiEngine.Status status = engine.poll(handle);
        // A finished build whose tag is not there (failed, cancelled, or a job that released nothing) will not
        // release the component; the tag is checked again for a build that succeeded since the first check.
        boolean released = status.state() == CiEngine.State.SUCCEEDED
                && tagged(component.name(), component.releaseVersion().toString());
        if (status.finished() && !released) {
            console.info("  " + component.name() + ": the earlier attempt's build " + handle + " ended "
                    + status.state() + "; dispatching a new attempt");
            // Its run may have uploaded files after the run that followed it died: the next attempt must know them.
            recordDeploys(journals.deploys(), copyLog(component.name(), handle));
            return new Next(null, dispatch.attempt() + 1);
        }
        console.info("  " + component.name() + ": following " + engine.name() + " build " + handle
                + ", dispatched by an earlier run (" + status.state() + ")");
        return new Next(handle, dispatch.attempt());
    }

    private String key(Component component, int attempt) {
        return key(release, component.name(), component.releaseVersion().toString(), attempt);
    }

    private String dispatch(Component component, Map<String, String> released, ComponentJournals journals,
                            int attempt) throws IOException {
        String key = key(component, attempt);
        Map<String, String> options = jobOptions(settings, component, released, journals.deploys().intended(), key);
        journals.dispatches().intend(key, attempt);
        String handle = engine.dispatch(key, options);
        journals.dispatches().dispatched(key, handle);
        console.info("  " + component.name() + ": dispatched to " + engine.name() + " as " + key + " (" + handle + ")");
        return handle;
    }

    /** The component job's options ({@code gio-release:component}'s -D properties) for one dispatch. */
    public static Map<String, String> jobOptions(ReleaseSettings settings, Component component,
                                                 Map<String, String> released, DeployRecord intended, String key) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("gio.release.component", component.name());
        options.put("gio.release.version", component.version().toString());
        options.put("gio.scm.url", settings.urlOf(component.name()));
        options.put("gio.release.branch", settings.branchOverride().orElse(component.releaseBranch()));
        options.put("gio.release.aligned", released.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",")));
        // What dead attempts recorded, so that the job may replace their files (DeployUpload).
        options.put("gio.release.deployIntent", JobOutput.encode(intended));
        options.put("gio.release.key", key);
        return options;
    }

    /** Polls with exponential backoff and jitter (many components polling one engine must not do it in step). */
    private CiEngine.Status await(String name, String handle) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(polling.timeout());
        long delay = polling.first().toMillis();
        try {
            while (true) {
                CiEngine.Status status = engine.poll(handle);
                if (status.finished()) {
                    return status;
                }
                if (Instant.now().isAfter(deadline)) {
                    engine.cancel(handle);
                    return new CiEngine.Status(CiEngine.State.CANCELLED, "cancelled by gio after "
                            + polling.timeout().toSeconds() + " s (gio.release.buildTimeoutMinutes)");
                }
                Thread.sleep((long) (delay * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble())));
                delay = Math.min(polling.max().toMillis(), delay * 3 / 2);
            }
        } catch (InterruptedException e) {
            // The release was stopped (a failure elsewhere, Ctrl-C): a build nobody awaits must not go on releasing.
            engine.cancel(handle);
            throw e;
        }
    }

    /** The job's records, as the ledger's: the intent of every run of the build, then the deployed set. */
    private static void recordDeploys(DeployJournal journal, String log) throws IOException {
        DeployRecord intents = JobOutput.intents(log);
        if (!intents.isEmpty()) {
            journal.intend(journal.intended().union(intents));
        }
        Optional<DeployRecord> deployed = JobOutput.deployed(log);
        if (deployed.isPresent()) {
            journal.deployed(deployed.get());
        }
    }

    private String copyLog(String name, String handle) throws IOException {
        String log = engine.log(handle);
        Path file = logFile(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, log, StandardCharsets.UTF_8);
        return log;
    }

    private Path logFile(String name) {
        return settings.workDirectory().resolve(name + "-build.log");
    }

    /**
     * Released: what the local releaser finds once the tag exists (the artifacts for alignment and the ledger, the
     * tag's commit), without building or writing anything.
     */
    private ComponentOutcome recognise(Component component, Map<String, String> released, long started,
                                       ComponentOutcome.Status status, String detail) {
        ComponentOutcome found = new ComponentReleaser(settings, console).release(component, released,
                DeployJournal.inMemory());
        if (!found.done()) {
            return found;
        }
        return new ComponentOutcome(component.name(), status, found.version(), found.artifacts(), found.tagCommit(),
                Duration.ofNanos(System.nanoTime() - started), detail, Optional.of(logFile(component.name()).toString()));
    }

    private boolean tagged(String name, String version) throws IOException {
        try {
            var ls = Git.lsRemoteRepository().setRemote(settings.urlOf(name)).setTags(true).setHeads(false);
            settings.gitCredentials().ifPresent(c -> ls.setCredentialsProvider(c.provider()));
            for (Ref ref : ls.call()) {
                if (ref.getName().equals("refs/tags/" + version)) {
                    return true;
                }
            }
            return false;
        } catch (GitAPIException e) {
            throw new IOException("cannot list the tags of " + settings.urlOf(name) + ": " + e.getMessage(), e);
        }
    }

    private static ComponentOutcome failed(Component component, long started, String detail) {
        return new ComponentOutcome(component.name(), ComponentOutcome.Status.FAILED,
                component.releaseVersion().toString(), List.of(), Optional.empty(),
                Duration.ofNanos(System.nanoTime() - started), detail, Optional.empty());
    }

    private static String tail(String log) {
        List<String> lines = log.lines().toList();
        return String.join("\n    ", lines.subList(Math.max(0, lines.size() - 12), lines.size()));
    }
}

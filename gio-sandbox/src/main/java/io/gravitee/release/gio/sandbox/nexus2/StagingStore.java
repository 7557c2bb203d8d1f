package io.gravitee.release.gio.sandbox.nexus2;

import io.gravitee.release.gio.sandbox.nexus2.RepositoryState.Operation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Staging repositories, their files on disk and the released repository. State changes go through
 * {@link RepositoryState#after}; closes and releases run asynchronously and keep the repository
 * {@code transitioning} for the configured duration, as Nexus does.
 */
final class StagingStore implements AutoCloseable {
    /** Who made a request, recorded on repositories and activities. */
    record Caller(String userId, String ipAddress, String userAgent) {}

    /** A staging repository as the API renders it. */
    record RepoView(
            String id,
            StagingProfile profile,
            String description,
            RepositoryState state,
            boolean transitioning,
            int notifications,
            Caller creator,
            Instant created,
            Instant updated) {}

    private static final class Repo {
        final String id;
        final StagingProfile profile;
        final Caller creator;
        final boolean implicit;
        final Instant created = Instant.now();
        Instant updated = created;
        String description;
        RepositoryState state = RepositoryState.OPEN;
        boolean transitioning;
        List<RuleFailure> failures = List.of();
        final List<Activity> activities = new ArrayList<>();

        Repo(String id, StagingProfile profile, String description, Caller creator, boolean implicit) {
            this.id = id;
            this.profile = profile;
            this.description = description;
            this.creator = creator;
            this.implicit = implicit;
        }
    }

    static final String RELEASES = "releases";

    private final Path stagingRoot;
    private final Path releasesRoot;
    private final long transitionMillis;
    private final ScheduledExecutorService transitions;
    private final Object releaseLock = new Object();
    private final Map<String, Repo> repositories = new LinkedHashMap<>();
    private int sequence = 1000;

    StagingStore(Path dataDir, long transitionMillis) throws IOException {
        this.stagingRoot = Files.createDirectories(dataDir.resolve("staging"));
        this.releasesRoot = Files.createDirectories(dataDir.resolve(RELEASES));
        this.transitionMillis = transitionMillis;
        this.transitions = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nexus2-emulator-transitions");
            t.setDaemon(true);
            return t;
        });
    }

    synchronized RepoView open(StagingProfile profile, String description, Caller caller, boolean implicit) {
        String id = profile.repositoryIdPrefix() + "-" + (++sequence);
        Repo repo = new Repo(id, profile, description == null ? "" : description, caller, implicit);
        Activity open = new Activity("open", caller.userId(), caller.ipAddress());
        open.events.add(ActivityEvent.info("repositoryCreated", List.of(
                Map.entry("id", id), Map.entry("user", caller.userId()), Map.entry("ip", caller.ipAddress()))));
        open.stopped = Instant.now();
        repo.activities.add(open);
        repositories.put(id, repo);
        return view(repo);
    }

    /** The open repository an implicit {@code deploy/maven2} upload goes to, opened on first use like Nexus does. */
    synchronized RepoView implicitFor(StagingProfile profile, Caller caller) {
        for (Repo repo : repositories.values()) {
            if (repo.implicit && repo.profile.equals(profile) && repo.state == RepositoryState.OPEN && !repo.transitioning
                    && repo.creator.userId().equals(caller.userId())
                    && repo.creator.ipAddress().equals(caller.ipAddress())) {
                return view(repo);
            }
        }
        return open(profile, "Implicitly created (auto staging).", caller, true);
    }

    synchronized RepoView view(String id) {
        return view(require(id));
    }

    synchronized List<RepoView> list(String profileIdOrNull) {
        return repositories.values().stream()
                .filter(r -> r.state != RepositoryState.DROPPED)
                .filter(r -> profileIdOrNull == null || r.profile.id().equals(profileIdOrNull))
                .map(this::view)
                .toList();
    }

    synchronized List<Activity> activities(String id) {
        return List.copyOf(require(id).activities);
    }

    /** Stores one uploaded file; refused unless the repository is open and not transitioning. */
    long upload(String repoId, String path, InputStream body) throws IOException {
        Path target = stagedFile(repoId, path);
        synchronized (this) {
            checkAcceptsUploads(require(repoId));
        }
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling(target.getFileName() + ".gio-upload-" + UUID.randomUUID());
        long size;
        try {
            size = Files.copy(body, temp);
            synchronized (this) {
                Repo repo = require(repoId);
                checkAcceptsUploads(repo);
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                repo.updated = Instant.now();
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        return size;
    }

    private static void checkAcceptsUploads(Repo repo) {
        if (repo.transitioning || !repo.state.acceptsUploads()) {
            throw new NexusException(400, "Repository with ID='" + repo.id + "' is not open (" + repo.state.wireName()
                    + (repo.transitioning ? ", transitioning" : "") + "): uploads are refused");
        }
    }

    /** Starts closing every repository; all-or-nothing: one refusal changes none. */
    synchronized void close(List<String> ids, String description, Caller caller) {
        List<Repo> repos = checkAll(ids, Operation.CLOSE);
        for (Repo repo : repos) {
            Activity activity = begin(repo, "close", description, caller);
            transitions.schedule(() -> completeClose(repo, activity), transitionMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Starts releasing every repository into {@code releases}; all-or-nothing. */
    synchronized void release(List<String> ids, String description, boolean autoDrop, Caller caller) {
        List<Repo> repos = checkAll(ids, Operation.RELEASE);
        for (Repo repo : repos) {
            Activity activity = begin(repo, "release", description, caller);
            transitions.schedule(() -> completeRelease(repo, activity, autoDrop), transitionMillis, TimeUnit.MILLISECONDS);
        }
    }

    synchronized void drop(List<String> ids) {
        for (Repo repo : checkAll(ids, Operation.DROP)) {
            repo.state = repo.state.after(Operation.DROP).orElseThrow();
            repo.updated = Instant.now();
            deleteTree(stagingRoot.resolve(repo.id));
        }
    }

    private List<Repo> checkAll(List<String> ids, Operation operation) {
        if (ids.isEmpty()) {
            throw new NexusException(400, "No staged repository ids were given");
        }
        List<Repo> repos = new ArrayList<>();
        for (String id : ids) {
            Repo repo = require(id);
            if (repo.transitioning) {
                throw new NexusException(500, "Unhandled: Staging repository is already transitioning: " + id);
            }
            if (repo.state.after(operation).isEmpty()) {
                throw new NexusException(500, "Unhandled: Repository: " + id + " has invalid state: "
                        + repo.state.wireName());
            }
            repos.add(repo);
        }
        return repos;
    }

    private Activity begin(Repo repo, String name, String description, Caller caller) {
        repo.transitioning = true;
        repo.failures = List.of();
        if (description != null && !description.isBlank()) {
            repo.description = description;
        }
        repo.updated = Instant.now();
        Activity activity = new Activity(name, caller.userId(), caller.ipAddress());
        repo.activities.add(activity);
        return activity;
    }

    private void completeClose(Repo repo, Activity activity) {
        List<RuleFailure> failures;
        try {
            failures = CloseRules.evaluate(stagingRoot.resolve(repo.id), releasesRoot);
        } catch (IOException e) {
            failures = List.of(new RuleFailure("io", "Repository readable", List.of(String.valueOf(e))));
        }
        synchronized (this) {
            finish(repo, activity, failures, "repositoryClosed", "repositoryCloseFailed",
                    () -> repo.state = repo.state.after(Operation.CLOSE).orElseThrow());
        }
    }

    private void completeRelease(Repo repo, Activity activity, boolean autoDrop) {
        // One release at a time: two repositories carrying the same file must not both pass the check.
        synchronized (releaseLock) {
            List<RuleFailure> failures = new ArrayList<>();
            Path source = stagingRoot.resolve(repo.id);
            try {
                List<String> files = List.copyOf(CloseRules.listFiles(source));
                List<String> conflicts = files.stream()
                        .filter(f -> !CloseRules.isMetadata(f) && Files.exists(releasesRoot.resolve(f)))
                        .map(f -> "Artifact updating: Repository ='releases:Releases' does not allow updating artifact='/"
                                + f + "'")
                        .toList();
                if (!conflicts.isEmpty()) {
                    failures.add(new RuleFailure("no-redeploy", "Release Repository Immutability", conflicts));
                } else {
                    for (String file : files) {
                        Path target = releasesRoot.resolve(file);
                        Files.createDirectories(target.getParent());
                        Files.copy(source.resolve(file), target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            } catch (IOException e) {
                failures.add(new RuleFailure("io", "Release copy", List.of(String.valueOf(e))));
            }
            synchronized (this) {
                finish(repo, activity, failures, "repositoryReleased", "repositoryReleaseFailed", () -> {
                    repo.state = repo.state.after(Operation.RELEASE).orElseThrow();
                    if (autoDrop) {
                        repo.state = repo.state.after(Operation.DROP).orElseThrow();
                        deleteTree(source);
                    }
                });
            }
        }
    }

    private void finish(Repo repo, Activity activity, List<RuleFailure> failures, String success, String failure,
            Runnable onSuccess) {
        activity.events.add(ActivityEvent.info("rulesEvaluate", List.of(Map.entry("id", repo.id))));
        for (RuleFailure rule : failures) {
            List<Map.Entry<String, String>> props = new ArrayList<>();
            props.add(Map.entry("typeId", rule.typeId()));
            props.add(Map.entry("rule", rule.ruleName()));
            rule.messages().forEach(m -> props.add(Map.entry("failureMessage", m)));
            activity.events.add(ActivityEvent.error("ruleFailed", props));
        }
        if (failures.isEmpty()) {
            activity.events.add(ActivityEvent.info("rulesPassed", List.of(Map.entry("id", repo.id))));
            activity.events.add(ActivityEvent.info(success, List.of(Map.entry("id", repo.id))));
            onSuccess.run();
        } else {
            activity.events.add(ActivityEvent.error("rulesFailed", List.of(Map.entry("id", repo.id))));
            activity.events.add(ActivityEvent.error(failure, List.of(Map.entry("id", repo.id))));
        }
        repo.failures = List.copyOf(failures);
        repo.transitioning = false;
        repo.updated = Instant.now();
        activity.stopped = repo.updated;
    }

    private Repo require(String id) {
        Repo repo = repositories.get(id);
        if (repo == null || repo.state == RepositoryState.DROPPED) {
            throw new NexusException(404, "No such repository: " + id);
        }
        return repo;
    }

    private RepoView view(Repo r) {
        return new RepoView(r.id, r.profile, r.description, r.state, r.transitioning, r.failures.size(), r.creator,
                r.created, r.updated);
    }

    synchronized Optional<RepositorySnapshot> snapshot(String id) {
        Repo r = repositories.get(id);
        if (r == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RepositorySnapshot(r.id, r.profile.id(), r.description, r.state, r.transitioning,
                    r.failures.size(), r.implicit, List.copyOf(CloseRules.listFiles(stagingRoot.resolve(r.id))),
                    r.failures));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized List<String> repositoryIds() {
        return List.copyOf(repositories.keySet());
    }

    /** A file of a staging repository (which must exist and not be dropped). */
    synchronized Path stagedFile(String repoId, String path) {
        require(repoId);
        return resolveSafely(stagingRoot.resolve(repoId), path);
    }

    Path releasedFile(String path) {
        return resolveSafely(releasesRoot, path);
    }

    Path releasesRoot() {
        return releasesRoot;
    }

    static Path resolveSafely(Path root, String path) {
        String clean = path.startsWith("/") ? path.substring(1) : path;
        if (clean.isEmpty() || Stream.of(clean.split("/")).anyMatch(s -> s.isEmpty() || s.equals("..") || s.equals("."))) {
            throw new NexusException(400, "Invalid path: '" + path + "'");
        }
        return root.resolve(clean);
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        transitions.shutdownNow();
    }
}

package io.gravitee.release.gio.sandbox.central;

import io.gravitee.release.gio.sandbox.central.DeploymentState.Event;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Deployments and the published repository. Uploaded bundles live under {@code deployments/<id>/}, published files
 * under {@code repo/}; validation and publishing run on a scheduler, so they are asynchronous as on the Portal. Every
 * state change goes through {@link DeploymentState#after}. Thread-safe (one lock).
 */
final class DeploymentStore implements AutoCloseable {
    private final Path deploymentsDir;
    private final Path repoDir;
    private final Supplier<CentralConfig> config;
    private final Map<String, Deployment> deployments = new LinkedHashMap<>();
    private final Set<String> publishedKeys = new HashSet<>();
    private final ScheduledExecutorService scheduler;

    private static final class Deployment {
        final String id;
        final String name;
        final PublishingType type;
        final long bundleBytes;
        DeploymentState state = DeploymentState.PENDING;
        boolean dropped;
        List<BundleRules.Component> components = List.of();
        Map<String, List<String>> errors = Map.of();
        List<String> files = List.of();

        Deployment(String id, String name, PublishingType type, long bundleBytes) {
            this.id = id;
            this.name = name;
            this.type = type;
            this.bundleBytes = bundleBytes;
        }
    }

    DeploymentStore(Path dataDir, Supplier<CentralConfig> config) throws IOException {
        this.deploymentsDir = Files.createDirectories(dataDir.resolve("deployments"));
        this.repoDir = Files.createDirectories(dataDir.resolve("repo"));
        this.config = config;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "central-emulator-scheduler");
            t.setDaemon(true);
            return t;
        });
    }

    /** Takes over the uploaded bundle file and starts its validation; returns the deployment id. */
    String upload(String name, PublishingType type, Path bundle) throws IOException {
        String id = UUID.randomUUID().toString();
        Path dir = Files.createDirectories(deploymentsDir.resolve(id));
        long size = Files.size(bundle);
        Files.move(bundle, dir.resolve("bundle.zip"), StandardCopyOption.REPLACE_EXISTING);
        synchronized (this) {
            deployments.put(id, new Deployment(id, name, type, size));
        }
        scheduler.execute(() -> validate(id));
        return id;
    }

    private void validate(String id) {
        Path dir = deploymentsDir.resolve(id);
        BundleRules.Result result;
        List<String> files;
        synchronized (this) {
            move(deployments.get(id), Event.VALIDATION_STARTED);
        }
        try {
            Path content = dir.resolve("content");
            files = extract(dir.resolve("bundle.zip"), content);
            List<String> unsafe = files.stream().filter(f -> f.startsWith("!")).toList();
            files = files.stream().filter(f -> !f.startsWith("!")).toList();
            synchronized (this) {
                result = BundleRules.validate(content, new TreeSet<>(files), config.get()::allows,
                        publishedKeys::contains);
            }
            for (String bad : unsafe) {
                result.errors().computeIfAbsent(BundleRules.COMMON, k -> new ArrayList<>())
                        .add("File path '" + bad.substring(1) + "' is not valid");
            }
        } catch (IOException | RuntimeException e) {
            files = List.of();
            result = new BundleRules.Result(List.of(), Map.of(BundleRules.COMMON,
                    List.of("Failed to process the deployment bundle: " + e.getMessage())));
        }
        BundleRules.Result found = result;
        List<String> listed = files;
        scheduler.schedule(() -> completeValidation(id, found, listed),
                config.get().validationDuration().toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void completeValidation(String id, BundleRules.Result result, List<String> files) {
        Deployment d = deployments.get(id);
        d.components = result.components();
        d.files = files;
        d.errors = freeze(result.errors());
        move(d, d.errors.isEmpty() ? Event.VALIDATION_PASSED : Event.VALIDATION_FAILED);
        if (d.state == DeploymentState.VALIDATED && d.type == PublishingType.AUTOMATIC) {
            startPublishing(d);
        }
    }

    /** {@code POST /deployment/{id}}: publishes a validated deployment. */
    synchronized void publish(String id) {
        Deployment d = require(id);
        if (d.state.after(Event.PUBLISH).isEmpty()) {
            throw new CentralException(400, "Deployment " + id + " is in state " + d.state
                    + ": only a VALIDATED deployment can be published");
        }
        startPublishing(d);
    }

    private void startPublishing(Deployment d) {
        move(d, Event.PUBLISH);
        scheduler.schedule(() -> completePublishing(d.id), config.get().publishingDuration().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private synchronized void completePublishing(String id) {
        Deployment d = deployments.get(id);
        if (d.dropped) {
            return;
        }
        // A version is immutable: another deployment may have published the same component meanwhile.
        Map<String, List<String>> clashes = new LinkedHashMap<>();
        for (BundleRules.Component c : d.components) {
            if (publishedKeys.contains(c.key())) {
                clashes.put(c.purl(), List.of("Component with package url: '" + c.purl() + "' already exists"));
            }
        }
        if (!clashes.isEmpty()) {
            d.errors = Map.copyOf(clashes);
            move(d, Event.PUBLISH_FAILED);
            return;
        }
        try {
            Path content = deploymentsDir.resolve(id).resolve("content");
            for (String file : d.files) {
                Path target = repoDir.resolve(file);
                Files.createDirectories(target.getParent());
                Files.copy(content.resolve(file), target, StandardCopyOption.REPLACE_EXISTING);
            }
            for (BundleRules.Component c : d.components) {
                publishedKeys.add(c.key());
                MavenMetadata.write(repoDir, c.groupId(), c.artifactId(), publishedVersions(c));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot publish deployment " + id, e);
        }
        move(d, Event.PUBLISH_COMPLETED);
    }

    private List<String> publishedVersions(BundleRules.Component c) {
        String prefix = c.groupId() + ":" + c.artifactId() + ":";
        return publishedKeys.stream().filter(k -> k.startsWith(prefix)).map(k -> k.substring(prefix.length()))
                .sorted().toList();
    }

    /** {@code DELETE /deployment/{id}}: forgets a validated or failed deployment. */
    synchronized void drop(String id) {
        Deployment d = require(id);
        if (d.state.after(Event.DROP).isEmpty()) {
            throw new CentralException(400, "Deployment " + id + " is in state " + d.state
                    + ": only a VALIDATED or FAILED deployment can be dropped");
        }
        d.dropped = true;
    }

    synchronized DeploymentSnapshot status(String id) {
        return snapshot(require(id));
    }

    synchronized boolean isPublished(String namespace, String name, String version) {
        return publishedKeys.contains(namespace + ":" + name + ":" + version);
    }

    synchronized Optional<DeploymentSnapshot> find(String id) {
        return Optional.ofNullable(deployments.get(id)).map(DeploymentStore::snapshot);
    }

    synchronized List<DeploymentSnapshot> all() {
        return deployments.values().stream().map(DeploymentStore::snapshot).toList();
    }

    /** The published file at a repository path (may not exist); refuses paths leaving the repository. */
    Path repoFile(String path) {
        Path file = repoDir.resolve(path).normalize();
        if (!file.startsWith(repoDir)) {
            throw new CentralException(404, "Not found: " + path);
        }
        return file;
    }

    private Deployment require(String id) {
        Deployment d = id == null ? null : deployments.get(id);
        if (d == null || d.dropped) {
            throw new CentralException(404, "Deployment " + id + " not found");
        }
        return d;
    }

    private static void move(Deployment d, Event event) {
        d.state = d.state.after(event).orElseThrow(() -> new IllegalStateException(
                "deployment " + d.id + ": " + event + " is not allowed in state " + d.state));
    }

    private static DeploymentSnapshot snapshot(Deployment d) {
        return new DeploymentSnapshot(d.id, d.name, d.type, d.state, d.dropped,
                d.components.stream().map(BundleRules.Component::purl).toList(), d.errors, d.files, d.bundleBytes);
    }

    private static Map<String, List<String>> freeze(Map<String, List<String>> errors) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        errors.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return java.util.Collections.unmodifiableMap(copy);
    }

    /** Extracts a zip; returns its file paths, with a leading {@code !} for entries refused as unsafe. */
    private static List<String> extract(Path zip, Path target) throws IOException {
        List<String> files = new ArrayList<>();
        Files.createDirectories(target);
        try (InputStream raw = Files.newInputStream(zip); ZipInputStream in = new ZipInputStream(raw)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                String name = entry.getName().replace('\\', '/');
                while (name.startsWith("./")) {
                    name = name.substring(2);
                }
                if (entry.isDirectory() || name.isEmpty()) {
                    continue;
                }
                Path file = target.resolve(name).normalize();
                if (name.startsWith("/") || !file.startsWith(target)) {
                    files.add("!" + name);
                    continue;
                }
                Files.createDirectories(file.getParent());
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                files.add(name);
            }
        }
        return files;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    /** Writes {@code maven-metadata.xml} and its checksums for a published artifact, as Central does. */
    static final class MavenMetadata {
        private MavenMetadata() {}

        static void write(Path repo, String groupId, String artifactId, List<String> versions) throws IOException {
            Path dir = Files.createDirectories(repo.resolve(groupId.replace('.', '/')).resolve(artifactId));
            String latest = versions.get(versions.size() - 1);
            StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<metadata>\n");
            xml.append("  <groupId>").append(groupId).append("</groupId>\n");
            xml.append("  <artifactId>").append(artifactId).append("</artifactId>\n  <versioning>\n");
            xml.append("    <latest>").append(latest).append("</latest>\n");
            xml.append("    <release>").append(latest).append("</release>\n    <versions>\n");
            versions.forEach(v -> xml.append("      <version>").append(v).append("</version>\n"));
            xml.append("    </versions>\n    <lastUpdated>")
                    .append(DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC).format(Instant.now()))
                    .append("</lastUpdated>\n  </versioning>\n</metadata>\n");
            Path file = dir.resolve("maven-metadata.xml");
            Files.writeString(file, xml, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("maven-metadata.xml.md5"), BundleRules.digest(file, "md5"));
            Files.writeString(dir.resolve("maven-metadata.xml.sha1"), BundleRules.digest(file, "sha1"));
        }
    }

    /** Files under the published repository, for tests and snapshots. */
    List<String> repoFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(repoDir)) {
            return walk.filter(Files::isRegularFile).map(p -> repoDir.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }
}

package io.gravitee.release.gio.staging.repository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.staging.StagingException;
import io.gravitee.release.gio.staging.backend.StagedFile;
import io.gravitee.release.gio.staging.backend.StagingArea;
import io.gravitee.release.gio.staging.backend.StagingArea.Status;
import io.gravitee.release.gio.staging.backend.StagingBackend;
import io.gravitee.release.gio.staging.backend.StagingTarget;
import io.gravitee.release.gio.staging.repository.RepositoryClient.Answer;
import io.gravitee.release.gio.staging.repository.StagingManifest.Entry;
import io.gravitee.release.gio.transfer.Checksums;
import io.gravitee.release.gio.transfer.Parallel;
import io.gravitee.release.gio.transfer.Progress;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The {@code repository} backend: two-phase staging on a repository manager without a staging API (Nexus
 * Repository OSS 3). Open names the component's staged copy ({@code <staging repository>:<g>:<a>:<v>}); upload
 * PUTs a {@link StagingManifest} then every file into the staging repository; verify reads every staged file's
 * SHA-1 back from the server and compares it with the resolved one; publish copies each file from the staging
 * repository into the release repository, then deletes the staged copy (Nexus 3 REST API: components searched by
 * group/name/version in the staging repository and deleted; any file left is deleted by path).
 *
 * <p>Redeploy is disabled in the release repository: before each PUT there, the file is looked up (HEAD, then its
 * {@code .sha1}); a file already there with the same SHA-1 is skipped, one with another SHA-1 is a hard error, and
 * a PUT whose answer is lost is never repeated before looking again. So no run, normal or resumed, ever sends a
 * second PUT for a file the release repository already holds.
 */
public final class RepositoryBackend implements StagingBackend {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RepositoryClient client;
    private final Console console;

    public RepositoryBackend(RepositoryOptions options, Console console) {
        this.client = new RepositoryClient(options, console);
        this.console = console;
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String name() {
        return "repository";
    }

    /** Looks up the root POM in both repositories (and the search API on Nexus 3) with the credentials. */
    @Override
    public void preflight(StagingTarget target) {
        String pom = target.groupId().replace('.', '/') + "/" + target.artifactId() + "/" + target.version() + "/"
                + target.artifactId() + "-" + target.version() + ".pom";
        for (String url : List.of(options().releaseUrl(), options().stagingUrl())) {
            Answer answer = client.head(url + "/" + pom);
            requireAuthorized(answer, url);
            if (answer.status() >= 500 || (answer.status() >= 400 && answer.status() != 404)) {
                throw new StagingException("The repository " + url + " answered " + answer.message()
                        + " to a HEAD of " + pom + ": check -Dgio.staging.url / -Dgio.staging.stagingUrl");
            }
        }
        if (options().nexusBase() != null) {
            Answer answer = client.get(search(target.groupId(), target.artifactId(), target.version(), null));
            requireAuthorized(answer, options().nexusBase() + "/service/rest/v1/search");
            requireOk(answer, "Searching the staging repository " + options().stagingName());
        }
    }

    @Override
    public boolean completesPartialPublication() {
        return true;
    }

    @Override
    public int countPublished(List<StagedFile> files) {
        List<StagedFile> artifacts = files.stream().filter(f -> !f.isChecksum()).toList();
        List<String> different = new ArrayList<>();
        List<String> present = parallel(artifacts, f -> {
            String found = releasedSha1(f.path());
            if (found != null && !found.equals(f.sha1())) {
                synchronized (different) {
                    different.add(f.path() + " (released SHA-1 " + found + ", resolved " + f.sha1() + ")");
                }
            }
            return found;
        }, "Checking the release repository");
        if (!different.isEmpty()) {
            throw new StagingException("The release repository " + options().releaseUrl() + " already holds different"
                    + " content for:\n  - " + String.join("\n  - ", different)
                    + "\nA released version is immutable: release a new version instead.");
        }
        return (int) present.stream().filter(p -> p != null).count();
    }

    @Override
    public StagingArea inspect(String id) {
        StagingTarget target = target(id);
        Optional<StagingManifest> manifest = manifest(target);
        if (manifest.isEmpty()) {
            return new StagingArea(id, target.marker(), Status.GONE, List.of());
        }
        List<String> problems = check(manifest.get());
        return new StagingArea(id, target.marker(), problems.isEmpty() ? Status.VERIFIED : Status.OPEN, problems);
    }

    @Override
    public List<StagingArea> findByMarker(StagingTarget target) {
        StagingArea area = inspect(id(target));
        return area.status() == Status.GONE ? List.of() : List.of(area);
    }

    @Override
    public boolean canList() {
        return true;
    }

    @Override
    public StagingArea open(StagingTarget target) {
        return new StagingArea(id(target), target.marker(), Status.OPEN, List.of());
    }

    @Override
    public StagingArea upload(StagingArea area, List<StagedFile> files, Progress progress) {
        StagingTarget target = target(area.id());
        StagingManifest manifest = StagingManifest.of(target, files);
        try {
            Path text = Files.createTempFile("gio-staging-", ".txt");
            try {
                Files.writeString(text, manifest.text());
                Answer answer = client.putRetried(options().stagingUrl() + "/" + manifest.path(), text);
                requireAuthorized(answer, options().stagingUrl());
                requireOk(answer, "Uploading the staging manifest " + manifest.path());
            } finally {
                Files.deleteIfExists(text);
            }
        } catch (IOException e) {
            throw new StagingException("Cannot write a temporary file: " + e.getMessage(), e);
        }
        for (boolean checksums : new boolean[] {false, true}) {
            parallel(files.stream().filter(f -> f.isChecksum() == checksums).toList(), f -> {
                Answer answer = client.putRetried(options().stagingUrl() + "/" + f.path(), f.file());
                requireAuthorized(answer, options().stagingUrl());
                requireOk(answer, "Uploading " + f.path() + " to " + options().stagingUrl());
                progress.addBytes(f.size());
                progress.fileDone();
                return null;
            }, "Upload to " + options().stagingUrl());
        }
        progress.finish();
        return area;
    }

    @Override
    public StagingArea verify(StagingArea area, Duration timeout) {
        StagingTarget target = target(area.id());
        StagingManifest manifest = manifest(target).orElseThrow(() -> new StagingException("The staged copy of "
                + target.marker() + " has no manifest " + StagingManifest.path(target) + " in " + options().stagingUrl()));
        List<String> problems = check(manifest);
        if (problems.isEmpty()) {
            console.info("Verified " + manifest.entries().size() + " staged files of " + target.marker() + " by SHA-1");
        }
        return new StagingArea(area.id(), target.marker(), problems.isEmpty() ? Status.VERIFIED : Status.FAILED, problems);
    }

    /** Copies what the release repository lacks, skipping what it holds already, then deletes the staged copy. */
    @Override
    public StagingArea publish(StagingArea area, Duration timeout) {
        StagingTarget target = target(area.id());
        StagingManifest manifest = manifest(target).orElseThrow(() -> new StagingException("The staged copy of "
                + target.marker() + " is gone from " + options().stagingUrl() + " before its promotion: re-run"));
        AtomicInteger copied = new AtomicInteger();
        AtomicInteger skipped = new AtomicInteger();
        for (boolean checksums : new boolean[] {false, true}) {
            parallel(manifest.artifactsThenChecksums().stream().filter(e -> e.isChecksum() == checksums).toList(), e -> {
                (promote(e) ? copied : skipped).incrementAndGet();
                return null;
            }, "Promotion into " + options().releaseUrl());
        }
        console.info("Promoted " + target.marker() + " into " + options().releaseUrl() + ": " + copied + " file(s) copied, "
                + skipped + " already there");
        drop(area).ifPresent(r -> console.warn("The staged copy of " + target.marker() + " is left: " + r));
        return new StagingArea(area.id(), target.marker(), Status.PUBLISHED, List.of());
    }

    /** Deletes the staged copy: Nexus 3 components by group/name/version, then any file left, by path. */
    @Override
    public Optional<String> drop(StagingArea area) {
        StagingTarget target = target(area.id());
        Optional<StagingManifest> manifest = manifest(target);
        if (manifest.isEmpty()) {
            return Optional.empty();
        }
        List<String> dirs = manifest.get().directoriesRootLast();
        if (options().nexusBase() != null) {
            for (String dir : dirs) {
                deleteComponents(dir);
            }
        }
        List<String> left = new ArrayList<>();
        List<String> paths = new ArrayList<>(manifest.get().entries().stream().map(Entry::path).toList());
        paths.add(manifest.get().path()); // last: while it exists, the staged copy can be found again
        for (String path : paths) {
            String url = options().stagingUrl() + "/" + path;
            if (client.head(url).status() == 404) {
                continue;
            }
            Answer deleted = client.delete(url);
            if (!deleted.ok() && deleted.status() != 404 && client.head(url).status() != 404) {
                left.add(path + " (" + deleted.message() + ")");
            }
        }
        if (!left.isEmpty()) {
            return Optional.of("could not delete from " + options().stagingUrl() + ": " + String.join(", ", left));
        }
        console.info("Deleted the staged copy of " + target.marker() + " from " + options().stagingUrl());
        return Optional.empty();
    }

    private void deleteComponents(String dir) {
        String[] gav = coordinates(dir);
        String token = null;
        for (int page = 0; page < 20; page++) {
            Answer answer = client.get(search(gav[0], gav[1], gav[2], token));
            if (!answer.ok()) {
                return; // the per-path deletion below takes over
            }
            JsonNode root = json(answer);
            for (JsonNode item : root.path("items")) {
                String id = item.path("id").asText();
                Answer deleted = client.delete(options().nexusBase() + "/service/rest/v1/components/"
                        + URLEncoder.encode(id, StandardCharsets.UTF_8));
                if (!deleted.ok() && deleted.status() != 404) {
                    console.warn("Deleting component " + String.join(":", gav) + " from " + options().stagingName()
                            + " answered " + deleted.message());
                }
            }
            token = root.path("continuationToken").isTextual() ? root.path("continuationToken").asText() : null;
            if (token == null) {
                return;
            }
        }
    }

    /** Copies one file into the release repository unless there; true when copied. */
    private boolean promote(Entry entry) throws IOException {
        String releaseUrl = options().releaseUrl() + "/" + entry.path();
        if (entry.isChecksum()) {
            // A checksum file goes with its artifact, whose SHA-1 was compared: present (or generated) is enough.
            if (client.head(releaseUrl).status() == 200) {
                return false;
            }
        } else if (isReleased(entry)) {
            return false;
        }
        Path copy = Files.createTempFile("gio-promote-", ".bin");
        try {
            Answer staged = client.get(options().stagingUrl() + "/" + entry.path());
            requireOk(staged, "Reading the staged " + entry.path());
            Files.write(copy, staged.body());
            String sha1 = Checksums.of(staged.body()).sha1();
            if (!entry.isChecksum() && !sha1.equals(entry.sha1())) {
                throw new StagingException("The staged " + entry.path() + " changed since its verification (SHA-1 "
                        + sha1 + ", expected " + entry.sha1() + "): nothing more is promoted; re-run");
            }
            for (int attempt = 1; ; attempt++) {
                String failure;
                try {
                    Answer answer = client.putOnce(releaseUrl, copy);
                    requireAuthorized(answer, options().releaseUrl());
                    if (answer.ok()) {
                        return true;
                    }
                    failure = answer.message();
                } catch (IOException e) {
                    failure = e.toString();
                }
                // The answer may be lost while the file landed: look before sending it again.
                if (entry.isChecksum() ? client.head(releaseUrl).status() == 200 : isReleased(entry)) {
                    return true;
                }
                if (attempt >= 4) {
                    throw new StagingException("Copying " + entry.path() + " into " + options().releaseUrl()
                            + " failed " + attempt + " times: " + failure);
                }
                console.warn("Copying " + entry.path() + " failed (" + failure + "); not there yet, copying again");
            }
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    /** True when the release repository holds the file with the same SHA-1; a hard error when with another one. */
    private boolean isReleased(Entry entry) {
        String found = releasedSha1(entry.path());
        if (found != null && !found.equals(entry.sha1())) {
            throw new StagingException("The release repository " + options().releaseUrl() + " already holds "
                    + entry.path() + " with SHA-1 " + found + ", not " + entry.sha1() + ": a released file is"
                    + " immutable; nothing is overwritten (release a new version)");
        }
        return found != null;
    }

    /** SHA-1 of a file in the release repository, null when absent. */
    private String releasedSha1(String path) {
        return sha1(options().releaseUrl() + "/" + path, options().releaseUrl());
    }

    /** The server's SHA-1 of a file ({@code .sha1}, else the file hashed), null when the file is absent. */
    private String sha1(String url, String repository) {
        Answer head = client.head(url);
        requireAuthorized(head, repository);
        if (head.status() == 404) {
            return null;
        }
        requireOk(head, "Looking up " + url);
        Answer sidecar = client.get(url + ".sha1");
        if (sidecar.ok() && !sidecar.text().isBlank()) {
            return sidecar.text().strip().split("\\s+")[0].toLowerCase(Locale.ROOT);
        }
        Answer content = client.get(url);
        requireOk(content, "Reading " + url);
        return Checksums.of(content.body()).sha1();
    }

    /** Every staged file missing or different from the manifest; empty when the staged copy is complete. */
    private List<String> check(StagingManifest manifest) {
        List<String> problems = new ArrayList<>();
        parallel(manifest.entries().stream().filter(e -> !e.isChecksum()).toList(), e -> {
            String found = sha1(options().stagingUrl() + "/" + e.path(), options().stagingUrl());
            String problem = found == null ? e.path() + ": not in the staging repository"
                    : found.equals(e.sha1()) ? null : e.path() + ": staged SHA-1 " + found + ", expected " + e.sha1();
            if (problem != null) {
                synchronized (problems) {
                    problems.add(problem);
                }
            }
            return null;
        }, "Verifying the staged copy");
        problems.sort(String::compareTo);
        return problems;
    }

    private Optional<StagingManifest> manifest(StagingTarget target) {
        Answer answer = client.get(options().stagingUrl() + "/" + StagingManifest.path(target));
        requireAuthorized(answer, options().stagingUrl());
        if (answer.status() == 404) {
            return Optional.empty();
        }
        requireOk(answer, "Reading the staging manifest of " + target.marker());
        return Optional.of(StagingManifest.parse(target, answer.text()));
    }

    private <T, R> List<R> parallel(List<T> items, ThrowingFunction<T, R> task, String what) {
        List<Callable<R>> tasks = items.stream().<Callable<R>>map(i -> () -> task.apply(i)).toList();
        Parallel.Results<R> results;
        try {
            results = Parallel.run(tasks, options().threads(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StagingException(what + ": interrupted", e);
        }
        if (!results.failures().isEmpty()) {
            Throwable first = results.failures().get(0);
            if (first instanceof StagingException se && results.failures().size() == 1) {
                throw se;
            }
            throw new StagingException(what + " failed (" + results.failures().size() + " file(s) failed, "
                    + results.notRun() + " not attempted): " + first.getMessage(), first);
        }
        return results.values();
    }

    /** A task over one item that may fail with an I/O error. */
    @FunctionalInterface
    private interface ThrowingFunction<T, R> {
        R apply(T item) throws IOException;
    }

    private String search(String group, String name, String version, String token) {
        Function<String, String> enc = v -> URLEncoder.encode(v, StandardCharsets.UTF_8);
        return options().nexusBase() + "/service/rest/v1/search?repository=" + enc.apply(options().stagingName())
                + "&group=" + enc.apply(group) + "&name=" + enc.apply(name) + "&version=" + enc.apply(version)
                + (token == null ? "" : "&continuationToken=" + enc.apply(token));
    }

    /** The area id of a component's staged copy: {@code <staging repository>:<groupId>:<artifactId>:<version>}. */
    String id(StagingTarget target) {
        return options().stagingName() + ":" + target.groupId() + ":" + target.artifactId() + ":" + target.version();
    }

    private StagingTarget target(String id) {
        String[] parts = id.split(":");
        if (parts.length != 4) {
            throw new StagingException("'" + id + "' is not a repository staging id (<repository>:<groupId>:"
                    + "<artifactId>:<version>)");
        }
        return new StagingTarget(parts[1], parts[2], parts[3]);
    }

    static String[] coordinates(String directory) {
        String[] parts = directory.split("/");
        if (parts.length < 3) {
            throw new StagingException("'" + directory + "' is not a groupId/artifactId/version directory");
        }
        return new String[] {String.join(".", java.util.Arrays.copyOf(parts, parts.length - 2)),
                parts[parts.length - 2], parts[parts.length - 1]};
    }

    private RepositoryOptions options() {
        return client.options();
    }

    private static JsonNode json(Answer answer) {
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new StagingException("The Nexus search API answered something that is not JSON: " + answer.text());
        }
    }

    private void requireAuthorized(Answer answer, String where) {
        if (answer.status() == 401 || answer.status() == 403) {
            throw new StagingException(where + " refused the credentials of server '"
                    + options().credentials().serverId() + "' (HTTP " + answer.status() + "): check its username and"
                    + " password in settings.xml (-Dgio.staging.serverId) and that the user may read, write and delete");
        }
    }

    private static void requireOk(Answer answer, String what) {
        if (!answer.ok()) {
            throw new StagingException(what + " failed: " + answer.message());
        }
    }
}

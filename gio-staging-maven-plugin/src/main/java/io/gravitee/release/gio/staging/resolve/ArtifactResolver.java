package io.gravitee.release.gio.staging.resolve;

import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.staging.StagingException;
import io.gravitee.release.gio.transfer.Checksums;
import io.gravitee.release.gio.transfer.Parallel;
import io.gravitee.release.gio.transfer.Progress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Resolves every file of every released module from the source repository into a local directory (Maven
 * repository layout), in parallel, each with its {@code .asc} and the repository's {@code .sha1}/{@code .md5}.
 * Fails before anything is staged when the repository cannot be reached or lacks a POM, a main artifact or
 * a configured classifier (all such files are named at once); a missing sources or javadoc jar or signature
 * is left for the validation rules to report with the rest.
 */
public final class ArtifactResolver {
    private final ArtifactFetcher fetcher;
    private final AttachedFileDiscovery discovery;
    private final Console console;
    private final int threads;

    public ArtifactResolver(ArtifactFetcher fetcher, AttachedFileDiscovery discovery, Console console, int threads) {
        this.fetcher = fetcher;
        this.discovery = discovery;
        this.console = console;
        this.threads = Math.max(1, threads);
    }

    /**
     * Reads the released modules from the POMs of the git checkout {@code checkout} at {@code tag}
     * ({@link ReleaseTag#LAST_TAG} for the newest tag reachable from HEAD), then resolves them into
     * {@code directory}.
     */
    public ResolvedComponent resolveAtTag(Path checkout, String tag, Path directory) {
        return resolveAtTag(checkout, tag, directory, root -> {});
    }

    /**
     * As {@link #resolveAtTag(Path, String, Path)}, telling {@code rootFound} the root module once the POMs are read,
     * so that a caller can start what needs only its coordinates (asking the staging server for the profile) while
     * the files are resolved.
     */
    public ResolvedComponent resolveAtTag(Path checkout, String tag, Path directory, Consumer<ReleasedModule> rootFound) {
        try (ReleaseTag release = ReleaseTag.open(checkout, tag)) {
            List<ReleasedModule> modules = new ModuleScanner(release::read).scan();
            console.info("Release tag " + release.name() + ": " + modules.size() + " released module(s) of "
                    + modules.get(0).gav());
            rootFound.accept(modules.get(0));
            return resolve(release.name(), modules, directory);
        }
    }

    /** Resolves {@code modules} into {@code directory}. */
    public ResolvedComponent resolve(String tag, List<ReleasedModule> modules, Path directory) {
        Map<String, AttachedFileDiscovery.Method> methods = new LinkedHashMap<>();
        List<ArtifactFile> wanted = new ArrayList<>();
        List<ArtifactFile> expected = new ArrayList<>();
        try {
            for (ReleasedModule module : modules) {
                AttachedFileDiscovery.Discovered found = discovery.discover(module);
                methods.put(module.gav(), found.method());
                wanted.addAll(found.files());
                expected.addAll(discovery.expected(module));
            }
        } catch (IOException e) {
            throw unreachable(e);
        }
        console.info("Resolving " + wanted.size() + " files of " + modules.size() + " module(s) from "
                + fetcher.describe());
        Progress progress = Progress.of("Resolve", wanted.size(), 0, console);
        List<Callable<ResolvedFile>> tasks = new ArrayList<>();
        for (ArtifactFile artifact : wanted) {
            tasks.add(() -> {
                ResolvedFile resolved = fetchOne(artifact, directory);
                if (resolved != null) {
                    progress.addBytes(resolved.checksums().size());
                }
                progress.fileDone();
                return resolved;
            });
        }
        Parallel.Results<ResolvedFile> results;
        try {
            results = Parallel.run(tasks, threads, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StagingException("Interrupted while resolving from " + fetcher.describe(), e);
        }
        if (!results.failures().isEmpty()) {
            Throwable first = results.failures().get(0);
            if (first instanceof IOException io) {
                throw unreachable(io);
            }
            throw first instanceof RuntimeException r ? r : new StagingException(first.getMessage(), first);
        }
        progress.finish();
        List<ResolvedFile> files = new ArrayList<>();
        List<ArtifactFile> missing = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i++) {
            ResolvedFile file = results.values().get(i);
            if (file == null) {
                missing.add(wanted.get(i));
            } else {
                files.add(file);
            }
        }
        List<String> required = missing.stream()
                .filter(a -> expected.contains(a) && !a.classifier().equals("sources") && !a.classifier().equals("javadoc"))
                .map(a -> a + " (" + a.path() + ")")
                .toList();
        if (!required.isEmpty()) {
            throw new StagingException("The source repository " + fetcher.describe() + " lacks " + required.size()
                    + " released file(s); nothing was staged:\n  - " + String.join("\n  - ", required)
                    + "\nWas the component deployed there from tag " + tag + "?");
        }
        return new ResolvedComponent(tag, modules, files, missing, methods, directory);
    }

    private ResolvedFile fetchOne(ArtifactFile artifact, Path directory) throws IOException {
        Path target = directory.resolve(artifact.path());
        if (!fetcher.fetch(artifact, target)) {
            return null;
        }
        Checksums checksums = Checksums.ofMaven(target);
        Path signature = directory.resolve(artifact.withSuffix(".asc").path());
        if (!fetcher.fetch(artifact.withSuffix(".asc"), signature)) {
            signature = null;
        }
        String sha1 = declared(artifact.withSuffix(".sha1"), directory);
        String md5 = declared(artifact.withSuffix(".md5"), directory);
        return new ResolvedFile(artifact, target, checksums, signature, sha1, md5);
    }

    private String declared(ArtifactFile sidecar, Path directory) throws IOException {
        Path target = directory.resolve(sidecar.path() + ".source");
        if (!fetcher.fetch(sidecar, target)) {
            return null;
        }
        String text = Files.readString(target, StandardCharsets.ISO_8859_1).strip();
        Files.delete(target);
        return text.isEmpty() ? "" : text.split("\\s+")[0].toLowerCase(Locale.ROOT);
    }

    private StagingException unreachable(IOException e) {
        return new StagingException("Cannot resolve from the source repository " + fetcher.describe() + ": "
                + e.getMessage() + ". Nothing was staged; check -Dgio.staging.sourceRepository and that the repository"
                + " is up.", e);
    }
}

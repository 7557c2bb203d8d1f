package io.gravitee.release.gio.staging.resolve;

import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.staging.StagingException;
import io.gravitee.release.gio.staging.model.BuildAttachments;
import io.gravitee.release.gio.staging.model.EffectiveModels;
import io.gravitee.release.gio.staging.model.EffectivePom;
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
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Resolves every file of every released module from the source repository into a local directory (Maven
 * repository layout), in parallel, each with its {@code .asc} and the repository's {@code .sha1}/{@code .md5}.
 * Fails before anything is staged when the repository cannot be reached or lacks a POM, a main artifact or
 * a configured classifier (all such files are named at once); a missing sources or javadoc jar or signature
 * is left for the validation rules to report with the rest.
 */
public final class ArtifactResolver {
    /** The profile gio-release builds with by default, active when the deployed POMs' models are built. */
    private static final List<String> ACTIVE_PROFILES = List.of("gio-release");

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
            return resolve(release.name(), modules, directory, release::read);
        }
    }

    /**
     * Resolves {@code modules} into {@code directory}: their POMs first (as deployed: a POM the repository lacks is
     * missing, never taken from the work tree), then their effective models (parents from the source repository),
     * then every file of their deployed set ({@link AttachedFileDiscovery}, with what the models say the build
     * attaches).
     *
     * @param tagFiles reads a file of the component at the release tag (assembly descriptors)
     */
    public ResolvedComponent resolve(String tag, List<ReleasedModule> modules, Path directory,
            Function<String, Optional<byte[]>> tagFiles) {
        List<ArtifactFile> poms = modules.stream().map(m -> new ArtifactFile(m, "", "pom")).toList();
        List<ResolvedFile> resolvedPoms = fetchAll(poms, directory, "POMs");
        List<String> lacking = new ArrayList<>();
        for (int i = 0; i < poms.size(); i++) {
            if (resolvedPoms.get(i) == null) {
                lacking.add(poms.get(i) + " (" + poms.get(i).path() + ")");
            }
        }
        if (!lacking.isEmpty()) {
            throw new StagingException("The source repository " + fetcher.describe() + " lacks " + lacking.size()
                    + " released POM(s); nothing was staged:\n  - " + String.join("\n  - ", lacking)
                    + "\nStaging publishes the POMs as they were deployed (their .asc signs those bytes), never the"
                    + " work tree's. Was the component deployed there from tag " + tag + "?");
        }
        EffectiveModels effective = new EffectiveModels(fetcher,
                directory.resolveSibling(directory.getFileName() + "-parents"), ACTIVE_PROFILES);
        BuildAttachments attachments = new BuildAttachments(tagFiles);
        Map<String, EffectivePom> models = new LinkedHashMap<>();
        Map<String, AttachedFileDiscovery.Method> methods = new LinkedHashMap<>();
        Map<ArtifactFile, ResolvedFile> done = new LinkedHashMap<>();
        List<ArtifactFile> wanted = new ArrayList<>();
        List<ArtifactFile> required = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < modules.size(); i++) {
            ReleasedModule module = modules.get(i);
            ResolvedFile pom = resolvedPoms.get(i);
            done.put(pom.artifact(), pom);
            EffectivePom model = effective.build(module, pom.file(), pom.path());
            models.put(pom.path(), model);
            BuildAttachments.Found attached = model.model() == null ? new BuildAttachments.Found(List.of(), List.of())
                    : attachments.of(module, model);
            attached.notes().forEach(console::warn);
            AttachedFileDiscovery.Discovered found;
            try {
                found = discovery.discover(module, attached.files());
            } catch (IOException e) {
                throw unreachable(e);
            }
            methods.put(module.gav(), found.method());
            found.unknown().forEach(name -> unknown.add(module.directory() + "/" + name));
            required.addAll(discovery.expected(module));
            required.addAll(attached.files());
            if (found.method() == AttachedFileDiscovery.Method.LEDGER) {
                required.addAll(found.files()); // recorded as deployed: each one must be published
            }
            wanted.addAll(found.files());
            console.info("  " + module.gav() + ": " + found.files().size() + " file(s), listed by "
                    + found.method().description() + ": " + String.join(", ", found.files().stream()
                            .map(f -> f.fileName().substring(module.artifactId().length() + module.version().length() + 1))
                            .toList()));
        }
        if (!unknown.isEmpty()) {
            throw new StagingException("The source repository " + fetcher.describe() + " holds " + unknown.size()
                    + " file(s) of this release that would not be published; nothing was staged:\n  - "
                    + String.join("\n  - ", unknown) + "\nA published version is immutable: remove the file(s) from"
                    + " the repository if they are not part of the release, or rename them artifactId-version[-classifier].ext.");
        }
        List<ArtifactFile> rest = wanted.stream().filter(f -> !done.containsKey(f)).toList();
        console.info("Resolving " + rest.size() + " more file(s) of " + modules.size() + " module(s) from "
                + fetcher.describe());
        List<ResolvedFile> fetched = fetchAll(rest, directory, "Resolve");
        for (int i = 0; i < rest.size(); i++) {
            done.put(rest.get(i), fetched.get(i));
        }
        List<ResolvedFile> files = new ArrayList<>();
        List<ArtifactFile> missing = new ArrayList<>();
        for (ArtifactFile artifact : wanted) {
            ResolvedFile file = done.get(artifact);
            if (file == null) {
                missing.add(artifact);
            } else {
                files.add(file);
            }
        }
        List<String> absent = missing.stream()
                .filter(a -> required.contains(a) && !a.classifier().equals("sources") && !a.classifier().equals("javadoc"))
                .map(a -> a + " (" + a.path() + ")")
                .toList();
        if (!absent.isEmpty()) {
            throw new StagingException("The source repository " + fetcher.describe() + " lacks " + absent.size()
                    + " released file(s); nothing was staged:\n  - " + String.join("\n  - ", absent)
                    + "\nWas the component deployed there from tag " + tag + "?");
        }
        return new ResolvedComponent(tag, modules, files, missing, methods, directory, models);
    }

    /** Fetches {@code artifacts} in parallel; null in the place of each one the repository does not have. */
    private List<ResolvedFile> fetchAll(List<ArtifactFile> artifacts, Path directory, String what) {
        Progress progress = Progress.of(what, artifacts.size(), 0, console);
        List<Callable<ResolvedFile>> tasks = new ArrayList<>();
        for (ArtifactFile artifact : artifacts) {
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
        return results.values();
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

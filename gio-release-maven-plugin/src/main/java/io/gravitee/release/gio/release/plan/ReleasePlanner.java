package io.gravitee.release.gio.release.plan;

import io.gravitee.release.gio.git.GitCredentials;
import io.gravitee.release.gio.ledger.ComponentEntry;
import io.gravitee.release.gio.ledger.LedgerState;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.manifest.Component;
import io.gravitee.release.gio.manifest.Manifest;
import io.gravitee.release.gio.manifest.Version;
import io.gravitee.release.gio.release.product.ReleaseRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;

/**
 * Works out what a release of a manifest has to do, reading only: the release repository's
 * tags say whether the release started or finished, the ledger file says what failed before, and
 * each pending component's remote says whether its release tag already exists (a run that died
 * after tagging; the release will record it without rebuilding).
 */
public final class ReleasePlanner {
    static final String TO_RELEASE = "to release";

    private final Console console;

    public ReleasePlanner(Console console) {
        this.console = console;
    }

    /** A plan from the manifest alone. */
    public ReleasePlan plan(Manifest manifest) {
        return new ReleasePlan(manifest.plan(), Map.of(), "not checked", manifest.warnings());
    }

    /**
     * A plan that also reads the release checkout ({@code checkout}, may be a plain directory)
     * and the components' remotes ({@code urlOf}); unreachable remotes are warnings, not errors.
     */
    public ReleasePlan plan(Manifest manifest, Path checkout, Function<String, String> urlOf,
                            Optional<GitCredentials> credentials) {
        List<String> warnings = new ArrayList<>(manifest.warnings());
        Version product = manifest.version().release();
        String progress = releaseProgress(checkout, product, credentials, warnings);
        LedgerState ledger = ledger(checkout, warnings);
        Map<String, String> status = new LinkedHashMap<>();
        for (Component component : manifest.plan().components()) {
            String version = component.releaseVersion().toString();
            String url = urlOf.apply(component.name());
            try {
                if (tags(url, credentials).contains(version)) {
                    status.put(component.name(), "tag " + version + " exists on its remote: will be recorded, not rebuilt");
                    continue;
                }
            } catch (GitAPIException | RuntimeException e) {
                warnings.add(component.name() + ": cannot list the tags of " + url + ": " + e.getMessage());
            }
            Optional<ComponentEntry> entry = ledger.component(component.name());
            status.put(component.name(), entry.filter(e -> e.lastError() != null)
                    .map(e -> "failed " + e.attempts() + " time(s), last: " + e.lastError())
                    .orElse(TO_RELEASE));
        }
        console.debug("Planned " + manifest + ": " + status);
        return new ReleasePlan(manifest.plan(), status, progress, warnings);
    }

    private static String releaseProgress(Path checkout, Version product, Optional<GitCredentials> credentials,
                                          List<String> warnings) {
        if (!Files.isDirectory(checkout.resolve(".git"))) {
            return "not checked (not in a git checkout)";
        }
        try (Git git = Git.open(checkout.toFile())) {
            String url = git.getRepository().getConfig().getString("remote", "origin", "url");
            if (url == null) {
                return "not checked (no origin remote)";
            }
            Collection<String> tags = tags(url, credentials);
            if (tags.contains(product.toString())) {
                return "finished (tag " + product + ")";
            }
            return tags.contains(product + "_START") ? "started (tag " + product + "_START): the release will resume"
                    : "not started";
        } catch (Exception e) {
            warnings.add("Cannot read the release repository's tags: " + e.getMessage());
            return "unknown";
        }
    }

    private static LedgerState ledger(Path checkout, List<String> warnings) {
        Path file = checkout.resolve(ReleaseRequest.LEDGER_FILE);
        if (!Files.isRegularFile(file)) {
            return LedgerState.empty(io.gravitee.release.gio.ledger.Lifecycle.RELEASE);
        }
        try {
            return LedgerState.fromJson(Files.readAllBytes(file), file.toString());
        } catch (Exception e) {
            warnings.add("Cannot read the ledger " + file + ": " + e.getMessage());
            return LedgerState.empty(io.gravitee.release.gio.ledger.Lifecycle.RELEASE);
        }
    }

    private static Collection<String> tags(String url, Optional<GitCredentials> credentials) throws GitAPIException {
        var command = Git.lsRemoteRepository().setRemote(url).setTags(true).setHeads(false);
        credentials.ifPresent(c -> command.setCredentialsProvider(c.provider()));
        List<String> names = new ArrayList<>();
        for (Ref ref : command.call()) {
            names.add(ref.getName().substring(Constants.R_TAGS.length()).replace("^{}", ""));
        }
        return names;
    }
}

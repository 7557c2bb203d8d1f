package io.gravitee.release.gio.staging.nexus2;

import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.staging.StagingException;
import io.gravitee.release.gio.staging.backend.StagedFile;
import io.gravitee.release.gio.staging.nexus2.Nexus2Client.Answer;
import io.gravitee.release.gio.transfer.Parallel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Where released files are served, read anonymously to see what is already published: {@code -Dgio.staging.publicUrl}
 * when given, else {@code <url>/content/repositories/releases} on a full Nexus 2 and Maven Central when the server is
 * Sonatype's OSSRH Staging API service, which serves no released file itself (they appear on Central).
 */
final class PublicRepository {
    private final Nexus2Client client;
    private final Console console;
    private String url;

    PublicRepository(Nexus2Client client, Console console) {
        this.client = client;
        this.console = console;
        this.url = client.options().publicUrl();
    }

    /**
     * The public repository's base URL, chosen once. Without {@code publicUrl}, one request tells which server this
     * is: {@code GET profile_repositories}, a route the OSSRH service lacks and answers 401 without an authentication
     * challenge ({@link OssrhService}), while a full Nexus 2 serves it (gio lists it anyway to find its repositories)
     * or, when the credentials are wrong, challenges them, which the staging calls then report. Asked of the staging
     * API rather than of {@code content/} so that the public checks stay one HEAD per file.
     */
    synchronized String url() {
        if (url == null) {
            Answer probe = client.get("profile_repositories");
            if (OssrhService.lacksRoute(probe.status(), probe.challenged())) {
                url = OssrhService.MAVEN_CENTRAL;
                console.info(client.options().url() + " answers a Nexus 2 route with HTTP 401 without a challenge: it is"
                        + " the OSSRH Staging API service, which serves no released file, so what is already published"
                        + " is read on Maven Central " + url + " (-Dgio.staging.publicUrl overrides)");
            } else {
                url = client.options().url() + "/content/repositories/releases";
            }
        }
        return url;
    }

    /** Public-repository checks in flight at once per component. */
    private static final int PUBLIC_CHECKS = 16;

    /**
     * How many of {@code files} the public repository already serves. A staging repository is released whole, so a
     * module whose POM is not public is not published: its POM is checked first, and the module's other files only
     * when it is (which is how a partial publication is still found). A file published with other content stops
     * everything.
     */
    int countPublished(List<StagedFile> files) {
        Map<String, List<StagedFile>> modules = new LinkedHashMap<>();
        for (StagedFile file : files) {
            if (!file.isChecksum()) {
                modules.computeIfAbsent(file.path().substring(0, file.path().lastIndexOf('/') + 1),
                        m -> new ArrayList<>()).add(file);
            }
        }
        Map<String, StagedFile> pomOf = new LinkedHashMap<>();
        modules.forEach((dir, module) -> module.stream().filter(f -> f.path().endsWith(".pom")).findFirst()
                .ifPresent(pom -> pomOf.put(dir, pom)));
        List<StagedFile> poms = List.copyOf(pomOf.values());
        List<String> results = new ArrayList<>(checkPublished(poms));
        List<StagedFile> rest = new ArrayList<>();
        modules.forEach((dir, module) -> {
            StagedFile pom = pomOf.get(dir);
            if (pom == null || !results.get(poms.indexOf(pom)).isEmpty()) {
                module.stream().filter(f -> f != pom).forEach(rest::add);
            }
        });
        results.addAll(checkPublished(rest));
        int present = 0;
        List<String> different = new ArrayList<>();
        for (String result : results) {
            if (!result.isEmpty()) {
                present++;
            }
            if (result.startsWith("different:")) {
                different.add(result.substring("different:".length()));
            }
        }
        if (!different.isEmpty()) {
            throw new StagingException("The public repository " + url()
                    + " already serves different content for:\n  - " + String.join("\n  - ", different)
                    + "\nA published version is immutable: release a new version instead.");
        }
        return present;
    }

    /** {@link #published} of each file, in order; small GETs bound by round trips, so many at once. */
    private List<String> checkPublished(List<StagedFile> files) {
        List<Callable<String>> checks = new ArrayList<>();
        for (StagedFile file : files) {
            checks.add(() -> published(file));
        }
        Parallel.Results<String> results;
        try {
            results = Parallel.run(checks, Math.max(PUBLIC_CHECKS, client.options().threads()), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StagingException("Interrupted while checking " + url());
        }
        if (!results.failures().isEmpty()) {
            Throwable first = results.failures().get(0);
            throw first instanceof StagingException s ? s : new StagingException(first.getMessage(), first);
        }
        return results.values();
    }

    /**
     * "" when absent, "same" when published with the same SHA-1 (or without one), "different:..." otherwise. A HEAD
     * of the file settles the usual answer, absent, in one round trip; the SHA-1 is read only for a file that is there.
     */
    private String published(StagedFile file) throws IOException {
        String base = url();
        String url = base + "/" + file.path();
        Answer content = client.headPublic(url);
        if (content.status() == 404) {
            return "";
        }
        requireOk(content, "Checking " + file.path() + " in " + base);
        Answer sha1 = client.getPublic(url + ".sha1");
        if (sha1.status() == 404) {
            return "same";
        }
        requireOk(sha1, "Checking " + file.path() + " in " + base);
        String declared = sha1.body().strip().split("\\s+")[0].toLowerCase(Locale.ROOT);
        return declared.equals(file.sha1()) ? "same"
                : "different:" + file.path() + " (published SHA-1 " + declared + ", resolved " + file.sha1() + ")";
    }

    private static void requireOk(Answer answer, String what) {
        if (!answer.ok()) {
            throw new StagingException(what + " failed: HTTP " + answer.status() + ": " + answer.message());
        }
    }
}

package io.gravitee.release.gio.staging.central;

import com.fasterxml.jackson.databind.JsonNode;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.staging.StagingException;
import io.gravitee.release.gio.staging.backend.PollTimeoutException;
import io.gravitee.release.gio.staging.backend.StagedFile;
import io.gravitee.release.gio.staging.backend.StagingArea;
import io.gravitee.release.gio.staging.backend.StagingArea.Status;
import io.gravitee.release.gio.staging.backend.StagingBackend;
import io.gravitee.release.gio.staging.backend.StagingTarget;
import io.gravitee.release.gio.staging.central.CentralClient.Answer;
import io.gravitee.release.gio.transfer.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code central} backend: the Central Portal Publisher API. Opening allocates nothing on the Portal, so the
 * area gets a {@value #PENDING} placeholder id until the upload answers with the deployment id (the staging service
 * records that id before the first status poll). The bundle is uploaded {@code USER_MANAGED}: validation never
 * publishes by itself, so a deployment whose id was lost (a crash between the upload's answer and the ledger commit)
 * is never published by anybody and only waits to expire. A bundle over the Portal's size limit is split per Maven
 * component into several deployments; the area's id then lists them, comma separated, and every step applies to
 * each. The Portal cannot list deployments ({@link #canList()} is false): the ledger's ids are all that is known.
 */
public final class CentralBackend implements StagingBackend {
    /** Prefix of the id of an area whose bundle is not uploaded yet. */
    public static final String PENDING = "pending:";

    private final CentralClient client;
    private final Console console;

    public CentralBackend(CentralOptions options, Console console) {
        this.client = new CentralClient(options, console);
        this.console = console;
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String name() {
        return "central";
    }

    /** Reads whether the component is published: proves the Portal answers and takes the token. */
    @Override
    public void preflight(StagingTarget target) {
        Answer answer = client.published(target.groupId(), target.artifactId(), target.version());
        requireAuthorized(answer);
        requireOk(answer, "Asking the Central Portal whether " + target.marker() + " is published");
    }

    @Override
    public int countPublished(List<StagedFile> files) {
        int present = 0;
        List<String> different = new ArrayList<>();
        for (Map.Entry<String, List<StagedFile>> component : CentralBundle.byComponent(files).entrySet()) {
            String[] gav = coordinates(component.getKey());
            Answer answer = client.published(gav[0], gav[1], gav[2]);
            requireAuthorized(answer);
            requireOk(answer, "Asking the Central Portal whether " + String.join(":", gav) + " is published");
            if (!CentralClient.parse(answer, "published").path("published").asBoolean(false)) {
                continue;
            }
            for (StagedFile file : component.getValue()) {
                if (file.isChecksum()) {
                    continue;
                }
                present++;
                if (client.options().publicUrl() != null) {
                    Answer sha1 = client.getPublic(client.options().publicUrl() + "/" + file.path() + ".sha1");
                    String declared = sha1.ok() ? sha1.body().strip().split("\\s+")[0].toLowerCase(Locale.ROOT) : "";
                    if (sha1.ok() && !declared.equals(file.sha1())) {
                        different.add(file.path() + " (published SHA-1 " + declared + ", resolved " + file.sha1() + ")");
                    }
                }
            }
        }
        if (!different.isEmpty()) {
            throw new StagingException("Maven Central already serves different content for:\n  - "
                    + String.join("\n  - ", different) + "\nA published version is immutable: release a new version instead.");
        }
        return present;
    }

    @Override
    public StagingArea inspect(String id) {
        if (id.startsWith(PENDING)) {
            // The upload never answered with a deployment id: there is nothing the Portal can be asked about.
            return new StagingArea(id, id.substring(PENDING.length()), Status.GONE, List.of());
        }
        List<StagingArea> parts = new ArrayList<>();
        for (String deployment : ids(id)) {
            parts.add(inspectOne(deployment));
        }
        return combine(id, parts);
    }

    private StagingArea inspectOne(String id) {
        Answer answer = client.status(id);
        requireAuthorized(answer);
        if (answer.status() == 404) {
            return new StagingArea(id, "", Status.GONE, List.of());
        }
        requireOk(answer, "Reading the status of deployment " + id);
        JsonNode status = CentralClient.parse(answer, "status");
        String state = status.path("deploymentState").asText();
        Status mapped = switch (state) {
            case "PENDING", "VALIDATING" -> Status.VERIFYING;
            case "VALIDATED" -> Status.VERIFIED;
            case "PUBLISHING" -> Status.PUBLISHING;
            case "PUBLISHED" -> Status.PUBLISHED;
            case "FAILED" -> Status.FAILED;
            default -> throw new StagingException("Deployment " + id + " is in a state gio does not know: '" + state
                    + "' (" + answer.body() + ")");
        };
        List<String> problems = new ArrayList<>();
        status.path("errors").fields().forEachRemaining(component -> {
            for (JsonNode message : component.getValue()) {
                problems.add(component.getKey() + ": " + message.asText());
            }
            if (!component.getValue().isArray()) {
                problems.add(component.getKey() + ": " + component.getValue());
            }
        });
        if (mapped == Status.FAILED && problems.isEmpty()) {
            problems.add("deployment " + id + " failed without errors in its status");
        }
        return new StagingArea(id, status.path("deploymentName").asText(""), mapped, problems);
    }

    /** The state of several deployments taken together: the least advanced one, every problem. */
    private static StagingArea combine(String id, List<StagingArea> parts) {
        List<String> problems = parts.stream().flatMap(p -> p.problems().stream()).toList();
        String marker = parts.stream().map(StagingArea::marker).filter(m -> !m.isEmpty()).findFirst().orElse("");
        Status status;
        if (parts.stream().anyMatch(p -> p.status() == Status.FAILED)) {
            status = parts.stream().anyMatch(p -> p.status().transitioning()) ? Status.VERIFYING : Status.FAILED;
        } else if (parts.stream().allMatch(p -> p.status() == Status.GONE)) {
            status = Status.GONE;
        } else {
            List<Status> order = List.of(Status.GONE, Status.VERIFYING, Status.VERIFIED, Status.PUBLISHING, Status.PUBLISHED);
            status = parts.stream().map(StagingArea::status).min((a, b) -> order.indexOf(a) - order.indexOf(b))
                    .orElse(Status.GONE);
        }
        return new StagingArea(id, marker, status, problems);
    }

    @Override
    public boolean canList() {
        return false;
    }

    @Override
    public List<StagingArea> findByMarker(StagingTarget target) {
        return List.of();
    }

    @Override
    public StagingArea open(StagingTarget target) {
        return new StagingArea(PENDING + target.marker(), target.marker(), Status.OPEN, List.of());
    }

    /**
     * Uploads the bundle (several when over the size limit) and returns the area under the deployment id(s).
     * See {@link #uploadWithRetries} for what a failed upload means.
     */
    @Override
    public StagingArea upload(StagingArea area, List<StagedFile> files, Progress progress) {
        List<CentralBundle> bundles = CentralBundle.plan(files, client.options().maxBundleBytes());
        if (bundles.size() > 1) {
            console.warn("The files of " + area.marker() + " exceed the Central Portal's bundle limit of "
                    + Progress.bytes(client.options().maxBundleBytes()) + ": split per Maven component into "
                    + bundles.size() + " deployments, each published on its own");
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < bundles.size(); i++) {
            CentralBundle bundle = bundles.get(i);
            Path zip = null;
            try {
                zip = Files.createTempFile("gio-central-", ".zip");
                long size = bundle.write(zip);
                String name = area.marker() + (bundles.size() > 1 ? " (" + (i + 1) + "/" + bundles.size() + ")" : "");
                Answer answer = uploadWithRetries(name, zip);
                requireAuthorized(answer);
                if (answer.status() == 413) {
                    throw new StagingException("The Central Portal refused the bundle of " + name + " (" + size
                            + " bytes) as too large: " + answer.message() + "; lower -Dgio.staging.maxBundleBytes so"
                            + " that gio splits it per component");
                }
                requireOk(answer, "Uploading the bundle of " + name);
                String id = answer.body().strip();
                if (id.isEmpty()) {
                    throw new StagingException("The Central Portal accepted the bundle of " + name + " without a deployment id");
                }
                ids.add(id);
                bundle.files().forEach(f -> {
                    progress.addBytes(f.size());
                    progress.fileDone();
                });
                console.info("Uploaded " + bundle.files().size() + " files (" + Progress.bytes(size)
                        + ") to the Central Portal as deployment " + id);
            } catch (IOException e) {
                throw new StagingException("Cannot write a temporary bundle: " + e.getMessage(), e);
            } finally {
                deleteQuietly(zip);
            }
        }
        progress.finish();
        return new StagingArea(String.join(",", ids), area.marker(), Status.VERIFYING, List.of());
    }

    /**
     * Sends the upload, again after a 5xx or a lost answer (at most 4 times). The Portal cannot be asked whether a
     * lost attempt created a deployment; such a deployment is {@code USER_MANAGED}, so it is never published and
     * expires: a retry can leave an unpublished deployment behind, never publish twice. Each retry says so.
     */
    private Answer uploadWithRetries(String name, Path zip) {
        for (int attempt = 1; ; attempt++) {
            String failure;
            try {
                Answer answer = client.upload(name, zip);
                if (answer.status() < 500) {
                    return answer;
                }
                failure = "HTTP " + answer.status() + ": " + answer.message();
            } catch (IOException e) {
                failure = e.toString();
            }
            if (attempt >= 4) {
                throw new StagingException("Uploading the bundle of " + name + " to the Central Portal "
                        + client.options().url() + " failed " + attempt + " times: " + failure + "; re-run later");
            }
            console.warn("Uploading the bundle of " + name + " failed (" + failure + "); uploading again (should the"
                    + " Portal have created a deployment anyway, it stays unpublished and expires)");
            sleep(client.options().pollInterval());
        }
    }

    @Override
    public StagingArea verify(StagingArea area, Duration timeout) {
        return await(area.id(), timeout, "validating");
    }

    /**
     * Publishes each validated deployment, then waits. A publish whose answer is lost or refused is sent again
     * only while the deployment still reads {@code VALIDATED}.
     */
    @Override
    public StagingArea publish(StagingArea area, Duration timeout) {
        for (String id : ids(area.id())) {
            StagingArea current = inspectOne(id);
            for (int attempt = 1; current.status() == Status.VERIFIED; attempt++) {
                String failure;
                try {
                    Answer answer = client.publish(id);
                    requireAuthorized(answer);
                    failure = answer.ok() ? null : "HTTP " + answer.status() + ": " + answer.message();
                } catch (IOException e) {
                    failure = e.toString();
                }
                current = inspectOne(id);
                if (current.status() != Status.VERIFIED || failure == null) {
                    break;
                }
                if (attempt >= 4) {
                    throw new StagingException("Could not publish deployment " + id + ": " + failure);
                }
                console.warn("Publishing deployment " + id + " failed (" + failure + "); it is still validated, asking again");
                sleep(client.options().pollInterval());
            }
        }
        return await(area.id(), timeout, "publishing");
    }

    private StagingArea await(String id, Duration timeout, String doing) {
        long deadline = System.nanoTime() + timeout.toNanos();
        StagingArea current = inspect(id);
        while (current.status().transitioning()) {
            if (System.nanoTime() > deadline) {
                throw new PollTimeoutException(current, "Central Portal deployment " + id + " was still " + doing
                        + " after " + timeout.toSeconds() + " s; the Portal goes on: re-run to pick up its outcome"
                        + " (the deployment id is in the ledger, nothing is uploaded again)");
            }
            sleep(client.options().pollInterval());
            current = inspect(id);
        }
        return current;
    }

    @Override
    public Optional<String> drop(StagingArea area) {
        if (area.id().startsWith(PENDING)) {
            return Optional.empty();
        }
        List<String> refusals = new ArrayList<>();
        for (String id : ids(area.id())) {
            Answer answer;
            try {
                answer = client.drop(id);
            } catch (IOException e) {
                answer = null;
            }
            if (answer != null && (answer.ok() || answer.status() == 404)) {
                console.info("Dropped Central Portal deployment " + id);
                continue;
            }
            StagingArea now = inspectOne(id);
            if (now.status() != Status.GONE) {
                refusals.add("dropping deployment " + id + " (" + now.status().name().toLowerCase(Locale.ROOT)
                        + ") failed: " + (answer == null ? "no answer" : answer.message()));
            }
        }
        return refusals.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", refusals));
    }

    /** {@code io/gravitee/x/1.0.0} → groupId, artifactId, version. */
    static String[] coordinates(String directory) {
        String[] parts = directory.split("/");
        if (parts.length < 3) {
            throw new StagingException("'" + directory + "' is not a groupId/artifactId/version directory");
        }
        return new String[] {String.join(".", Arrays.copyOf(parts, parts.length - 2)), parts[parts.length - 2],
                parts[parts.length - 1]};
    }

    private static List<String> ids(String id) {
        return Arrays.stream(id.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private void requireAuthorized(Answer answer) {
        if (answer.status() == 401 || answer.status() == 403) {
            throw new StagingException("The Central Portal " + client.options().url() + " refused the user token of"
                    + " server '" + client.options().credentials().serverId() + "' (HTTP " + answer.status() + ": "
                    + answer.message() + "): put a Portal user token's name and password in settings.xml"
                    + " (-Dgio.staging.serverId)");
        }
    }

    private static void requireOk(Answer answer, String what) {
        if (!answer.ok()) {
            throw new StagingException(what + " failed: HTTP " + answer.status() + ": " + answer.message());
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StagingException("Interrupted while waiting for the Central Portal");
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A temporary file.
            }
        }
    }
}

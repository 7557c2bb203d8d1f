package io.gravitee.release.gio.staging.nexus2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.staging.StagingException;
import io.gravitee.release.gio.staging.backend.PollTimeoutException;
import io.gravitee.release.gio.staging.backend.StagedFile;
import io.gravitee.release.gio.staging.backend.StagingArea;
import io.gravitee.release.gio.staging.backend.StagingArea.Status;
import io.gravitee.release.gio.staging.backend.StagingBackend;
import io.gravitee.release.gio.staging.backend.StagingTarget;
import io.gravitee.release.gio.staging.nexus2.Nexus2Client.Answer;
import io.gravitee.release.gio.transfer.Parallel;
import io.gravitee.release.gio.transfer.Progress;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The {@code nexus2} backend: Nexus 2 staging, and Sonatype's OSSRH Staging API service, which offers a subset
 * of it (no {@code profile_repositories}, no {@code activity}, no {@code bulk/drop}, no {@code content/}). What the
 * server lacks is detected from how it refuses ({@link OssrhService}) and worked around: without a listing only the
 * ledger's ids are known, without activity the repository's notification count is reported, a repository is dropped
 * through the service's {@code manual/drop/repository/}, and released files are read on Maven Central
 * ({@link PublicRepository}).
 */
public final class Nexus2Backend implements StagingBackend {
    private final Nexus2Client client;
    private final Console console;
    private final PublicRepository publicRepository;
    private volatile String profileId;
    private volatile boolean listingRefused;
    /** Set once {@code bulk/drop} was refused as a route the server lacks: drops then go to the manual endpoint. */
    private volatile boolean manualDrop;

    public Nexus2Backend(Nexus2Options options, Console console) {
        this.client = new Nexus2Client(options, console);
        this.console = console;
        this.publicRepository = new PublicRepository(client, console);
        this.profileId = options.profileId();
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String name() {
        return "nexus2";
    }

    @Override
    public void preflight(StagingTarget target) {
        String url = client.options().url();
        if (profileId != null) {
            Answer answer = client.get("profiles/" + profileId);
            requireAuthorized(answer);
            if (answer.status() == 404) {
                throw new StagingException("Nexus " + url + " has no staging profile '" + profileId + "' ("
                        + answer.message() + "): fix -Dgio.staging.profileId, or leave it out to use the profile"
                        + " Nexus evaluates for " + target.groupId());
            }
            requireOk(answer, "Reading staging profile " + profileId);
            publicRepository.url(); // chosen here, once, so that the run says early where it reads what is public
            return;
        }
        Answer answer = client.get("profile_evaluate?t=maven2&g=" + target.groupId() + "&a=" + target.artifactId()
                + "&v=" + target.version());
        requireAuthorized(answer);
        requireOk(answer, "Evaluating the staging profile of " + target.groupId());
        JsonNode data = Nexus2Client.parse(answer, "profile_evaluate").path("data");
        if (!data.isArray() || data.isEmpty()) {
            throw new StagingException("No staging profile of Nexus " + url + " matches groupId " + target.groupId()
                    + ": the deployment user cannot stage it; give -Dgio.staging.profileId or request the namespace");
        }
        profileId = data.get(0).path("id").asText();
        console.info("Staging profile " + profileId + " (" + data.get(0).path("name").asText() + ") evaluated for "
                + target.groupId());
        publicRepository.url();
    }

    /**
     * How many of {@code files} the public repository already serves ({@link PublicRepository}); a file published with
     * other content stops everything.
     */
    @Override
    public int countPublished(List<StagedFile> files) {
        return publicRepository.countPublished(files);
    }

    /** Where released files are read: {@code -Dgio.staging.publicUrl}, else the default for this kind of server. */
    public String publicUrl() {
        return publicRepository.url();
    }

    @Override
    public StagingArea inspect(String id) {
        Answer answer = client.get("repository/" + id);
        if (answer.status() == 404) {
            return new StagingArea(id, "", Status.GONE, List.of());
        }
        requireAuthorized(answer);
        requireOk(answer, "Reading staging repository " + id);
        JsonNode repo = Nexus2Client.parse(answer, "repository/" + id);
        return area(repo);
    }

    private StagingArea area(JsonNode repo) {
        String id = repo.path("repositoryId").asText();
        String type = repo.path("type").asText();
        boolean transitioning = repo.path("transitioning").asBoolean();
        int notifications = repo.path("notifications").asInt();
        Status status = switch (type) {
            case "open" -> transitioning ? Status.VERIFYING : notifications > 0 ? Status.FAILED : Status.OPEN;
            case "closed" -> transitioning ? Status.PUBLISHING : notifications > 0 ? Status.FAILED : Status.VERIFIED;
            case "released" -> Status.PUBLISHED;
            default -> Status.GONE;
        };
        List<String> problems = status == Status.FAILED ? failures(id, notifications) : List.of();
        return new StagingArea(id, repo.path("description").asText(""), status, problems);
    }

    /** Each failed rule of the repository's last transition, from its activity (or what OSSRH lets us know). */
    private List<String> failures(String id, int notifications) {
        Answer answer = client.get("repository/" + id + "/activity");
        if (refusedByOssrh(answer)) {
            return List.of("Nexus reports " + notifications + " notification(s) on " + id + "; the OSSRH Staging API"
                    + " does not expose the rule activity: see the repository in the Central Portal / Nexus UI");
        }
        requireOk(answer, "Reading the activity of " + id);
        JsonNode activities = Nexus2Client.parse(answer, "activity");
        List<String> problems = new ArrayList<>();
        if (activities.isArray() && !activities.isEmpty()) {
            JsonNode last = activities.get(activities.size() - 1);
            for (JsonNode event : last.path("events")) {
                if (!event.path("name").asText().equals("ruleFailed")) {
                    continue;
                }
                String rule = "";
                List<String> messages = new ArrayList<>();
                for (JsonNode property : event.path("properties")) {
                    switch (property.path("name").asText()) {
                        case "rule" -> rule = property.path("value").asText();
                        case "failureMessage" -> messages.add(property.path("value").asText());
                        default -> { }
                    }
                }
                problems.add(rule + ": " + String.join("; ", messages));
            }
        }
        if (problems.isEmpty()) {
            problems.add(notifications + " notification(s) on " + id + " without a failed rule in its activity");
        }
        return problems;
    }

    @Override
    public boolean canList() {
        return !listingRefused;
    }

    @Override
    public List<StagingArea> findByMarker(StagingTarget target) {
        if (listingRefused) {
            return List.of();
        }
        Answer answer = client.get("profile_repositories" + (profileId == null ? "" : "/" + profileId));
        if (refusedByOssrh(answer)) {
            listingRefused = true;
            console.info("The server offers no listing of staging repositories (OSSRH Staging API): only the ledger's"
                    + " record of earlier attempts is used");
            return List.of();
        }
        requireAuthorized(answer);
        requireOk(answer, "Listing staging repositories");
        List<StagingArea> found = new ArrayList<>();
        for (JsonNode repo : Nexus2Client.parse(answer, "profile_repositories").path("data")) {
            if (repo.path("description").asText("").equals(target.marker())) {
                found.add(area(repo));
            }
        }
        return found;
    }

    @Override
    public StagingArea open(StagingTarget target) {
        if (profileId == null) {
            preflight(target);
        }
        ObjectNode data = Nexus2Client.data();
        data.put("description", target.marker());
        Answer answer = null;
        for (int attempt = 1; answer == null; attempt++) {
            String failure;
            try {
                answer = client.post("profiles/" + profileId + "/start", data);
                requireAuthorized(answer);
                failure = answer.status() >= 500 ? "HTTP " + answer.status() + ": " + answer.message() : null;
            } catch (IOException e) {
                failure = e.toString();
            }
            if (failure == null) {
                break;
            }
            answer = null;
            // The lost answer may hide an opened repository: where the server lists, find it by its marker
            // (earlier attempts' repositories were dropped before this one was opened).
            Optional<StagingArea> opened = findByMarker(target).stream().filter(a -> a.status() == Status.OPEN).findFirst();
            if (opened.isPresent()) {
                console.info("Opened staging repository " + opened.get().id() + " (found by its marker after: " + failure + ")");
                return opened.get();
            }
            if (attempt >= 4) {
                throw new StagingException("Opening a staging repository in profile " + profileId + " on "
                        + client.options().url() + " failed " + attempt + " times: " + failure);
            }
            console.warn("Opening a staging repository failed (" + failure + "); trying again");
            sleep(client.options().pollInterval());
        }
        requireOk(answer, "Opening a staging repository in profile " + profileId);
        String id = Nexus2Client.parse(answer, "start").path("data").path("stagedRepositoryId").asText();
        if (id.isEmpty()) {
            throw new StagingException("Nexus opened a staging repository but did not say its id: " + answer.body());
        }
        console.info("Opened staging repository " + id + " (" + target.marker() + ")");
        return new StagingArea(id, target.marker(), Status.OPEN, List.of());
    }

    @Override
    public StagingArea upload(StagingArea area, List<StagedFile> files, Progress progress) {
        List<Callable<Void>> tasks = new ArrayList<>();
        for (StagedFile file : files) {
            tasks.add(() -> {
                Answer answer = client.put("deployByRepositoryId/" + area.id() + "/" + file.path(), file.file());
                requireAuthorized(answer);
                requireOk(answer, "Uploading " + file.path() + " to " + area.id());
                progress.addBytes(file.size());
                progress.fileDone();
                return null;
            });
        }
        Parallel.Results<Void> results;
        try {
            results = Parallel.run(tasks, client.options().threads(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StagingException("Interrupted while uploading to " + area.id(), e);
        }
        progress.finish();
        if (!results.failures().isEmpty()) {
            Throwable first = results.failures().get(0);
            throw new StagingException("Upload to staging repository " + area.id() + " failed (" + results.failures().size()
                    + " file(s) failed, " + results.notRun() + " not attempted): " + first.getMessage(), first);
        }
        return area;
    }

    @Override
    public StagingArea verify(StagingArea area, Duration timeout) {
        return transition(area, "bulk/close", "close", Status.OPEN, Status.VERIFYING, timeout);
    }

    @Override
    public StagingArea publish(StagingArea area, Duration timeout) {
        return transition(area, "bulk/promote", "release", Status.VERIFIED, Status.PUBLISHING, timeout);
    }

    /**
     * POSTs a bulk operation unless the repository is already past it, then polls. A POST whose answer is lost
     * or refused is not repeated blindly: the repository is read, and the POST is sent again only while the
     * repository still stands where the operation starts.
     */
    private StagingArea transition(StagingArea area, String endpoint, String label, Status from, Status during,
            Duration timeout) {
        // A status the caller just saw (the repository it opened, the close it waited for) is not read again: the
        // repository is read after the POST anyway, which also settles a POST refused because it had moved on.
        StagingArea current = area.status() == from ? area : inspect(area.id());
        for (int attempt = 1; current.status() == from; attempt++) {
            ObjectNode data = Nexus2Client.idsData(area.id(), area.marker());
            if (endpoint.equals("bulk/promote")) {
                data.put("autoDropAfterRelease", false); // keep the released repository visible: proof of release
            }
            String failure;
            try {
                Answer answer = client.post(endpoint, data);
                requireAuthorized(answer);
                failure = answer.ok() ? null : "HTTP " + answer.status() + ": " + answer.message();
            } catch (IOException e) {
                failure = e.toString();
            }
            current = inspect(area.id());
            if (current.status() == from && failure != null) {
                if (attempt >= 4) {
                    throw new StagingException("Could not " + label + " staging repository " + area.id() + ": " + failure);
                }
                console.warn("The " + label + " of " + area.id() + " failed (" + failure + "); repository still "
                        + from.name().toLowerCase(Locale.ROOT) + ", asking again");
                sleep(client.options().pollInterval());
            } else if (current.status() == from) {
                current = current.withStatus(during); // accepted: the transition may not show yet
            }
        }
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        // Each poll waits a quarter of the time the transition has taken so far, at most the interval: its end is
        // seen within a quarter of its length (a quick one within a few tens of milliseconds), and a long one is
        // polled once per interval, as before.
        Duration interval = client.options().pollInterval();
        while (current.status().transitioning()) {
            if (System.nanoTime() > deadline) {
                throw new PollTimeoutException(current, "Staging repository " + area.id() + " was still "
                        + (during == Status.VERIFYING ? "closing" : "releasing") + " after " + timeout.toSeconds()
                        + " s; the server goes on: re-run to pick up its outcome");
            }
            Duration wait = Duration.ofNanos(System.nanoTime() - started).dividedBy(4);
            sleep(wait.compareTo(MIN_POLL) < 0 ? MIN_POLL : wait.compareTo(interval) > 0 ? interval : wait);
            current = inspect(area.id());
        }
        return current;
    }

    @Override
    public Optional<String> drop(StagingArea area) {
        Answer answer;
        try {
            answer = manualDrop ? null : client.post("bulk/drop", Nexus2Client.idsData(area.id(), area.marker()));
            if (answer == null || refusedByOssrh(answer)) {
                // The OSSRH service has no bulk/drop; it drops one repository by the key its manual search lists.
                // gio passes the staging repository id as that key: it is what status lists as the key there, and
                // the emulator's keys are its ids; when the service does not take it, the drop is reported failed.
                manualDrop = true;
                answer = client.deleteAt(OssrhService.dropPath(area.id()));
            }
        } catch (IOException e) {
            answer = null;
        }
        if (answer != null && answer.ok()) {
            console.info("Dropped staging repository " + area.id());
            return Optional.empty();
        }
        if (answer != null && manualDrop && refusedByOssrh(answer)) {
            return Optional.of("the server offers neither bulk/drop nor manual/drop/repository: drop " + area.id()
                    + " by hand (it will never be released by gio)");
        }
        if (answer != null) {
            requireAuthorized(answer);
        }
        if (inspect(area.id()).status() == Status.GONE) {
            return Optional.empty();
        }
        return Optional.of("dropping " + area.id() + " failed: " + (answer == null ? "no answer" : answer.message()));
    }

    /**
     * A route the server lacks, refused as the OSSRH service refuses it: 401 without an authentication challenge.
     * Only asked of routes that service lacks; see {@link OssrhService} for why this is not a credentials error.
     */
    private static boolean refusedByOssrh(Answer answer) {
        return OssrhService.lacksRoute(answer.status(), answer.challenged());
    }

    /** On a route every server has, a 401 or 403 is the credentials' fault, challenged or not; the secret is never shown. */
    private void requireAuthorized(Answer answer) {
        if (answer.status() == 401 || answer.status() == 403) {
            throw new StagingException("Nexus " + client.options().url() + " refused the credentials of server '"
                    + client.options().credentials().serverId() + "' (HTTP " + answer.status() + "): check its"
                    + " username/password in settings.xml (-Dgio.staging.serverId)");
        }
    }

    private static void requireOk(Answer answer, String what) {
        if (!answer.ok()) {
            throw new StagingException(what + " failed: HTTP " + answer.status() + ": " + answer.message());
        }
    }

    private static final Duration MIN_POLL = Duration.ofMillis(50);

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StagingException("Interrupted while waiting for Nexus");
        }
    }
}

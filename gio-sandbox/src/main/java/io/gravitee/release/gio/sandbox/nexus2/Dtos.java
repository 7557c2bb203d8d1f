package io.gravitee.release.gio.sandbox.nexus2;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The staging API's response bodies, with the element names nexus-staging-maven-plugin's XStream model expects. */
final class Dtos {
    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Dtos() {}

    static String date(Instant instant) {
        return ISO.format(instant);
    }

    static Payload status() {
        return Payload.of("status").with("data", Payload.of("data")
                .with("appName", "Nexus Repository Manager")
                .with("formattedAppName", "Sonatype Nexus Repository Manager Professional 2.15.1-02 (gio emulator)")
                .with("version", "2.15.1-02")
                .with("apiVersion", "2.15.1-02")
                .with("editionLong", "Professional")
                .with("editionShort", "PRO")
                .with("state", "STARTED")
                .with("operationMode", "STANDALONE")
                .with("firstStart", false)
                .with("instanceUpgraded", false)
                .with("configurationUpgraded", false)
                .with("licenseInstalled", true)
                .with("licenseExpired", false)
                .with("trialLicense", false));
    }

    static Payload profile(StagingProfile profile, String baseUrl) {
        return Payload.of("stagingProfile")
                .with("resourceURI", baseUrl + "/service/local/staging/profiles/" + profile.id())
                .with("id", profile.id())
                .with("name", profile.name())
                .with("repositoryTemplateId", "default_hosted_release")
                .with("repositoryType", "maven2")
                .with("repositoryTargetId", profile.id() + "-target")
                .with("inProgress", false)
                .with("order", 0)
                .with("deployURI", baseUrl + "/service/local/staging/deploy")
                .withItems("targetGroups", "string", List.of("public"))
                .with("promotionTargetRepository", StagingStore.RELEASES)
                .with("mode", "BOTH")
                .with("finishNotifyCreator", true)
                .with("promotionNotifyCreator", true)
                .with("dropNotifyCreator", true)
                .with("autoStagingDisabled", false)
                .with("repositoriesSearchable", true);
    }

    static Payload profiles(List<StagingProfile> profiles, String baseUrl) {
        return Payload.of("stagingProfiles").withItems("data", "stagingProfile",
                profiles.stream().map(p -> profile(p, baseUrl)).toList());
    }

    static Payload repository(StagingStore.RepoView r, String baseUrl) {
        return Payload.of("stagingProfileRepository")
                .with("profileId", r.profile().id())
                .with("profileName", r.profile().name())
                .with("profileType", "repository")
                .with("repositoryId", r.id())
                .with("type", r.state().wireName())
                .with("policy", "release")
                .with("userId", r.creator().userId())
                .with("userAgent", r.creator().userAgent())
                .with("ipAddress", r.creator().ipAddress())
                .with("repositoryURI", baseUrl + "/content/repositories/" + r.id())
                .with("created", date(r.created()))
                .with("createdDate", date(r.created()))
                .with("createdTimestamp", r.created().toEpochMilli())
                .with("updated", date(r.updated()))
                .with("updatedDate", date(r.updated()))
                .with("updatedTimestamp", r.updated().toEpochMilli())
                .with("description", r.description())
                .with("provider", "maven2")
                .with("releaseRepositoryId", StagingStore.RELEASES)
                .with("releaseRepositoryName", "Releases")
                .with("notifications", r.notifications())
                .with("transitioning", r.transitioning());
    }

    static Payload repositories(List<StagingStore.RepoView> repos, String baseUrl) {
        return Payload.of("stagingRepositories").withItems("data", "stagingProfileRepository",
                repos.stream().map(r -> repository(r, baseUrl)).toList());
    }

    static Payload promoteResponse(String repositoryId, String description) {
        return Payload.of("promoteResponse").with("data", Payload.of("data")
                .with("stagedRepositoryId", repositoryId)
                .with("description", description));
    }

    static Payload activities(List<Activity> activities) {
        return Payload.list("list", "stagingActivity", activities.stream().map(Dtos::activity).toList());
    }

    private static Payload activity(Activity a) {
        return Payload.of("stagingActivity")
                .with("name", a.name)
                .with("started", date(a.started))
                .with("startedByUserId", a.userId)
                .with("startedByIpAddress", a.ipAddress)
                .with("stopped", a.stopped == null ? null : date(a.stopped))
                .withItems("events", "stagingActivityEvent", a.events.stream().map(Dtos::event).toList());
    }

    private static Payload event(ActivityEvent e) {
        return Payload.of("stagingActivityEvent")
                .with("timestamp", date(e.timestamp()))
                .with("name", e.name())
                .with("severity", e.severity())
                .withItems("properties", "stagingProperty", e.properties().stream()
                        .map(p -> Payload.of("stagingProperty").with("name", p.getKey()).with("value", p.getValue()))
                        .toList());
    }

    static Payload error(String message) {
        return Payload.of("nexus-error").withItems("errors", "error",
                List.of(Payload.of("error").with("id", "*").with("msg", message)));
    }
}

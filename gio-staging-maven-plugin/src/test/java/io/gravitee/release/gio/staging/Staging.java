package io.gravitee.release.gio.staging;

import io.gravitee.release.gio.credentials.Credentials;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.sandbox.http.LoggedRequest;
import io.gravitee.release.gio.sandbox.nexus2.Nexus2Emulator;
import io.gravitee.release.gio.staging.nexus2.Nexus2Backend;
import io.gravitee.release.gio.staging.nexus2.Nexus2Options;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Builds the staging service the way the mojo does, against an emulator; also run in a child JVM by {@link StageMain}. */
final class Staging {
    private Staging() {}

    static Nexus2Options options(String url, String user, String password, String profileId) {
        return Nexus2Options.of(url, new Credentials("gio-nexus2", user, password), profileId)
                .withTimings(Duration.ofSeconds(5), Duration.ofMillis(50)).withThreads(4);
    }

    /**
     * The emulator's server; in OSSRH mode, whose service serves no released file, released files are read where the
     * emulator stands for Maven Central (the real default, Central itself, is not reachable from tests).
     */
    static Nexus2Options options(Nexus2Emulator nexus) {
        Nexus2Options options = options(nexus.url(), nexus.username(), nexus.password(), null);
        return nexus.config().ossrhMode() ? options.withPublicUrl(nexus.centralUrl()) : options;
    }

    static StagingService service(Nexus2Options options, Path gio, StagingService.Options run, Console console) {
        return new StagingService(new Nexus2Backend(options, console),
                () -> StagingLedger.open(StagingLedger.local(gio), gio.resolve("ledger-clone"), "demo", console),
                console, run);
    }

    static StagingService.Options run() {
        return new StagingService.Options(false, true, false, Duration.ofSeconds(20), Duration.ofSeconds(20));
    }

    /** Successful uploads into staging repositories, and any upload attempt into the released repository. */
    static List<LoggedRequest> storedUploads(Nexus2Emulator nexus) {
        return nexus.requestLog().matching(LoggedRequest::isStoredUpload);
    }

    static long promotes(Nexus2Emulator nexus) {
        return nexus.requestLog().matching("POST", ".*/bulk/promote").stream()
                .filter(r -> r.status() >= 200 && r.status() < 300).count();
    }
}

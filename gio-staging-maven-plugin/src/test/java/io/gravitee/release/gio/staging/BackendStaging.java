package io.gravitee.release.gio.staging;

import io.gravitee.release.gio.credentials.Credentials;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.staging.backend.StagingBackend;
import io.gravitee.release.gio.staging.central.CentralBackend;
import io.gravitee.release.gio.staging.central.CentralOptions;
import io.gravitee.release.gio.staging.repository.RepositoryBackend;
import io.gravitee.release.gio.staging.repository.RepositoryOptions;
import java.nio.file.Path;
import java.time.Duration;

/** Builds the central and repository backends the way the mojo does; also used in a child JVM by {@link BackendStageMain}. */
final class BackendStaging {
    private BackendStaging() {}

    static CentralBackend central(String url, String user, String password, Console console) {
        return new CentralBackend(CentralOptions.of(url, new Credentials("gio-central", user, password))
                .withTimings(Duration.ofSeconds(5), Duration.ofMillis(50)), console);
    }

    static RepositoryBackend repository(String releaseUrl, String stagingUrl, String user, String password, Console console) {
        return new RepositoryBackend(RepositoryOptions.of(releaseUrl, stagingUrl, new Credentials("gio-maven", user, password))
                .withRequestTimeout(Duration.ofSeconds(10)).withThreads(4), console);
    }

    static StagingService service(StagingBackend backend, Path gio, StagingService.Options run, Console console) {
        return new StagingService(backend,
                () -> StagingLedger.open(StagingLedger.local(gio), gio.resolve("ledger-clone"), "demo", console),
                console, run);
    }

    static StagingService.Options run() {
        return new StagingService.Options(false, true, false, Duration.ofSeconds(20), Duration.ofSeconds(20));
    }

    static StagingService.Options dryRun() {
        return new StagingService.Options(true, true, false, Duration.ofSeconds(20), Duration.ofSeconds(20));
    }
}

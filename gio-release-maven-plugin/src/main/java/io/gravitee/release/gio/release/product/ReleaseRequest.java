package io.gravitee.release.gio.release.product;

import io.gravitee.release.gio.git.GitCredentials;
import io.gravitee.release.gio.ledger.LeaseOptions;
import io.gravitee.release.gio.release.component.ReleaseSettings;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * An orchestrated release of the product whose manifest is in {@code checkout}.
 *
 * @param checkout the release repository's working copy (its {@code origin} is the ledger's remote)
 * @param manifest the manifest's path inside the checkout, usually {@code release.json}
 * @param settings how components are released; its URL template may use {@code ${scmHttpUrl}}
 * @param ledgerCredentials credentials for the release repository's remote, if it needs any
 * @param reportDirectory where {@code release-report.{json,md}} go
 */
public record ReleaseRequest(
        Path checkout,
        String manifest,
        boolean strict,
        Function<String, ReleaseSettings> settings,
        Optional<GitCredentials> ledgerCredentials,
        int threads,
        LeaseOptions lease,
        Path reportDirectory) {

    public static final String LEDGER_FILE = "release-ledger.json";
}

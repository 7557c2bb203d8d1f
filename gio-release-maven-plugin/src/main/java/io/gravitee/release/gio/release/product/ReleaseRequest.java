package io.gravitee.release.gio.release.product;

import io.gravitee.release.gio.git.GitCredentials;
import io.gravitee.release.gio.ledger.LeaseOptions;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.release.component.ComponentReleaser;
import io.gravitee.release.gio.release.component.ReleaseSettings;
import io.gravitee.release.gio.release.executor.ComponentExecutor;
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
 * @param executor where component releases run: locally, or as builds of a CI engine
 */
public record ReleaseRequest(
        Path checkout,
        String manifest,
        boolean strict,
        Function<String, ReleaseSettings> settings,
        Optional<GitCredentials> ledgerCredentials,
        int threads,
        LeaseOptions lease,
        Path reportDirectory,
        ExecutorFactory executor) {

    public static final String LEDGER_FILE = "release-ledger.json";

    /**
     * Makes the executor of one release run ({@code -Dgio.release.executor}).
     *
     * @param release the product and version, e.g. {@code Gravitee.io-3.8.7}, part of every dispatch key
     */
    @FunctionalInterface
    public interface ExecutorFactory {
        ComponentExecutor create(ReleaseSettings settings, String release, Console console, ComponentReleaser local);

        /** Every component built on this machine (the default). */
        ExecutorFactory LOCAL = (settings, release, console, local) -> ComponentExecutor.local(local);
    }

    /** A release whose components are built on this machine. */
    public ReleaseRequest(Path checkout, String manifest, boolean strict, Function<String, ReleaseSettings> settings,
                          Optional<GitCredentials> ledgerCredentials, int threads, LeaseOptions lease,
                          Path reportDirectory) {
        this(checkout, manifest, strict, settings, ledgerCredentials, threads, lease, reportDirectory,
                ExecutorFactory.LOCAL);
    }
}

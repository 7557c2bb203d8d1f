package io.gravitee.release.gio.staging.product;

import io.gravitee.release.gio.git.GitCredentials;
import io.gravitee.release.gio.ledger.LeaseOptions;
import io.gravitee.release.gio.staging.StagingService;
import io.gravitee.release.gio.staging.backend.StagingBackend;
import io.gravitee.release.gio.staging.validate.Validator;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An orchestrated staging of the product released in the release repository checked out at {@code checkout}.
 *
 * @param checkout       the release repository's working copy (its {@code origin} is the ledger's remote)
 * @param manifest       the manifest's path in it, usually {@code release.json}
 * @param release        the product version to stage; empty: the newest {@code X.Y.Z} whose {@code X.Y.Z_START}
 *                       tag also exists on the release repository
 * @param urlTemplate    a component's git URL, {@code {name}} being its name (the manifest's {@code scmHttpUrl}
 *                       already substituted)
 * @param gitCredentials for http(s) remotes
 * @param threads        components prepared and staged at once
 * @param atomic         the whole product in one staging repository, published all or nothing
 * @param staging        per-staging options (dry run, auto release, timeouts)
 * @param backend        a new backend instance per call (backends keep per-run state such as the profile)
 * @param resolver       resolves a component checked out at its tag
 * @param validator      Maven Central's rules, asked for once a component is resolved (so that building them, which
 *                       loads BouncyCastle, may run while the ledger is read)
 * @param lease          the orchestration lease
 * @param workDirectory  where components are cloned and resolved ({@code target/gio/staging})
 */
public record StageAllRequest(
        Path checkout,
        String manifest,
        Optional<String> release,
        String urlTemplate,
        Optional<GitCredentials> gitCredentials,
        int threads,
        boolean atomic,
        StagingService.Options staging,
        Supplier<StagingBackend> backend,
        ComponentResolver resolver,
        Supplier<Validator> validator,
        LeaseOptions lease,
        Path workDirectory) {

    public boolean dryRun() {
        return staging.dryRun();
    }
}

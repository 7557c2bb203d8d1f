package io.gravitee.release.gio.staging.backend;

import io.gravitee.release.gio.transfer.Progress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A way to publish released files to a public repository in steps that can each be inspected and resumed:
 * <em>open</em> a staging area, <em>upload</em> into it, <em>verify</em> it, <em>publish</em> it, or
 * <em>drop</em> it. The staging service records each area's id in the ledger before uploading into it and
 * asks the backend, on the next run, what became of it.
 *
 * <ul>
 *   <li>{@code nexus2}: open = {@code profiles/{id}/start}, upload = {@code deployByRepositoryId}, verify =
 *       close, publish = release (promote), drop = drop.</li>
 *   <li>{@code central} (Central Portal): open allocates nothing on the server; upload posts the bundle and
 *       returns the area under the deployment id; verify waits for {@code VALIDATED}; publish publishes;
 *       drop deletes the deployment.</li>
 *   <li>{@code repository} (two-phase on e.g. Nexus 3): open names a path in the staging hosted repository;
 *       upload PUTs there; verify reads every file back and compares checksums; publish copies into the
 *       release repository; drop deletes the staged copy.</li>
 * </ul>
 * Implementations retry idempotent requests themselves and report every failure as a
 * {@link io.gravitee.release.gio.staging.StagingException} whose message names the server and the fix.
 */
public interface StagingBackend extends AutoCloseable {

    /** {@code nexus2}, {@code central}, {@code repository}. */
    String name();

    /**
     * Reads only: checks that the server answers, accepts the credentials and will take this component
     * (profile, namespace). Run before anything is written, and in dry runs.
     */
    void preflight(StagingTarget target);

    /**
     * How many of {@code files} the public repository already serves; every one with a different SHA-1
     * than the local one is named in the exception.
     */
    int countPublished(List<StagedFile> files);

    /**
     * True when some files already in the public repository do not stop a publication: the backend copies only
     * what is missing and checks what is there (two-phase {@code repository} staging). False where publication is
     * one server-side step, so that a partial publication is reported instead.
     */
    default boolean completesPartialPublication() {
        return false;
    }

    /** The area as the server knows it now ({@link StagingArea.Status#GONE} when it no longer exists). */
    StagingArea inspect(String id);

    /**
     * Areas carrying {@code target}'s marker left by earlier attempts; empty when none, or when the server
     * cannot list them (then only the ledger's recorded ids are known).
     */
    List<StagingArea> findByMarker(StagingTarget target);

    /** True when the server lets areas be found by listing (see {@link #findByMarker}). */
    boolean canList();

    /** Opens a new area, marked with {@code target.marker()}. Not retried: a lost answer may have opened one. */
    StagingArea open(StagingTarget target);

    /** Uploads every file into {@code area}; returns the area (a backend may assign its id here). */
    StagingArea upload(StagingArea area, List<StagedFile> files, Progress progress);

    /** Starts verification if needed and waits for its outcome; {@link PollTimeoutException} past {@code timeout}. */
    StagingArea verify(StagingArea area, Duration timeout);

    /** Publishes a verified area and waits for the outcome; {@link PollTimeoutException} past {@code timeout}. */
    StagingArea publish(StagingArea area, Duration timeout);

    /**
     * Drops an unpublished area. Empty when done; otherwise why it could not be dropped (e.g. the OSSRH Staging
     * API has no drop), so that the caller can say what was left behind.
     */
    Optional<String> drop(StagingArea area);

    /** Releases the backend's connections once its staging is over; it is not used afterwards. */
    @Override
    default void close() {}
}

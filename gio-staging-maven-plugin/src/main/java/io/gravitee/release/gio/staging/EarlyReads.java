package io.gravitee.release.gio.staging;

import io.gravitee.release.gio.staging.backend.StagedFile;
import io.gravitee.release.gio.staging.backend.StagingBackend;
import io.gravitee.release.gio.staging.resolve.ReleasedModule;
import io.gravitee.release.gio.staging.resolve.ResolvedComponent;
import io.gravitee.release.gio.transfer.Background;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The reads of a component's staging that may start before the component is validated, since they write nothing on
 * the server: the backend's preflight (profile, credentials) once the root module is known, while the files are
 * resolved; the public repository's checks once the files are resolved, while they are validated. Round trips to a
 * distant server then overlap local work instead of following it. The checksum files to stage are written meanwhile
 * too (local writes, hundreds per release). Filled by the preparation's callbacks and handed to
 * {@link StagingService#stage(ResolvedComponent, EarlyReads)}, which starts whatever was not started yet.
 * {@link #close} waits for what was started, so that no request outlives its backend when the preparation fails.
 */
public final class EarlyReads implements AutoCloseable {
    private final StagingBackend backend;
    private final boolean dryRun;
    private volatile CompletableFuture<Void> preflight;
    private volatile List<StagedFile> files;
    private volatile CompletableFuture<Integer> published;
    private volatile CompletableFuture<Void> written;

    /** @param dryRun as the staging's: the checksum files are then not written */
    public EarlyReads(StagingBackend backend, boolean dryRun) {
        this.backend = backend;
        this.dryRun = dryRun;
    }

    /** Starts the preflight for the component whose root module is {@code root}. */
    public void rootFound(ReleasedModule root) {
        var target = StagingService.target(root);
        preflight = Background.supply("gio-preflight", () -> {
            backend.preflight(target);
            return null;
        });
    }

    /**
     * Lists the files to stage of {@code component}, starts the public repository's checks of them and the writing
     * of their checksum files.
     */
    public void resolved(ResolvedComponent component) {
        StagedFiles.Prepared prepared = StagedFiles.prepare(component);
        List<StagedFile> staged = prepared.files();
        written = dryRun ? CompletableFuture.completedFuture(null) : Background.supply("gio-checksum-files", () -> {
            prepared.write();
            return null;
        });
        files = staged;
        published = Background.supply("gio-public-checks", () -> backend.countPublished(staged));
    }

    CompletableFuture<Void> preflight() {
        return preflight;
    }

    /** The files to stage (null until {@link #resolved}), once their checksum files are written. */
    List<StagedFile> files() {
        if (files != null) {
            Background.join(written);
        }
        return files;
    }

    CompletableFuture<Integer> published() {
        return published;
    }

    @Override
    public void close() {
        for (CompletableFuture<?> read : new CompletableFuture<?>[] {preflight, published, written}) {
            if (read != null) {
                read.exceptionally(e -> null).join();
            }
        }
    }
}

package io.gravitee.release.gio.staging;

import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.staging.backend.StagingBackend;
import io.gravitee.release.gio.staging.resolve.ArtifactResolver;
import io.gravitee.release.gio.staging.resolve.AttachedFileDiscovery;
import io.gravitee.release.gio.staging.resolve.HttpArtifactFetcher;
import io.gravitee.release.gio.staging.resolve.ReleaseTag;
import io.gravitee.release.gio.staging.resolve.ResolvedComponent;
import io.gravitee.release.gio.staging.resolve.SourceRepository;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs one staging through the central or repository backend in its own JVM, so that the crash tests can kill it
 * like {@code kill -9} kills Maven. Arguments: backend, checkout, source repository (id::url), work dir, url,
 * staging url (or {@code -}), user, password.
 */
public final class BackendStageMain {
    private BackendStageMain() {}

    public static void main(String[] args) {
        Path checkout = Path.of(args[1]);
        Path work = Path.of(args[3]);
        Console console = Console.of(System.out);
        SourceRepository source = SourceRepository.parse(args[2]);
        HttpArtifactFetcher fetcher = new HttpArtifactFetcher(source, null, console);
        ResolvedComponent component = new ArtifactResolver(fetcher, new AttachedFileDiscovery(source, fetcher, List.of()),
                console, 4).resolveAtTag(checkout, ReleaseTag.LAST_TAG, work.resolve("files"));
        StagingBackend backend = args[0].equals("central") ? BackendStaging.central(args[4], args[6], args[7], console)
                : BackendStaging.repository(args[4], args[5], args[6], args[7], console);
        StageOutcome outcome = BackendStaging.service(backend, work.resolve("gio"), BackendStaging.run(), console)
                .stage(component);
        System.out.println("OUTCOME " + outcome.result());
    }
}

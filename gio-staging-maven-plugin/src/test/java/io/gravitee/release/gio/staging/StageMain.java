package io.gravitee.release.gio.staging;

import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.staging.resolve.ResolvedComponent;
import java.nio.file.Path;

/**
 * Runs one staging in its own JVM so that the crash tests can kill it like {@code kill -9} kills Maven.
 * Arguments: checkout, source repository (id::url), work dir, nexus url, user, password.
 */
public final class StageMain {
    private StageMain() {}

    public static void main(String[] args) {
        Path checkout = Path.of(args[0]);
        Path work = Path.of(args[2]);
        Console console = Console.of(System.out);
        var source = io.gravitee.release.gio.staging.resolve.SourceRepository.parse(args[1]);
        var fetcher = new io.gravitee.release.gio.staging.resolve.HttpArtifactFetcher(source, null, console);
        ResolvedComponent component = new io.gravitee.release.gio.staging.resolve.ArtifactResolver(fetcher,
                new io.gravitee.release.gio.staging.resolve.AttachedFileDiscovery(source, fetcher, java.util.List.of()),
                console, 4).resolveAtTag(checkout, io.gravitee.release.gio.staging.resolve.ReleaseTag.LAST_TAG,
                work.resolve("files"));
        StageOutcome outcome = Staging.service(Staging.options(args[3], args[4], args[5], null).withThreads(1),
                work.resolve("gio"), Staging.run(), console).stage(component);
        System.out.println("OUTCOME " + outcome.result());
    }
}

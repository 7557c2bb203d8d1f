package io.gravitee.release.gio.ledger;

import io.gravitee.release.gio.log.Console;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Child-process main for {@link CrashRecoveryTest}: makes one ledger update, signals through a
 * latch file once the commit is local, and waits to be killed before it can push.
 */
public final class CrashingWriter {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        Path workDir = Path.of(args[1]);
        Path latch = Path.of(args[2]);
        String component = args[3];
        Ledger ledger = Ledger.open(new LedgerLocation(url, "main", null, "release-ledger.json", Lifecycle.RELEASE),
                workDir, Console.silent());
        ledger.afterLocalCommit = () -> {
            try {
                Files.writeString(latch, "committed");
                Thread.sleep(60_000);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            System.exit(3); // never reached when the parent kills us in time
        };
        ledger.update("Release " + component, d -> {
            LedgerState state = d.state().transition(component, ReleaseState.RELEASING, Instant.now());
            d.setState(state.withId(component, "buildId", "b-42", Instant.now()));
            d.writeString("release.json", "{\"" + component + "\": \"released\"}");
        });
        System.exit(4);
    }
}

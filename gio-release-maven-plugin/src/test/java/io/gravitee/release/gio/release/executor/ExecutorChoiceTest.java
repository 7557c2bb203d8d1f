package io.gravitee.release.gio.release.executor;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gravitee.release.gio.release.product.ReleaseRequest;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code -Dgio.release.executor} is checked before anything is written, and says what to set. */
class ExecutorChoiceTest {
    private static final ExecutorChoice.BuildbotSettings NONE =
            new ExecutorChoice.BuildbotSettings(Optional.empty(), Optional.empty(), "gio-component", "gio");
    private static final RemoteExecutor.Polling POLLING = RemoteExecutor.Polling.defaults(Duration.ofMinutes(1));

    @Test
    void localIsTheDefault() {
        assertSame(ReleaseRequest.ExecutorFactory.LOCAL, ExecutorChoice.of(null, NONE, POLLING));
        assertSame(ReleaseRequest.ExecutorFactory.LOCAL, ExecutorChoice.of("local", NONE, POLLING));
    }

    @Test
    void buildbotNeedsTheMastersUrl() {
        var e = assertThrows(IllegalArgumentException.class, () -> ExecutorChoice.of("buildbot", NONE, POLLING));
        assertTrue(e.getMessage().contains("-Dgio.buildbot.url"), e.getMessage());
    }

    @Test
    void engineNamesNotImplementedYetAndUnknownNamesAreRefused() {
        var saas = assertThrows(IllegalArgumentException.class, () -> ExecutorChoice.of("gitlab", NONE, POLLING));
        assertTrue(saas.getMessage().contains("not implemented yet"), saas.getMessage());
        var unknown = assertThrows(IllegalArgumentException.class, () -> ExecutorChoice.of("jenkins", NONE, POLLING));
        assertTrue(unknown.getMessage().contains("local, buildbot, github-actions, circleci, gitlab"),
                unknown.getMessage());
    }

    @Test
    void dispatchKeysAreMadeOfTheReleaseComponentVersionAndAttempt() {
        assertTrue(RemoteExecutor.key("Gravitee.io-3.8.7", "gravitee-common", "1.20.2", 2)
                .equals("gio:Gravitee.io-3.8.7:gravitee-common:1.20.2:2"));
        assertTrue(RemoteExecutor.key("Gravitee io 3.8.7", "c", "1.0.0", 1).equals("gio:Gravitee-io-3.8.7:c:1.0.0:1"));
    }
}

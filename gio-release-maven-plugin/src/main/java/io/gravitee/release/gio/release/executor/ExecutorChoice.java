package io.gravitee.release.gio.release.executor;

import io.gravitee.release.gio.credentials.Credentials;
import io.gravitee.release.gio.release.product.ReleaseRequest.ExecutorFactory;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/** {@code -Dgio.release.executor}: the name and the engine's settings, checked before anything is written. */
public final class ExecutorChoice {
    public static final List<String> NAMES = List.of("local", "buildbot", "github-actions", "circleci", "gitlab");

    /** Where a Buildbot master is and which builder runs the component job. */
    public record BuildbotSettings(Optional<String> url, Optional<Credentials> credentials, String builder,
                                   String scheduler) {}

    private ExecutorChoice() {}

    /** @throws IllegalArgumentException naming what is wrong and what to set */
    public static ExecutorFactory of(String name, BuildbotSettings buildbot, RemoteExecutor.Polling polling) {
        String chosen = name == null || name.isBlank() ? "local" : name.trim();
        switch (chosen) {
            case "local":
                return ExecutorFactory.LOCAL;
            case "buildbot": {
                URI url = URI.create(buildbot.url().filter(u -> !u.isBlank()).orElseThrow(() ->
                        new IllegalArgumentException("-Dgio.release.executor=buildbot needs -Dgio.buildbot.url, the"
                                + " master's URL (e.g. https://buildbot.example.com/)")));
                return (settings, release, console, local) -> new RemoteExecutor(
                        new BuildbotEngine(url, buildbot.credentials(), buildbot.builder(), buildbot.scheduler()),
                        settings, release, console, polling);
            }
            case "github-actions", "circleci", "gitlab":
                throw new IllegalArgumentException("-Dgio.release.executor=" + chosen + " is not implemented yet:"
                        + " use local or buildbot (see the README, \"Where component builds run\")");
            default:
                throw new IllegalArgumentException("-Dgio.release.executor=" + chosen + " is unknown: choose one of "
                        + String.join(", ", NAMES));
        }
    }
}

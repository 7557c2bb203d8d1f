package io.gravitee.release.gio.sandbox.nexus2;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Configuration of a {@link Nexus2Emulator}.
 *
 * @param username           the one user allowed to call the staging API
 * @param password           its password
 * @param profiles           the staging profiles
 * @param transitionDuration how long a close or release stays {@code transitioning} before it completes
 * @param ossrhMode          behave like Sonatype's OSSRH Staging API service, which lacks part of the Nexus 2 API
 */
public record Nexus2Config(
        String username, String password, List<StagingProfile> profiles, Duration transitionDuration, boolean ossrhMode) {

    public Nexus2Config {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        profiles = List.copyOf(profiles);
        Objects.requireNonNull(transitionDuration, "transitionDuration");
        if (transitionDuration.isNegative()) {
            throw new IllegalArgumentException("transitionDuration must not be negative: " + transitionDuration);
        }
    }

    /** User {@code deployment}, one profile {@code 12a3b4c5d6e7f8} for {@code io.gravitee}, 300 ms transitions. */
    public static Nexus2Config defaults() {
        return new Nexus2Config(
                "deployment",
                "deployment123",
                List.of(new StagingProfile("12a3b4c5d6e7f8", "io.gravitee", "io.gravitee")),
                Duration.ofMillis(300),
                false);
    }

    public Nexus2Config withCredentials(String username, String password) {
        return new Nexus2Config(username, password, profiles, transitionDuration, ossrhMode);
    }

    public Nexus2Config withProfiles(List<StagingProfile> profiles) {
        return new Nexus2Config(username, password, profiles, transitionDuration, ossrhMode);
    }

    public Nexus2Config withTransitionDuration(Duration transitionDuration) {
        return new Nexus2Config(username, password, profiles, transitionDuration, ossrhMode);
    }

    public Nexus2Config withOssrhMode(boolean ossrhMode) {
        return new Nexus2Config(username, password, profiles, transitionDuration, ossrhMode);
    }

    @Override
    public String toString() {
        return "Nexus2Config[username=" + username + ", password=****, profiles=" + profiles + ", transitionDuration="
                + transitionDuration + ", ossrhMode=" + ossrhMode + "]";
    }
}

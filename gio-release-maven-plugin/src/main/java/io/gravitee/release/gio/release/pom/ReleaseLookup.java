package io.gravitee.release.gio.release.pom;

import java.io.IOException;
import java.util.List;

/**
 * Where alignment looks for releases that this run of the release did not produce itself: the deploy repository
 * (components released by an earlier release, or by an earlier run of this one) and any repository users resolve
 * from. Kept apart from HTTP so that alignment is tested without a server.
 */
public interface ReleaseLookup {

    /** Whether {@code groupId:artifactId:version} is released (its {@code .pom} is there). */
    boolean has(String groupId, String artifactId, String version) throws IOException;

    /** Every version the repositories list for {@code groupId:artifactId} (their {@code maven-metadata.xml}). */
    List<String> versions(String groupId, String artifactId) throws IOException;

    /** Where it looks, for messages: e.g. {@code gio-maven (https://nexus.example.com/...), central (...)}. */
    default String describe() {
        return "nothing else";
    }

    /** A lookup that knows no release: only what this release produced is aligned. */
    static ReleaseLookup none() {
        return new ReleaseLookup() {
            @Override
            public boolean has(String groupId, String artifactId, String version) {
                return false;
            }

            @Override
            public List<String> versions(String groupId, String artifactId) {
                return List.of();
            }
        };
    }
}

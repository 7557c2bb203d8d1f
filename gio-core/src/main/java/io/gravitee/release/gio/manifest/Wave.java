package io.gravitee.release.gio.manifest;

import java.util.List;

/**
 * One entry of {@code buildDependencies}: components that may be built in parallel once every
 * earlier wave is done.
 *
 * @param number 1-based position of the wave in the manifest
 * @param components component names, in manifest order
 */
public record Wave(int number, List<String> components) {
    public Wave {
        components = List.copyOf(components);
    }
}

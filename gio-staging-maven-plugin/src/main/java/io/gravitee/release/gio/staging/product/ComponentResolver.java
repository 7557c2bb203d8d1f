package io.gravitee.release.gio.staging.product;

import io.gravitee.release.gio.staging.resolve.ResolvedComponent;
import java.nio.file.Path;

/**
 * Resolves a component's released files from the private repository, given its checkout at the release tag
 * (the mojo uses Maven's resolver, tests a {@code file:} repository).
 */
@FunctionalInterface
public interface ComponentResolver {
    ResolvedComponent resolve(Path checkout, String tag, Path into);
}

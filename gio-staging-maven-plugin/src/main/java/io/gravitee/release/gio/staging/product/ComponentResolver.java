package io.gravitee.release.gio.staging.product;

import io.gravitee.release.gio.staging.resolve.ReleasedModule;
import io.gravitee.release.gio.staging.resolve.ResolvedComponent;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Resolves a component's released files from the private repository, given its checkout at the release tag
 * (the mojo uses Maven's resolver, tests a {@code file:} repository).
 */
@FunctionalInterface
public interface ComponentResolver {
    /** @param rootFound told the root module as soon as the POMs at the tag are read, before any file is resolved */
    ResolvedComponent resolve(Path checkout, String tag, Path into, Consumer<ReleasedModule> rootFound);
}

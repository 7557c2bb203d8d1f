package io.gravitee.release.gio.staging;

import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.sandbox.fixture.RealRepositories;
import io.gravitee.release.gio.staging.resolve.ArtifactFetcher;
import io.gravitee.release.gio.staging.resolve.ArtifactFile;
import io.gravitee.release.gio.staging.resolve.ArtifactResolver;
import io.gravitee.release.gio.staging.resolve.AttachedFileDiscovery;
import io.gravitee.release.gio.staging.resolve.HttpArtifactFetcher;
import io.gravitee.release.gio.staging.resolve.ResolvedComponent;
import io.gravitee.release.gio.staging.resolve.SourceRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Real Gravitee material for the tests: the repositories of {@code shared/fixtures/real/} ({@link RealRepositories})
 * and what Gravitee published from them on Maven Central, read once and kept under
 * {@code target/central-cache} so that a re-run of the tests downloads nothing.
 */
final class RealComponents {
    static final String CENTRAL = "https://repo.maven.apache.org/maven2";
    static final Path CACHE = Path.of("target/central-cache").toAbsolutePath();

    private RealComponents() {}

    /** A clone of the real repository {@code name} checked out at {@code tag}. */
    static Path checkout(String name, String tag, Path into) throws Exception {
        return RealRepositories.checkout(Files.createDirectories(into), name, tag);
    }

    /** Central, read through the cache. */
    static SourceRepository central() {
        return new SourceRepository("central", CENTRAL);
    }

    /** Resolves a checkout from Central as the mojo does (no listing there: the effective model says what was built). */
    static ResolvedComponent resolve(Path checkout, String tag, Path into, Console console) {
        SourceRepository source = central();
        try (HttpArtifactFetcher http = new HttpArtifactFetcher(source, null, console)) {
            return new ArtifactResolver(new Cached(http), new AttachedFileDiscovery(source, http, List.of()), console, 4)
                    .resolveAtTag(checkout, tag, into);
        }
    }

    /** The bytes Central serves at {@code path}, from the cache. */
    static byte[] centralFile(String path) throws IOException {
        return Files.readAllBytes(CACHE.resolve(path));
    }

    /** Keeps every file (and every "not found") the delegate answers, by repository path. */
    static final class Cached implements ArtifactFetcher {
        private final ArtifactFetcher delegate;

        Cached(ArtifactFetcher delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean fetch(ArtifactFile file, Path target) throws IOException {
            Path kept = CACHE.resolve(file.path());
            Path absent = CACHE.resolve(file.path() + ".absent");
            if (Files.exists(absent)) {
                return false;
            }
            if (!Files.isRegularFile(kept)) {
                Files.createDirectories(kept.getParent());
                Path part = kept.resolveSibling(kept.getFileName() + ".part");
                if (!delegate.fetch(file, part)) {
                    Files.writeString(absent, "");
                    return false;
                }
                Files.move(part, kept, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.createDirectories(target.getParent());
            Files.copy(kept, target, StandardCopyOption.REPLACE_EXISTING);
            return true;
        }

        @Override
        public String describe() {
            return delegate.describe();
        }
    }
}

package io.gravitee.release.gio.bundle.distribution;

import io.gravitee.release.gio.bundle.distribution.ArtifactSource.Coordinates;
import io.gravitee.release.gio.transfer.Checksums;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.maven.model.Model;
import org.apache.maven.model.Parent;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResult;

/**
 * Real Gravitee plugin files from Maven Central, downloaded once (checksums verified by the resolver) into the
 * module's {@code target/central-cache} and kept there between runs, then copied with their {@code .sha1} into a
 * test's {@code file:} repository, the way a private repository serves them. POMs come with their parent chain, which
 * the packager needs to read an inherited {@code publish-folder-path}.
 */
final class CentralCache {
    static final String CENTRAL = "https://repo.maven.apache.org/maven2/";

    private final RepositorySystem system;
    private final DefaultRepositorySystemSession session = MavenRepositorySystemUtils.newSession();
    private final RemoteRepository central = new RemoteRepository.Builder("central", "default", CENTRAL)
            .setPolicy(new RepositoryPolicy(true, RepositoryPolicy.UPDATE_POLICY_NEVER, RepositoryPolicy.CHECKSUM_POLICY_FAIL)).build();

    CentralCache(RepositorySystem system, Path cache) {
        this.system = system;
        session.setLocalRepositoryManager(system.newLocalRepositoryManager(session, new LocalRepository(cache.toFile())));
    }

    /** Copies the files and the parents of the POMs among them into {@code repository}; downloads in parallel batches. */
    void copy(List<Coordinates> files, Path repository) throws Exception {
        List<Coordinates> batch = new ArrayList<>(files);
        Set<String> seen = new HashSet<>();
        while (!batch.isEmpty()) {
            List<ArtifactRequest> requests = batch.stream().map(c -> new ArtifactRequest(
                    new DefaultArtifact(c.groupId(), c.artifactId(), "", c.extension(), c.version()), List.of(central), null)).toList();
            List<Coordinates> parents = new ArrayList<>();
            for (ArtifactResult result : system.resolveArtifacts(session, requests)) {
                Path file = result.getArtifact().getFile().toPath();
                Coordinates c = coordinates(result);
                Path target = repository.resolve(c.groupId().replace('.', '/')).resolve(c.artifactId()).resolve(c.version())
                        .resolve(file.getFileName());
                Files.createDirectories(target.getParent());
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                Files.writeString(target.resolveSibling(target.getFileName() + ".sha1"), Checksums.of(target).sha1());
                if (c.extension().equals("pom")) {
                    Parent parent = read(file).getParent();
                    if (parent != null && seen.add(parent.getId())) {
                        parents.add(new Coordinates(parent.getGroupId(), parent.getArtifactId(), "pom", parent.getVersion()));
                    }
                }
            }
            batch = parents;
        }
    }

    private static Coordinates coordinates(ArtifactResult result) {
        var a = result.getArtifact();
        return new Coordinates(a.getGroupId(), a.getArtifactId(), a.getExtension(), a.getVersion());
    }

    private static Model read(Path pom) throws Exception {
        try (InputStream in = Files.newInputStream(pom)) {
            return new MavenXpp3Reader().read(in, false);
        }
    }
}

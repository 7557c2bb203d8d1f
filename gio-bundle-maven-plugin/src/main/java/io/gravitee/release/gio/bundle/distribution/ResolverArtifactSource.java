package io.gravitee.release.gio.bundle.distribution;

import io.gravitee.release.gio.bundle.BundleException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;

/** Resolves component zips with maven-resolver from the given repositories, through the local repository. */
public final class ResolverArtifactSource implements ArtifactSource {
    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;

    public ResolverArtifactSource(RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repositories) {
        this.system = system;
        this.session = session;
        this.repositories = List.copyOf(repositories);
    }

    @Override
    public Path resolve(Coordinates c) throws BundleException {
        ArtifactRequest request = new ArtifactRequest(
                new DefaultArtifact(c.groupId(), c.artifactId(), "", c.extension(), c.version()), repositories, null);
        try {
            ArtifactResult result = system.resolveArtifact(session, request);
            return result.getArtifact().getFile().toPath();
        } catch (ArtifactResolutionException e) {
            throw new BundleException("Cannot resolve " + c + " from " + repositories.stream()
                    .map(r -> r.getId() + " (" + r.getUrl() + ")").collect(Collectors.joining(", "))
                    + ": " + e.getMessage() + ". Check gio.bundle.sourceRepository, or the coordinates the distribution map gives"
                    + " this component (gio.bundle.distributionMap)", e);
        }
    }
}

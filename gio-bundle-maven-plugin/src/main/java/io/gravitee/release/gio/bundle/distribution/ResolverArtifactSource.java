package io.gravitee.release.gio.bundle.distribution;

import io.gravitee.release.gio.bundle.BundleException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.transfer.ArtifactNotFoundException;

/**
 * Resolves component zips with maven-resolver from the given repositories, through the local repository. Checksums
 * are verified and a mismatch, or a file served without any checksum, fails: Maven's default policy only warns, and a
 * zip published on the download site with checksums of its own must be the one that was deployed.
 */
public final class ResolverArtifactSource implements ArtifactSource {
    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;

    public ResolverArtifactSource(RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repositories) {
        this.system = system;
        this.session = session;
        this.repositories = repositories.stream().map(ResolverArtifactSource::verifying).toList();
    }

    private static RemoteRepository verifying(RemoteRepository repository) {
        RepositoryPolicy releases = repository.getPolicy(false);
        RepositoryPolicy snapshots = repository.getPolicy(true);
        return new RemoteRepository.Builder(repository)
                .setReleasePolicy(new RepositoryPolicy(releases.isEnabled(), releases.getUpdatePolicy(), RepositoryPolicy.CHECKSUM_POLICY_FAIL))
                .setSnapshotPolicy(new RepositoryPolicy(snapshots.isEnabled(), snapshots.getUpdatePolicy(), RepositoryPolicy.CHECKSUM_POLICY_FAIL))
                .build();
    }

    @Override
    public Path resolve(Coordinates c) throws BundleException {
        try {
            return request(c).getArtifact().getFile().toPath();
        } catch (ArtifactResolutionException e) {
            throw failure(c, e);
        }
    }

    @Override
    public Optional<Path> find(Coordinates c) throws BundleException {
        try {
            return Optional.of(request(c).getArtifact().getFile().toPath());
        } catch (ArtifactResolutionException e) {
            boolean missing = e.getResults().stream().allMatch(r -> r.getExceptions().stream()
                    .allMatch(x -> x instanceof ArtifactNotFoundException));
            if (missing) {
                return Optional.empty();
            }
            throw failure(c, e);
        }
    }

    private ArtifactResult request(Coordinates c) throws ArtifactResolutionException {
        ArtifactRequest request = new ArtifactRequest(
                new DefaultArtifact(c.groupId(), c.artifactId(), "", c.extension(), c.version()), repositories, null);
        return system.resolveArtifact(session, request);
    }

    private BundleException failure(Coordinates c, ArtifactResolutionException e) {
        return new BundleException("Cannot resolve " + c + " from " + repositories.stream()
                .map(r -> r.getId() + " (" + r.getUrl() + ")").collect(Collectors.joining(", "))
                + ": " + e.getMessage() + ". Check gio.bundle.sourceRepository, or the coordinates the distribution map gives"
                + " this component (gio.bundle.distributionMap)", e);
    }
}

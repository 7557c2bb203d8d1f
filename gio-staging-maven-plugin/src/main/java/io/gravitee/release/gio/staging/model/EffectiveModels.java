package io.gravitee.release.gio.staging.model;

import io.gravitee.release.gio.staging.StagingException;
import io.gravitee.release.gio.staging.resolve.ArtifactFetcher;
import io.gravitee.release.gio.staging.resolve.ArtifactFile;
import io.gravitee.release.gio.staging.resolve.ReleasedModule;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.Parent;
import org.apache.maven.model.Repository;
import org.apache.maven.model.building.DefaultModelBuilderFactory;
import org.apache.maven.model.building.DefaultModelBuildingRequest;
import org.apache.maven.model.building.ModelBuilder;
import org.apache.maven.model.building.ModelBuildingException;
import org.apache.maven.model.building.ModelBuildingRequest;
import org.apache.maven.model.building.ModelBuildingResult;
import org.apache.maven.model.building.ModelProblem;
import org.apache.maven.model.building.ModelSource;
import org.apache.maven.model.building.StringModelSource;
import org.apache.maven.model.resolution.ModelResolver;
import org.apache.maven.model.resolution.UnresolvableModelException;

/**
 * Builds the effective model of deployed POMs with Maven's own model builder (part of every Maven the plugin runs
 * in), their parents resolved from the source repository only: never from the work tree, the reactor or
 * {@code ~/.m2}, since staging publishes what was deployed and Central reads the parents it serves.
 *
 * <p>Imported BOMs are not resolved: no rule of Central's reads managed dependencies, and a Gravitee component
 * imports several BOMs, each with parents of its own (a dozen round trips for nothing). The release profile the
 * component was built with ({@code gio-release} unless told otherwise) is active, so that what it attaches is seen.
 */
public final class EffectiveModels {
    /** Stands in for every imported BOM (see the class comment). */
    private static final String NO_BOM = "<project><modelVersion>4.0.0</modelVersion><groupId>gio.unresolved</groupId>"
            + "<artifactId>bom</artifactId><version>0</version><packaging>pom</packaging></project>";

    private final ArtifactFetcher fetcher;
    private final Path parents;
    private final List<String> activeProfiles;
    private final ModelBuilder builder = new DefaultModelBuilderFactory().newInstance();
    private final Map<String, Path> fetched = new ConcurrentHashMap<>();

    /**
     * @param parents        where parent POMs are downloaded
     * @param activeProfiles profile ids active in the build that deployed the component
     */
    public EffectiveModels(ArtifactFetcher fetcher, Path parents, List<String> activeProfiles) {
        this.fetcher = fetcher;
        this.parents = parents;
        this.activeProfiles = List.copyOf(activeProfiles);
    }

    /**
     * The effective model of the deployed POM {@code pom} of {@code module}, or why there is none.
     *
     * @throws StagingException when the source repository cannot be reached for a parent
     */
    public EffectivePom build(ReleasedModule module, Path pom, String where) {
        DefaultModelBuildingRequest request = new DefaultModelBuildingRequest();
        // A plain source, not a file: Maven would otherwise look for the parent at its relativePath beside the file.
        request.setModelSource(source(pom, where));
        request.setValidationLevel(ModelBuildingRequest.VALIDATION_LEVEL_MINIMAL);
        request.setProcessPlugins(true);
        request.setTwoPhaseBuilding(false);
        request.setLocationTracking(false);
        request.setActiveProfileIds(activeProfiles);
        Properties system = new Properties();
        system.putAll(System.getProperties());
        request.setSystemProperties(system);
        request.setModelResolver(new SourceResolver());
        try {
            ModelBuildingResult result = builder.build(request);
            List<String> ids = result.getModelIds();
            List<String> read = new ArrayList<>();
            for (String id : ids.subList(1, ids.size())) {
                if (!id.isEmpty()) { // the super POM
                    read.add(id);
                }
            }
            return new EffectivePom(result.getEffectiveModel(), where, read, null);
        } catch (ModelBuildingException e) {
            String problems = e.getProblems().stream()
                    .filter(p -> p.getSeverity() != ModelProblem.Severity.WARNING)
                    .map(ModelProblem::getMessage).distinct().collect(Collectors.joining("; "));
            return EffectivePom.broken(where, "not a readable POM: Maven cannot build its effective model: " + problems);
        } catch (UncheckedIOException e) {
            throw new StagingException("Cannot read the parents of " + module.gav() + " from " + fetcher.describe()
                    + ": " + e.getCause().getMessage() + ". Nothing was staged; check -Dgio.staging.sourceRepository.", e);
        }
    }

    private static ModelSource source(Path pom, String where) {
        return new ModelSource() {
            @Override
            public InputStream getInputStream() throws IOException {
                return new ByteArrayInputStream(Files.readAllBytes(pom));
            }

            @Override
            public String getLocation() {
                return where;
            }
        };
    }

    private Path parent(String groupId, String artifactId, String version) throws UnresolvableModelException {
        if (version == null || version.isBlank() || version.startsWith("[") || version.startsWith("(")) {
            throw new UnresolvableModelException("the parent " + groupId + ":" + artifactId + " has version '" + version
                    + "': a released POM names its parent's exact version", groupId, artifactId, version);
        }
        String gav = groupId + ":" + artifactId + ":" + version;
        Path known = fetched.get(gav);
        if (known != null) {
            return known;
        }
        ArtifactFile file = new ArtifactFile(new ReleasedModule(groupId, artifactId, version, "pom", gav), "", "pom");
        Path target = parents.resolve(file.path());
        try {
            if (!fetcher.fetch(file, target)) {
                throw new UnresolvableModelException("the parent POM " + gav + " is not in the source repository "
                        + fetcher.describe() + " (deploy it there, or point -Dgio.staging.sourceRepository at a"
                        + " repository that serves it)", groupId, artifactId, version);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        fetched.put(gav, target);
        return target;
    }

    /** Resolves parents through the fetcher; see the class comment for imports and declared repositories. */
    private final class SourceResolver implements ModelResolver {
        @Override
        public ModelSource resolveModel(String groupId, String artifactId, String version) throws UnresolvableModelException {
            Path pom = parent(groupId, artifactId, version);
            return source(pom, groupId + ":" + artifactId + ":" + version);
        }

        @Override
        public ModelSource resolveModel(Parent parent) throws UnresolvableModelException {
            return resolveModel(parent.getGroupId(), parent.getArtifactId(), parent.getVersion());
        }

        @Override
        public ModelSource resolveModel(Dependency dependency) {
            return new StringModelSource(NO_BOM, dependency.getManagementKey());
        }

        @Override
        public void addRepository(Repository repository) {
            // Only the source repository is asked: the parents of a release must be where the release is.
        }

        @Override
        public void addRepository(Repository repository, boolean replace) {
            // As above.
        }

        @Override
        public ModelResolver newCopy() {
            return this;
        }
    }
}

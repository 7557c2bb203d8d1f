package io.gravitee.release.gio.bundle.distribution;

import io.gravitee.release.gio.bundle.BundleException;
import io.gravitee.release.gio.bundle.BucketLayout;
import io.gravitee.release.gio.bundle.distribution.ArtifactSource.Coordinates;
import io.gravitee.release.gio.bundle.distribution.ReleaseContents.PluginArtifact;
import io.gravitee.release.gio.log.Console;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.Parent;
import org.apache.maven.model.Repository;
import org.apache.maven.model.building.DefaultModelBuilderFactory;
import org.apache.maven.model.building.DefaultModelBuildingRequest;
import org.apache.maven.model.building.ModelBuilder;
import org.apache.maven.model.building.ModelBuildingException;
import org.apache.maven.model.building.ModelBuildingRequest;
import org.apache.maven.model.building.ModelProblem;
import org.apache.maven.model.building.ModelSource;
import org.apache.maven.model.building.StringModelSource;
import org.apache.maven.model.resolution.ModelResolver;
import org.apache.maven.model.resolution.UnresolvableModelException;

/**
 * Where a plugin is published on the download site (DESIGN §6): Gravitee's plugin POMs say it themselves with the
 * {@code publish-folder-path} property (e.g. {@code graviteeio-apim/plugins/policies}), declared or inherited, so the
 * property is read from the effective model of the plugin's {@code .pom}, built by Maven's own model builder with its
 * parents resolved from the same repositories as the zips. Without a POM or the property, the map's type decides.
 */
final class PublishFolders {
    static final String PROPERTY = "publish-folder-path";

    /** Imported BOMs are not needed to read a property; resolving them would cost round trips for nothing. */
    private static final String NO_BOM = "<project><modelVersion>4.0.0</modelVersion><groupId>gio.unresolved</groupId>"
            + "<artifactId>bom</artifactId><version>0</version><packaging>pom</packaging></project>";

    private final ArtifactSource source;
    private final String site;
    private final Console console;
    private final ModelBuilder builder = new DefaultModelBuilderFactory().newInstance();

    /** @param site the upload prefix the tree is published under ({@code graviteeio-apim}), or null when unknown */
    PublishFolders(ArtifactSource source, String site, Console console) {
        this.source = source;
        this.site = site;
        this.console = console;
    }

    /** The directory of the plugin's zip, relative to the output: {@code plugins/policies/gravitee-policy-mock}. */
    String directory(PluginArtifact plugin) throws BundleException {
        String fallback = "plugins/" + plugin.type() + "/" + plugin.artifactId();
        Optional<String> declared = declared(plugin);
        if (declared.isEmpty()) {
            return fallback;
        }
        String folder = declared.get().strip().replaceAll("/+$", "");
        if (site == null || !folder.startsWith(site + "/")) {
            // Another site's folder cannot be written from this tree: say so rather than publish it elsewhere silently.
            console.warn(plugin.pom() + " declares " + PROPERTY + " '" + folder + "', outside the site of the distribution map ("
                    + (site == null ? "no \"site\"" : "\"" + site + "\"") + "): published under " + fallback + " instead");
            return fallback;
        }
        String relative = folder.substring(site.length() + 1) + "/" + plugin.artifactId();
        try {
            BucketLayout.checkPath(relative, PROPERTY + " of " + plugin.pom());
        } catch (IllegalArgumentException e) {
            throw new BundleException(e.getMessage());
        }
        return relative;
    }

    private Optional<String> declared(PluginArtifact plugin) throws BundleException {
        Optional<Path> pom = source.find(plugin.pom());
        if (pom.isEmpty()) {
            console.debug("No POM beside " + plugin.zip() + ": published by the distribution map's type");
            return Optional.empty();
        }
        DefaultModelBuildingRequest request = new DefaultModelBuildingRequest();
        request.setModelSource(source(pom.get(), plugin.pom().toString()));
        request.setValidationLevel(ModelBuildingRequest.VALIDATION_LEVEL_MINIMAL);
        request.setProcessPlugins(false);
        request.setTwoPhaseBuilding(false);
        request.setLocationTracking(false);
        request.setSystemProperties(new Properties());
        request.setModelResolver(new SourceResolver());
        try {
            return Optional.ofNullable(builder.build(request).getEffectiveModel().getProperties().getProperty(PROPERTY));
        } catch (ModelBuildingException e) {
            // With stand-in BOMs, managed dependency versions are missing and the validation of the effective model
            // fails; the model is complete otherwise (a missing parent leaves none), and a property needs no version.
            if (e.getResult() != null && e.getResult().getEffectiveModel() != null) {
                return Optional.ofNullable(e.getResult().getEffectiveModel().getProperties().getProperty(PROPERTY));
            }
            throw new BundleException("Cannot read where " + plugin.artifactId() + " " + plugin.version() + " is published: Maven"
                    + " cannot build the effective model of " + plugin.pom() + ": " + e.getProblems().stream()
                    .filter(p -> p.getSeverity() != ModelProblem.Severity.WARNING)
                    .map(ModelProblem::getMessage).distinct().collect(Collectors.joining("; ")), e);
        }
    }

    private static ModelSource source(Path pom, String location) {
        return new ModelSource() {
            @Override
            public InputStream getInputStream() throws IOException {
                return new ByteArrayInputStream(Files.readAllBytes(pom));
            }

            @Override
            public String getLocation() {
                return location;
            }
        };
    }

    /**
     * Parents come from the repositories of the zips, nowhere else. Maven's builder asks for a parent by {@link Parent}
     * and for an imported BOM by coordinates or {@link Dependency}: those get a stand-in (see {@link #NO_BOM}).
     */
    private final class SourceResolver implements ModelResolver {
        @Override
        public ModelSource resolveModel(Parent parent) throws UnresolvableModelException {
            Coordinates pom = new Coordinates(parent.getGroupId(), parent.getArtifactId(), "pom", parent.getVersion());
            try {
                return source(source.resolve(pom), pom.toString());
            } catch (BundleException e) {
                throw new UnresolvableModelException(e.getMessage(), pom.groupId(), pom.artifactId(), pom.version(), e);
            }
        }

        @Override
        public ModelSource resolveModel(String groupId, String artifactId, String version) {
            return new StringModelSource(NO_BOM, groupId + ":" + artifactId + ":" + version);
        }

        @Override
        public ModelSource resolveModel(Dependency dependency) {
            return new StringModelSource(NO_BOM, dependency.getManagementKey());
        }

        @Override
        public void addRepository(Repository repository) {
            // The parents of a released plugin are where the plugin is.
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

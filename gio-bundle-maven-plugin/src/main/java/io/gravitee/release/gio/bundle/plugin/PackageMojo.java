package io.gravitee.release.gio.bundle.plugin;

import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.maven.Failures;
import io.gravitee.release.gio.maven.GoalReport;
import io.gravitee.release.gio.maven.GoalRun;
import io.gravitee.release.gio.bundle.BundleException;
import io.gravitee.release.gio.bundle.distribution.BundlePackager;
import io.gravitee.release.gio.bundle.distribution.DistributionMap;
import io.gravitee.release.gio.bundle.distribution.ResolverArtifactSource;
import io.gravitee.release.gio.manifest.Manifest;
import io.gravitee.release.gio.manifest.ManifestException;
import java.io.File;
import java.io.IOException;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * Assembles the download tree of a product release under {@code target/gio-bundle/} (docs/DESIGN.md §6), ready for
 * {@code gio-bundle:upload -Dgio.bundle.prefix=graviteeio-apim}:
 * {@code distributions/graviteeio-full-X.Y.Z.zip}, {@code components/<component>/<component>-<version>.zip} and
 * {@code plugins/<type>/<artifactId>/<artifactId>-<version>.zip}. The component zips are resolved with Maven's
 * resolver from {@code gio.bundle.sourceRepository} (else the project's repositories); which component is a runtime,
 * a plugin or a library, and its coordinates, come from the distribution map (built-in:
 * {@code io.gravitee.policy:gravitee-policy-mock:zip:<version>} for a policy,
 * {@code io.gravitee.gateway.standalone:gravitee-gateway-standalone-distribution-zip:zip:<version>} for the gateway...;
 * see {@link DistributionMap}). An input zip entry that would unpack outside its directory fails the goal before
 * anything is written. Writes {@code target/gio/package-report.{json,md}}.
 */
@Mojo(name = "package", requiresProject = false, threadSafe = true)
public class PackageMojo extends AbstractMojo {

    /** The product manifest. */
    @Parameter(property = "gio.manifest", defaultValue = "release.json")
    File manifest;

    /** The private repository holding the component zips, {@code id::url}; credentials from the settings.xml server {@code id}. */
    @Parameter(property = "gio.bundle.sourceRepository")
    String sourceRepository;

    /** A JSON distribution map replacing the built-in one (format: {@link DistributionMap}). */
    @Parameter(property = "gio.bundle.distributionMap")
    File distributionMap;

    /** Where the tree is written. */
    @Parameter(property = "gio.bundle.output", defaultValue = "${basedir}/target/gio-bundle")
    File output;

    /** Resolve and check every zip, print what would be written, write nothing but the report (the plan). */
    @Parameter(property = "gio.dryRun", defaultValue = "false")
    boolean dryRun;

    /** Where the goal's report ({@code package-report.{json,md}}) is written. */
    @Parameter(defaultValue = "${basedir}/target/gio", readonly = true)
    File reportDirectory;

    /** Skip this goal. */
    @Parameter(property = "gio.bundle.skip", defaultValue = "false")
    boolean skip;

    @Parameter(defaultValue = "${repositorySystemSession}", readonly = true, required = true)
    RepositorySystemSession session;

    @Parameter(defaultValue = "${project.remoteProjectRepositories}", readonly = true)
    List<RemoteRepository> projectRepositories;

    private final RepositorySystem system;

    @Inject
    public PackageMojo(RepositorySystem system) {
        this.system = system;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipped (gio.bundle.skip)");
            return;
        }
        Console console = Console.of(getLog()::info, getLog()::warn, getLog()::debug);
        GoalRun run = new GoalRun("gio-bundle:package", reportDirectory.toPath(), manifest.getName(), console);
        try {
            Manifest parsed = Manifest.read(manifest.toPath());
            run.subject(parsed.name(), parsed.version().release().toString());
            DistributionMap map = distributionMap == null ? DistributionMap.defaults() : DistributionMap.read(distributionMap.toPath());
            BundlePackager.Result result = new BundlePackager(new ResolverArtifactSource(system, session, repositories()), map,
                    console).assemble(parsed, manifest.toPath(), output.toPath(), dryRun);
            result.files().forEach(file -> run.did((dryRun ? "would write " : "wrote ") + file));
            run.finish(dryRun ? GoalReport.PLANNED : "PACKAGED", !dryRun, "Into `" + output + "`.\n", null);
        } catch (ManifestException e) {
            throw run.failed(new MojoFailureException(e.getMessage(), e));
        } catch (BundleException e) {
            throw run.failed(Failures.translate(e, sourcePeer()));
        } catch (IOException e) {
            throw run.failed(Failures.unreachable(e, sourcePeer()).orElseGet(() -> new MojoFailureException(
                    "Packaging into " + output + " failed: " + e.getMessage(), e)));
        } catch (MojoFailureException e) {
            throw run.failed(e);
        } catch (MojoExecutionException e) {
            throw run.failed(e);
        }
    }

    private Failures.Peer sourcePeer() {
        String url = sourceRepository == null ? "" : sourceRepository.substring(sourceRepository.indexOf("::") + 2);
        return new Failures.Peer("the source repository", url, "gio.bundle.sourceRepository",
                sourceRepository == null ? "" : sourceRepository);
    }

    private List<RemoteRepository> repositories() throws MojoFailureException {
        if (sourceRepository == null || sourceRepository.isBlank()) {
            return projectRepositories == null ? List.of() : projectRepositories;
        }
        int separator = sourceRepository.indexOf("::");
        if (separator <= 0 || separator + 2 >= sourceRepository.length()) {
            throw new MojoFailureException("gio.bundle.sourceRepository must be id::url (e.g. gravitee-private::https://repo.example/releases),"
                    + " not '" + sourceRepository + "'");
        }
        RemoteRepository bare = new RemoteRepository.Builder(
                sourceRepository.substring(0, separator), "default", sourceRepository.substring(separator + 2)).build();
        // Credentials and proxies from settings.xml, as Maven applies them to its own repositories.
        RemoteRepository.Builder repository = new RemoteRepository.Builder(bare)
                .setAuthentication(session.getAuthenticationSelector().getAuthentication(bare))
                .setProxy(session.getProxySelector().getProxy(bare));
        return system.newResolutionRepositories(session, List.of(repository.build()));
    }
}

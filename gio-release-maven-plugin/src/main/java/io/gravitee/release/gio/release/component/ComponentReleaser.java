package io.gravitee.release.gio.release.component;

import io.gravitee.release.gio.git.GitException;
import io.gravitee.release.gio.git.GitRepository;
import io.gravitee.release.gio.git.PushOutcome;
import io.gravitee.release.gio.git.RefChange;
import io.gravitee.release.gio.git.TagInfo;
import io.gravitee.release.gio.ledger.LeaseOptions;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.manifest.Component;
import io.gravitee.release.gio.release.build.DeployJournal;
import io.gravitee.release.gio.release.build.DeployUpload;
import io.gravitee.release.gio.release.build.MavenBuild;
import io.gravitee.release.gio.release.pom.AlignmentException;
import io.gravitee.release.gio.release.pom.DependencyAligner;
import io.gravitee.release.gio.release.pom.Reactor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Releases one component: clone its branch, align its dependencies on components released
 * earlier, check its version, set the release version, build and deploy, commit, tag, prepare
 * the next snapshot, and push branch and tag in one atomic push.
 *
 * <p>Every check that can fail runs before the first write. What is already done is recognised
 * instead of redone: a release tag on the remote whose commit is on the branch means released
 * (nothing is written, nothing in the deploy repository is ever replaced once the tag exists).
 * Otherwise the build deploys into a local directory and {@link DeployUpload} moves its files into
 * the deploy repository under the journal's record of intent, replacing only what a dead attempt
 * of this release recorded.
 */
public final class ComponentReleaser {
    static final String NEXT_VERSION_MESSAGE = "chore(): Prepare next version";

    private final ReleaseSettings settings;
    private final Console console;
    private final Duration staleLockAge;

    /** A releaser that takes a ref lock file older than the default lease ttl for one left by a killed writer. */
    public ComponentReleaser(ReleaseSettings settings, Console console) {
        this(settings, console, LeaseOptions.DEFAULT_TTL);
    }

    /**
     * @param staleLockAge how old a ref lock file on a component's remote on this disk must be to be
     *     taken for one a killed writer left behind: git holds one for milliseconds, and the product
     *     release waits that long (its lease's ttl) before it takes over from a run that died
     */
    public ComponentReleaser(ReleaseSettings settings, Console console, Duration staleLockAge) {
        this.settings = settings;
        this.console = console;
        this.staleLockAge = staleLockAge;
    }

    /**
     * @param released {@code groupId:artifactId} → version of what this release already released
     */
    public ComponentOutcome release(Component component, Map<String, String> released) {
        return release(component, released, DeployJournal.inMemory());
    }

    /**
     * @param released {@code groupId:artifactId} → version of what this release already released
     * @param journal  where the deploy's intent is recorded before its first upload, and read on resume
     */
    public ComponentOutcome release(Component component, Map<String, String> released, DeployJournal journal) {
        long started = System.nanoTime();
        String version = component.releaseVersion().toString();
        try {
            return doRelease(component, released, journal, started);
        } catch (ReleaseException e) {
            return new ComponentOutcome(component.name(), ComponentOutcome.Status.FAILED, version, List.of(),
                    Optional.empty(), since(started), e.getMessage(), Optional.empty());
        } catch (IOException | GitAPIException | RuntimeException e) {
            return new ComponentOutcome(component.name(), ComponentOutcome.Status.FAILED, version, List.of(),
                    Optional.empty(), since(started), e.getClass().getSimpleName() + ": " + e.getMessage(), Optional.empty());
        }
    }

    private ComponentOutcome doRelease(Component component, Map<String, String> released, DeployJournal journal,
                                       long started)
            throws ReleaseException, IOException, GitAPIException {
        String name = component.name();
        String version = component.releaseVersion().toString();
        String branch = settings.branchOverride().orElse(component.releaseBranch());
        String url = settings.urlOf(name);
        Path dir = settings.workDirectory().resolve(name);
        deleteRecursively(dir);
        Files.createDirectories(dir.getParent());

        try (GitRepository repo = cloneBranch(url, branch, dir, name)) {
            ObjectId head = repo.resolveCommit(Constants.HEAD).orElseThrow();
            Reactor reactor = Reactor.load(dir);
            Optional<TagInfo> tag = Optional.ofNullable(repo.remoteTags().get(version));
            if (tag.isPresent()) {
                return alreadyReleased(repo, component, reactor, tag.get(), head, started);
            }
            if (!reactor.version().equals(component.version().toString())) {
                throw new ReleaseException(name + ": the POM on branch " + branch + " has version " + reactor.version()
                        + " but the manifest says " + component.version() + ". Nothing was changed. Fix the manifest or"
                        + " the branch so they agree, then run the release again.");
            }

            Reactor.AlignmentResult alignment = align(name, reactor, released);
            Reactor releasing = alignment.reactor().setVersion(component.version().toString(), version);
            String groupId = releasing.rootPom().groupId().orElse("");
            String artifactId = releasing.rootPom().artifactId();

            // Every build deploys into a local directory; gio moves the files into the deploy repository under the
            // journal's record (DeployUpload explains why), so that no crash needs a person.
            Path localDeploy = settings.workDirectory().resolve(name + "-deployed");
            deleteRecursively(localDeploy);
            MavenBuild.Result build = build(dir, name, settings.dryRun() ? deployTarget()
                    : "gio-local::" + localDeploy.toUri());
            if (!build.succeeded()) {
                throw new ReleaseException(name + ": the build failed (exit " + build.exitCode() + "), see " + build.log()
                        + "\n    " + String.join("\n    ", build.tail().subList(Math.max(0, build.tail().size() - 12),
                        build.tail().size())));
            }
            String deployment = "built and deployed";
            if (!settings.dryRun()) {
                DeployUpload.Result upload = upload(name, groupId, artifactId, version, localDeploy, journal);
                if (!upload.replaced().isEmpty()) {
                    deployment = "built and deployed, replacing " + upload.replaced().size() + " file(s) an attempt that"
                            + " died while deploying had uploaded";
                } else if (upload.kept() > 0) {
                    deployment = upload.uploaded().isEmpty() ? "built (already deployed by an earlier attempt)"
                            : "built, and completed the deploy an earlier attempt left unfinished (uploaded "
                                    + upload.uploaded().size() + " missing files, kept " + upload.kept() + ")";
                }
                upload.replaced().forEach(p -> console.info("  " + name + ": replaced " + p + " (a dead attempt's)"));
            }

            Git git = repo.git();
            RevCommit releaseCommit = commit(git, version);
            Ref tagRef = git.tag().setName(version).setAnnotated(true).setObjectId(releaseCommit)
                    .setMessage("Release " + name + " " + version).setTagger(settings.author()).call();
            releasing.setVersion(version, component.releaseVersion().nextPatchSnapshot().toString());
            RevCommit next = commit(git, NEXT_VERSION_MESSAGE);

            String what = deployment + ", tagged " + version + " at " + releaseCommit.abbreviate(8).name();
            if (settings.dryRun()) {
                return new ComponentOutcome(name, ComponentOutcome.Status.DRY_RUN, version, releasing.artifacts(),
                        Optional.of(releaseCommit.name()), since(started),
                        "dry run: " + what + " locally, deployed to " + settings.dryRunRepository() + ", nothing pushed",
                        Optional.of(build.log().toString()), build.duration());
            }
            List<RefChange> changes = List.of(
                    RefChange.update(Constants.R_HEADS + branch, head, next),
                    RefChange.create(Constants.R_TAGS + version, tagRef.getObjectId()));
            PushOutcome push = pushAtomically(repo, name, changes);
            if (!push.accepted()) {
                throw new ReleaseException(name + ": pushing " + branch + " and tag " + version + " was refused: "
                        + push.describeRejections() + "." + repo.locks().hint(refsOf(changes))
                        + " The release is deployed; run the release again: it will not deploy it twice.");
            }
            return new ComponentOutcome(name, ComponentOutcome.Status.RELEASED, version, releasing.artifacts(),
                    Optional.of(releaseCommit.name()), since(started), what + ", pushed " + branch,
                    Optional.of(build.log().toString()), build.duration());
        }
    }

    /**
     * A run killed in the middle of its push to a remote on this disk (the sandbox's, a mirror's)
     * leaves ref lock files there that refuse every later push of those refs; once they are older
     * than any live git writer holds one, they are removed and the push is tried once more.
     */
    private PushOutcome pushAtomically(GitRepository repo, String name, List<RefChange> changes) {
        PushOutcome push = repo.push(changes, true);
        if (!push.lockFailed()) {
            return push;
        }
        List<Path> removed = repo.locks().removeOlderThan(refsOf(changes), Instant.now().minus(staleLockAge));
        if (removed.isEmpty()) {
            return push;
        }
        removed.forEach(lock -> console.warn(name + ": removed the lock file " + lock + ", left on the remote by a"
                + " process killed while pushing to it (older than " + staleLockAge.toSeconds() + " s)"));
        return repo.push(changes, true);
    }

    private static List<String> refsOf(List<RefChange> changes) {
        return changes.stream().map(RefChange::remoteRef).toList();
    }

    private ComponentOutcome alreadyReleased(GitRepository repo, Component component, Reactor reactor, TagInfo tag,
                                             ObjectId head, long started) throws ReleaseException, IOException {
        String name = component.name();
        String version = component.releaseVersion().toString();
        if (!isAncestor(repo, tag.commitId(), head)) {
            throw new ReleaseException(name + ": tag " + version + " already exists on " + repo.remote() + " at commit "
                    + tag.commitId().abbreviate(8).name() + ", which is not on the branch being released. Nothing was"
                    + " changed. Delete that tag if it is wrong, or release another version.");
        }
        String groupId = reactor.rootPom().groupId().orElse("");
        String artifactId = reactor.rootPom().artifactId();
        if (!settings.deployRepository().contains(groupId, artifactId, version)) {
            throw new ReleaseException(name + ": tag " + version + " exists but " + groupId + ":" + artifactId + ":"
                    + version + " is not in " + settings.deployRepository().id() + ". Deploy it from the tag, then run"
                    + " the release again.");
        }
        return new ComponentOutcome(name, ComponentOutcome.Status.ALREADY_RELEASED, version, reactor.artifacts(),
                Optional.of(tag.commitId().name()), since(started),
                "already released: tag " + version + " is on the remote and the artifacts are deployed", Optional.empty());
    }

    private DeployUpload.Result upload(String name, String groupId, String artifactId, String version, Path local,
                                       DeployJournal journal) throws ReleaseException, IOException {
        try {
            return DeployUpload.run(local, settings.deployRepository(), journal);
        } catch (DeployUpload.ForeignFilesException e) {
            String dir = groupId.replace('.', '/') + "/" + artifactId + "/" + version + "/";
            throw new ReleaseException(name + ": " + settings.deployRepository().id() + " already holds files of "
                    + groupId + ":" + artifactId + ":" + version + " that no attempt of this release recorded and that"
                    + " differ from this build (" + String.join(", ", e.paths()) + "). Nothing was uploaded, tagged or"
                    + " pushed. They were deployed by something else (another tool, or a gio version that kept no"
                    + " record): " + version + " was never tagged, so if they are not a release someone relies on,"
                    + " delete " + dir + " (and the module directories of the same version) from "
                    + settings.deployRepository().id() + ", then run the release again.");
        } catch (IOException e) {
            throw new ReleaseException(name + ": " + e.getMessage(), e);
        }
    }

    /** Before anything is built: the POMs name releases only, or the component stops naming what is left. */
    private Reactor.AlignmentResult align(String name, Reactor reactor, Map<String, String> released)
            throws ReleaseException, IOException {
        try {
            Reactor.AlignmentResult alignment = new DependencyAligner(settings.releases(), settings.propertyUpdates())
                    .align(reactor, released);
            alignment.changes().forEach(c -> console.info("  " + name + ": aligned " + c));
            return alignment;
        } catch (AlignmentException e) {
            throw new ReleaseException(name + " still depends on snapshots after alignment: "
                    + String.join("; ", e.problems()) + ". Nothing was built or pushed. Release them first (or point"
                    + " the POM at a release), then run the release again.");
        }
    }

    private String deployTarget() {
        return settings.dryRun()
                ? "gio-dry-run::" + settings.dryRunRepository().toUri()
                : settings.deployRepository().altDeploymentRepository();
    }

    private MavenBuild.Result build(Path dir, String name, String target) throws IOException {
        List<String> goals = List.of("deploy");
        console.info("  " + name + ": building (deploy to " + target + ", profile " + settings.profile() + ")");
        return settings.build().run(new MavenBuild.Request(dir, goals, List.of(settings.profile()),
                Map.of("altDeploymentRepository", target),
                settings.userSettings(), settings.globalSettings(), settings.localRepository(),
                settings.workDirectory().resolve(name + "-build.log"), settings.buildTimeout()));
    }

    private GitRepository cloneBranch(String url, String branch, Path dir, String name) throws ReleaseException {
        try {
            GitRepository repo = GitRepository.cloneRemote(url, settings.gitCredentials().orElse(null), branch, dir);
            if (repo.resolveCommit(Constants.HEAD).isEmpty() || repo.repository().exactRef(Constants.R_HEADS + branch) == null) {
                repo.close();
                throw new ReleaseException(name + ": branch " + branch + " does not exist on " + url
                        + ". Create it, or pass -Dgio.release.branch to release from another branch.");
            }
            return repo;
        } catch (GitException e) {
            throw new ReleaseException(name + ": cannot clone " + url + " (branch " + branch + "): " + e.getMessage()
                    + ". Check -Dgio.scm.urlTemplate and that the repository exists.", e);
        } catch (IOException e) {
            throw new ReleaseException(name + ": cannot read the clone of " + url + ": " + e.getMessage(), e);
        }
    }

    private RevCommit commit(Git git, String message) throws GitAPIException {
        git.add().addFilepattern(".").setUpdate(true).call();
        return git.commit().setMessage(message).setAuthor(settings.author()).setCommitter(settings.author()).call();
    }

    private static boolean isAncestor(GitRepository repo, ObjectId ancestor, ObjectId head) throws IOException {
        try (RevWalk walk = new RevWalk(repo.repository())) {
            return walk.isMergedInto(walk.parseCommit(ancestor), walk.parseCommit(head));
        }
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

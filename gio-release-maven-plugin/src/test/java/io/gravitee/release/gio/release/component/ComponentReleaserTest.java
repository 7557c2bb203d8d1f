package io.gravitee.release.gio.release.component;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.manifest.Component;
import io.gravitee.release.gio.manifest.Manifest;
import io.gravitee.release.gio.release.build.DeployJournal;
import io.gravitee.release.gio.release.build.DeployRecord;
import io.gravitee.release.gio.release.build.DeployRepository;
import io.gravitee.release.gio.release.build.MavenBuild;
import io.gravitee.release.gio.sandbox.fixture.FixtureGenerator;
import io.gravitee.release.gio.sandbox.fixture.FixtureOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One component released against a real bare remote with a real Maven build and deploy. */
class ComponentReleaserTest {
    private static final String MANIFEST = """
            {"name": "Sample", "version": "2.1.3-SNAPSHOT", "components": [
              {"name": "sample-common", "version": "1.20.2-SNAPSHOT"},
              {"name": "sample-gateway", "version": "2.1.3-SNAPSHOT"}],
             "buildDependencies": [["sample-common"], ["sample-gateway"]]}""";

    @TempDir
    Path dir;
    Path git;
    Path deployRepo;
    Manifest manifest;

    @BeforeEach
    void generateRemotes() throws Exception {
        Path file = dir.resolve("release.json");
        Files.writeString(file, MANIFEST);
        git = dir.resolve("git");
        FixtureGenerator.generate(file, git, FixtureOptions.defaults()
                .withDependency("sample-gateway", "sample-common", FixtureOptions.VersionStyle.PROPERTY));
        deployRepo = Files.createDirectories(dir.resolve("deploy"));
        manifest = Manifest.read(file);
    }

    private ComponentReleaser releaser(boolean dryRun) {
        ReleaseSettings settings = new ReleaseSettings(git.toUri() + "{name}.git", Optional.empty(), Optional.empty(),
                DeployRepository.parse("private::" + deployRepo.toUri(), Optional.empty()), "gio-release",
                MavenBuild.ofRunningMaven(), Optional.empty(), Optional.empty(), Optional.empty(),
                dir.resolve("work"), Duration.ofMinutes(5), new PersonIdent("gio test", "gio@example.com"),
                dryRun, dir.resolve("dry-run-repo"));
        return new ComponentReleaser(settings, Console.silent());
    }

    private Component component(String name) {
        return manifest.component(name).orElseThrow();
    }

    @Test
    void releasesTagsDeploysAndPreparesTheNextSnapshot() throws Exception {
        ComponentOutcome outcome = releaser(false).release(component("sample-common"), Map.of());

        assertEquals(ComponentOutcome.Status.RELEASED, outcome.status(), outcome.detail());
        assertTrue(Files.isRegularFile(deployRepo.resolve("io/gravitee/sample/sample-common/1.20.2/sample-common-1.20.2.jar")));
        try (Repository remote = Git.open(git.resolve("sample-common.git").toFile()).getRepository();
             RevWalk walk = new RevWalk(remote)) {
            Ref tag = remote.exactRef("refs/tags/1.20.2");
            RevCommit tagged = walk.parseCommit(remote.getRefDatabase().peel(tag).getPeeledObjectId());
            assertEquals("1.20.2", tagged.getFullMessage().trim());
            assertTrue(file(remote, tagged, "pom.xml").contains("<version>1.20.2</version>"));
            RevCommit head = walk.parseCommit(remote.resolve("refs/heads/1.20.x"));
            assertEquals(ComponentReleaser.NEXT_VERSION_MESSAGE, head.getFullMessage().trim());
            assertEquals(tagged, head.getParent(0));
            assertTrue(file(remote, head, "pom.xml").contains("<version>1.20.3-SNAPSHOT</version>"));
        }
    }

    @Test
    void aSecondRunRecognisesTheReleaseAndWritesNothing() throws Exception {
        releaser(false).release(component("sample-common"), Map.of());
        Map<String, ObjectId> before = refs("sample-common");

        ComponentOutcome again = releaser(false).release(component("sample-common"), Map.of());

        assertEquals(ComponentOutcome.Status.ALREADY_RELEASED, again.status(), again.detail());
        assertEquals(before, refs("sample-common"));
    }

    @Test
    void dependenciesOnComponentsReleasedEarlierAreAligned() throws Exception {
        ComponentOutcome common = releaser(false).release(component("sample-common"), Map.of());
        Map<String, String> released = new TreeMap<>();
        common.artifacts().forEach(a -> released.put(a, common.version()));

        ComponentOutcome gateway = releaser(false).release(component("sample-gateway"), released);

        assertEquals(ComponentOutcome.Status.RELEASED, gateway.status(), gateway.detail());
        try (Repository remote = Git.open(git.resolve("sample-gateway.git").toFile()).getRepository();
             RevWalk walk = new RevWalk(remote)) {
            RevCommit tagged = walk.parseCommit(remote.getRefDatabase().peel(remote.exactRef("refs/tags/2.1.3"))
                    .getPeeledObjectId());
            String pom = file(remote, tagged, "pom.xml");
            assertTrue(pom.contains(">1.20.2<"), pom);
            assertTrue(!pom.contains("1.20.2-SNAPSHOT"), pom);
        }
    }

    @Test
    void aSnapshotOfAReleasedComponentLeftAfterAlignmentStopsTheReleaseBeforeAnyWrite() throws Exception {
        Map<String, ObjectId> before = refs("sample-gateway");

        // sample-common "released" as a snapshot: alignment cannot make it a release dependency.
        ComponentOutcome outcome = releaser(false).release(component("sample-gateway"),
                Map.of("io.gravitee.sample:sample-common", "1.20.2-SNAPSHOT"));

        assertEquals(ComponentOutcome.Status.FAILED, outcome.status());
        assertTrue(outcome.detail().contains("still depends on snapshots"), outcome.detail());
        assertEquals(before, refs("sample-gateway"));
    }

    @Test
    void aPomVersionThatDiffersFromTheManifestStopsBeforeTouchingAnything() throws Exception {
        Manifest other = manifest.withComponentVersion("sample-common",
                io.gravitee.release.gio.manifest.Version.parse("1.20.9-SNAPSHOT"));
        Map<String, ObjectId> before = refs("sample-common");

        ComponentOutcome outcome = releaser(false).release(other.component("sample-common").orElseThrow(), Map.of());

        assertEquals(ComponentOutcome.Status.FAILED, outcome.status());
        assertTrue(outcome.detail().contains("has version 1.20.2-SNAPSHOT but the manifest says 1.20.9-SNAPSHOT"),
                outcome.detail());
        assertEquals(before, refs("sample-common"));
        assertTrue(!Files.exists(deployRepo.resolve("io")));
    }

    @Test
    void aTagOnAnotherCommitIsRefused() throws Exception {
        try (Git remote = Git.open(git.resolve("sample-common.git").toFile())) {
            RevCommit head = remote.log().call().iterator().next();
            // A tag of the same name on a commit that is not on the branch being released.
            Repository r = remote.getRepository();
            try (var inserter = r.newObjectInserter()) {
                org.eclipse.jgit.lib.CommitBuilder cb = new org.eclipse.jgit.lib.CommitBuilder();
                cb.setTreeId(head.getTree());
                cb.setAuthor(new PersonIdent("x", "x@x"));
                cb.setCommitter(new PersonIdent("x", "x@x"));
                cb.setMessage("elsewhere");
                ObjectId stray = inserter.insert(cb);
                inserter.flush();
                var update = r.updateRef("refs/tags/1.20.2");
                update.setNewObjectId(stray);
                update.update();
            }
        }
        Map<String, ObjectId> before = refs("sample-common");

        ComponentOutcome outcome = releaser(false).release(component("sample-common"), Map.of());

        assertEquals(ComponentOutcome.Status.FAILED, outcome.status());
        assertTrue(outcome.detail().contains("tag 1.20.2 already exists"), outcome.detail());
        assertEquals(before, refs("sample-common"));
    }

    @Test
    void aMissingRemoteOrBranchIsAClearError() throws Exception {
        ReleaseSettings base = new ReleaseSettings(git.toUri() + "missing-{name}.git", Optional.empty(), Optional.empty(),
                DeployRepository.parse("private::" + deployRepo.toUri(), Optional.empty()), "gio-release",
                MavenBuild.ofRunningMaven(), Optional.empty(), Optional.empty(), Optional.empty(),
                dir.resolve("work"), Duration.ofMinutes(5), new PersonIdent("t", "t@t"), false, dir.resolve("d"));
        ComponentOutcome noRemote = new ComponentReleaser(base, Console.silent()).release(component("sample-common"), Map.of());
        assertEquals(ComponentOutcome.Status.FAILED, noRemote.status());
        assertTrue(noRemote.detail().contains("cannot clone"), noRemote.detail());

        ReleaseSettings wrongBranch = new ReleaseSettings(git.toUri() + "{name}.git", Optional.empty(), Optional.of("9.9.x"),
                base.deployRepository(), "gio-release", base.build(), Optional.empty(), Optional.empty(), Optional.empty(),
                dir.resolve("work"), Duration.ofMinutes(5), base.author(), false, dir.resolve("d"));
        ComponentOutcome noBranch = new ComponentReleaser(wrongBranch, Console.silent()).release(component("sample-common"), Map.of());
        assertEquals(ComponentOutcome.Status.FAILED, noBranch.status());
        assertTrue(noBranch.detail().contains("9.9.x"), noBranch.detail());
    }

    @Test
    void aReleaseDeployedByACrashedAttemptIsNotDeployedAgain() throws Exception {
        assertEquals(ComponentOutcome.Status.RELEASED, releaser(false).release(component("sample-common"), Map.of()).status());
        Path jar = deployRepo.resolve("io/gravitee/sample/sample-common/1.20.2/sample-common-1.20.2.jar");
        byte[] deployedJar = Files.readAllBytes(jar);
        // As if that attempt had died after its deploy and before its push.
        try (Repository remote = Git.open(git.resolve("sample-common.git").toFile()).getRepository()) {
            RefUpdate deleteTag = remote.updateRef("refs/tags/1.20.2");
            deleteTag.setForceUpdate(true);
            deleteTag.delete();
            RefUpdate rewind = remote.updateRef("refs/heads/1.20.x");
            rewind.setNewObjectId(remote.resolve("refs/heads/1.20.x~2"));
            rewind.setForceUpdate(true);
            rewind.update();
        }

        ComponentOutcome outcome = releaser(false).release(component("sample-common"), Map.of());

        assertEquals(ComponentOutcome.Status.RELEASED, outcome.status(), outcome.detail());
        assertTrue(outcome.detail().contains("already deployed by an earlier attempt"), outcome.detail());
        assertArrayEquals(deployedJar, Files.readAllBytes(jar), "the deployed jar was not replaced");
        assertTrue(refs("sample-common").containsKey("refs/tags/1.20.2"), "the resumed run tagged and pushed");
    }

    @Test
    void aLockFileAPushKilledOnTheRemoteLeftIsRemovedOnceOlderThanAnyLiveWriterHoldsOne() throws Exception {
        Path lock = git.resolve("sample-common.git/refs/heads/1.20.x.lock");
        Files.writeString(lock, "");
        Files.setLastModifiedTime(lock, java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(Duration.ofMinutes(3))));

        ComponentOutcome outcome = releaser(false).release(component("sample-common"), Map.of());

        assertEquals(ComponentOutcome.Status.RELEASED, outcome.status(), outcome.detail());
        assertTrue(!Files.exists(lock), "the stale lock is gone");
        assertTrue(refs("sample-common").containsKey("refs/tags/1.20.2"));
    }

    @Test
    void aRecentLockFileOnTheRemoteRefusesThePushNamesTheFileAndIsKept() throws Exception {
        Path lock = git.resolve("sample-common.git/refs/heads/1.20.x.lock");
        Files.writeString(lock, "");
        Map<String, ObjectId> before = refs("sample-common");

        ComponentOutcome outcome = releaser(false).release(component("sample-common"), Map.of());

        assertEquals(ComponentOutcome.Status.FAILED, outcome.status());
        assertTrue(outcome.detail().contains(lock.toString()) && outcome.detail().contains("run the release again"),
                outcome.detail());
        assertTrue(Files.exists(lock), "a lock a live writer may hold is not touched");
        assertEquals(before, refs("sample-common"), "the atomic push wrote neither the branch nor the tag");

        Files.delete(lock);
        ComponentOutcome again = releaser(false).release(component("sample-common"), Map.of());
        assertEquals(ComponentOutcome.Status.RELEASED, again.status(), again.detail());
        assertTrue(again.detail().contains("already deployed by an earlier attempt"), again.detail());
    }

    @Test
    void aDeployCutShortByACrashIsCompletedWithoutReplacingWhatArrived() throws Exception {
        // The sample builds are reproducible: a dry run yields the bytes the crashed attempt deployed. That attempt
        // died after the POM and the jar reached the repository, before the jar's checksums and the other files.
        assertEquals(ComponentOutcome.Status.DRY_RUN, releaser(true).release(component("sample-common"), Map.of()).status());
        String base = "io/gravitee/sample/sample-common/1.20.2/sample-common-1.20.2";
        Path built = dir.resolve("dry-run-repo");
        for (String file : new String[] {base + ".pom", base + ".jar"}) {
            Files.createDirectories(deployRepo.resolve(file).getParent());
            Files.copy(built.resolve(file), deployRepo.resolve(file));
        }
        Path jar = deployRepo.resolve(base + ".jar");
        java.nio.file.attribute.FileTime arrived = Files.getLastModifiedTime(jar);

        ComponentOutcome outcome = releaser(false).release(component("sample-common"), Map.of());

        assertEquals(ComponentOutcome.Status.RELEASED, outcome.status(), outcome.detail());
        assertTrue(outcome.detail().contains("completed the deploy an earlier attempt left unfinished"), outcome.detail());
        assertEquals(arrived, Files.getLastModifiedTime(jar), "what the first attempt deployed is kept");
        assertTrue(Files.isRegularFile(deployRepo.resolve(base + ".jar.sha1")));
        assertTrue(Files.isRegularFile(deployRepo.resolve(base + ".pom.sha1")));
        assertTrue(Files.isRegularFile(deployRepo.resolve("io/gravitee/sample/sample-common/maven-metadata.xml")));
        assertTrue(refs("sample-common").containsKey("refs/tags/1.20.2"), "the resumed run tagged and pushed");
    }

    @Test
    void filesADeadAttemptRecordedAreReplacedByTheRebuildOfABuildThatIsNotReproducible() throws Exception {
        // The dead attempt's build: other bytes than the rebuild's (as any build without outputTimestamp), recorded in
        // the journal before its upload, which died after the POM and the jar.
        assertEquals(ComponentOutcome.Status.DRY_RUN, releaser(true).release(component("sample-common"), Map.of()).status());
        String base = "io/gravitee/sample/sample-common/1.20.2/sample-common-1.20.2";
        Path deadBuild = dir.resolve("dead-build");
        for (String file : new String[] {base + ".pom", base + ".jar"}) {
            Path copy = deadBuild.resolve(file);
            Files.createDirectories(copy.getParent());
            Files.write(copy, (Files.readString(dir.resolve("dry-run-repo").resolve(file), java.nio.charset.StandardCharsets.ISO_8859_1)
                    + (file.endsWith(".pom") ? "<!-- built at another time -->" : "other bytes")).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            Files.createDirectories(deployRepo.resolve(file).getParent());
            Files.copy(copy, deployRepo.resolve(file));
        }
        DeployJournal journal = DeployJournal.inMemory();
        journal.intend(DeployRecord.of(deadBuild));

        ComponentOutcome outcome = releaser(false).release(component("sample-common"), Map.of(), journal);

        assertEquals(ComponentOutcome.Status.RELEASED, outcome.status(), outcome.detail());
        assertTrue(outcome.detail().contains("replacing 2 file(s) an attempt that died while deploying had uploaded"),
                outcome.detail());
        Path rebuilt = dir.resolve("work/sample-common-deployed");
        for (String file : new String[] {base + ".pom", base + ".jar", base + ".jar.sha1", base + ".pom.sha1"}) {
            assertArrayEquals(Files.readAllBytes(rebuilt.resolve(file)), Files.readAllBytes(deployRepo.resolve(file)), file);
        }
        // Both builds' files are in the record: a crash of this attempt too would leave nothing unknown.
        assertTrue(journal.intended().recorded(base + ".jar", DeployRecord.of(deadBuild).files().get(base + ".jar")
                .iterator().next()));
        assertTrue(journal.intended().files().keySet().containsAll(DeployRecord.of(rebuilt).files().keySet()));
        assertTrue(refs("sample-common").containsKey("refs/tags/1.20.2"));

        // Once tagged, nothing is replaced: a re-run finds it released and writes nothing.
        byte[] jar = Files.readAllBytes(deployRepo.resolve(base + ".jar"));
        ComponentOutcome again = releaser(false).release(component("sample-common"), Map.of(), journal);
        assertEquals(ComponentOutcome.Status.ALREADY_RELEASED, again.status(), again.detail());
        assertArrayEquals(jar, Files.readAllBytes(deployRepo.resolve(base + ".jar")));
    }

    @Test
    void aCrashedDeployThatTheRebuildDoesNotReproduceStopsWithoutWritingAnything() throws Exception {
        Map<String, ObjectId> before = refs("sample-common");
        Path pom = deployRepo.resolve("io/gravitee/sample/sample-common/1.20.2/sample-common-1.20.2.pom");
        Files.createDirectories(pom.getParent());
        Files.writeString(pom, "<project/>");

        ComponentOutcome outcome = releaser(false).release(component("sample-common"), Map.of());

        assertEquals(ComponentOutcome.Status.FAILED, outcome.status(), outcome.detail());
        assertTrue(outcome.detail().contains("that no attempt of this release recorded and that differ from this build"
                + " (io/gravitee/sample/sample-common/1.20.2/sample-common-1.20.2.pom)"), outcome.detail());
        assertTrue(outcome.detail().contains("delete io/gravitee/sample/sample-common/1.20.2/"), outcome.detail());
        assertEquals("<project/>", Files.readString(pom));
        try (Stream<Path> files = Files.list(pom.getParent())) {
            assertEquals(List.of(pom), files.toList(), "nothing was uploaded");
        }
        assertEquals(before, refs("sample-common"), "nothing was tagged or pushed");
    }

    @Test
    void aDryRunBuildsAndDeploysLocallyAndLeavesTheRemoteUntouched() throws Exception {
        Map<String, ObjectId> before = refs("sample-common");

        ComponentOutcome outcome = releaser(true).release(component("sample-common"), Map.of());

        assertEquals(ComponentOutcome.Status.DRY_RUN, outcome.status(), outcome.detail());
        assertEquals(before, refs("sample-common"));
        assertTrue(Files.isRegularFile(dir.resolve("dry-run-repo/io/gravitee/sample/sample-common/1.20.2/sample-common-1.20.2.jar")));
        assertTrue(!Files.exists(deployRepo.resolve("io")));
    }

    private Map<String, ObjectId> refs(String component) throws Exception {
        try (Repository remote = Git.open(git.resolve(component + ".git").toFile()).getRepository()) {
            Map<String, ObjectId> refs = new TreeMap<>();
            for (Ref ref : remote.getRefDatabase().getRefs()) {
                refs.put(ref.getName(), ref.getObjectId());
            }
            return refs;
        }
    }

    private static String file(Repository repo, RevCommit commit, String path) throws Exception {
        try (TreeWalk walk = TreeWalk.forPath(repo, path, commit.getTree())) {
            return new String(repo.open(walk.getObjectId(0)).getBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}

package io.gravitee.release.gio.release.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.manifest.Manifest;
import io.gravitee.release.gio.manifest.ManifestException;
import io.gravitee.release.gio.sandbox.fixture.FixtureGenerator;
import io.gravitee.release.gio.sandbox.fixture.FixtureOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleasePlannerTest {
    private static final String MANIFEST = """
            {"name": "Sample", "version": "2.1.3-SNAPSHOT", "components": [
              {"name": "sample-common", "version": "1.20.2-SNAPSHOT"},
              {"name": "sample-gateway", "version": "2.1.3-SNAPSHOT"}],
             "buildDependencies": [["sample-common"], [], ["sample-gateway"]]}""";

    @Test
    void saysWhatTheTagsAlreadyShow(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("release.json");
        Files.writeString(file, MANIFEST);
        Path git = dir.resolve("git");
        FixtureGenerator.generate(file, git, FixtureOptions.defaults());
        Path checkout = dir.resolve("checkout");
        Git.cloneRepository().setURI(git.resolve("release.git").toUri().toString()).setDirectory(checkout.toFile()).call().close();
        try (Git common = Git.open(git.resolve("sample-common.git").toFile());
             Git release = Git.open(git.resolve("release.git").toFile())) {
            common.tag().setName("1.20.2").setObjectId(common.getRepository().parseCommit(
                    common.getRepository().resolve("1.20.x"))).setTagger(new PersonIdent("t", "t@t")).call();
            release.tag().setName("2.1.3_START").setObjectId(release.getRepository().parseCommit(
                    release.getRepository().resolve("master"))).setTagger(new PersonIdent("t", "t@t")).call();
        }

        ReleasePlan plan = new ReleasePlanner(Console.silent()).plan(Manifest.read(file), checkout,
                name -> git.resolve(name + ".git").toUri().toString(), Optional.empty());

        assertTrue(plan.progress().startsWith("started (tag 2.1.3_START)"), plan.progress());
        assertTrue(plan.status().get("sample-common").startsWith("tag 1.20.2 exists on its remote"), plan.status().toString());
        assertEquals(ReleasePlanner.TO_RELEASE, plan.status().get("sample-gateway"));
        String json = plan.toJson();
        assertTrue(json.contains("\"waves\" : [ [ \"sample-common\" ], [ ], [ \"sample-gateway\" ] ]"), json);
    }

    @Test
    void anUnreachableRemoteIsAWarningNotAFailure(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("release.json");
        Files.writeString(file, MANIFEST);

        ReleasePlan plan = new ReleasePlanner(Console.silent()).plan(Manifest.read(file), dir,
                name -> dir.resolve("missing/" + name + ".git").toUri().toString(), Optional.empty());

        assertEquals("not checked (not in a git checkout)", plan.progress());
        assertEquals(2, plan.warnings().stream().filter(w -> w.contains("cannot list the tags")).count(), plan.warnings().toString());
        assertEquals(ReleasePlanner.TO_RELEASE, plan.status().get("sample-common"));
    }

    @Test
    void aComponentNameThatIsNoRepositoryNameIsRefusedBeforeAnyRemoteIsAsked(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("release.json");
        Files.writeString(file, MANIFEST.replace("sample-gateway", "../../../../tmp/evil"));
        java.util.List<String> asked = new java.util.ArrayList<>();

        ManifestException e = assertThrows(ManifestException.class, () -> new ReleasePlanner(Console.silent())
                .plan(Manifest.read(file), dir, name -> { asked.add(name); return name; }, Optional.empty()));

        assertTrue(e.getMessage().contains("components[1] ('../../../../tmp/evil')"), e.getMessage());
        assertTrue(e.getMessage().contains("buildDependencies[2] (wave 3)[0] ('../../../../tmp/evil')"), e.getMessage());
        assertTrue(e.getMessage().contains("Fix: rename it to the component's repository name"), e.getMessage());
        assertEquals(java.util.List.of(), asked);
    }
}

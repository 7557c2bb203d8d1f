package io.gravitee.release.gio.sandbox.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gravitee.release.gio.sandbox.nexus2.RepositorySnapshot;
import io.gravitee.release.gio.sandbox.nexus2.RepositoryState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two pipeline runs compared by what they left, not by ids that hold dates. */
class ProductStateTest {
    @TempDir
    Path dir;

    private Path remoteWithTag(String name, String content, String tag) throws Exception {
        Path work = dir.resolve(name + "-work");
        try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            Files.writeString(work.resolve("pom.xml"), content);
            git.add().addFilepattern(".").call();
            // A different date per call: commit ids differ, content does not.
            PersonIdent who = new PersonIdent("t", "t@example.com", new java.util.Date(System.nanoTime() / 1000), java.util.TimeZone.getDefault());
            git.commit().setMessage("1.0.0").setAuthor(who).setCommitter(who).setSign(false).call();
            git.tag().setName(tag).setAnnotated(true).setMessage(tag).setTagger(who).setSigned(false).call();
        }
        Path bare = Files.createDirectories(dir.resolve(name)).resolve("component.git");
        Git.cloneRepository().setURI(work.toUri().toString()).setBare(true).setDirectory(bare.toFile()).call().close();
        return bare.getParent();
    }

    private static RepositorySnapshot released(String id, List<String> files) {
        return new RepositorySnapshot(id, "p", "d", RepositoryState.RELEASED, false, 0, false, files, List.of());
    }

    @Test
    void runsThatLeftTheSameContentAreEqualThoughTheirCommitIdsDiffer() throws Exception {
        ProductState first = ProductState.capture(remoteWithTag("a", "<project/>", "1.0.0"), List.of("x.jar"),
                List.of(released("r1", List.of("x.jar"))), dir.resolve("no-bucket"));
        ProductState second = ProductState.capture(remoteWithTag("b", "<project/>", "1.0.0"), List.of("x.jar"),
                List.of(released("r7", List.of("x.jar"))), dir.resolve("no-bucket"));

        assertEquals(List.of(), second.differences(first));
    }

    @Test
    void aFileReleasedTwiceAMissingTagAndAnExtraObjectAreEachReported() throws Exception {
        Path bucket = Files.createDirectories(dir.resolve("bucket/p"));
        ProductState expected = ProductState.capture(remoteWithTag("a", "<project/>", "1.0.0"), List.of("x.jar"),
                List.of(released("r1", List.of("x.jar"))), dir.resolve("bucket"));
        Files.writeString(bucket.resolve("extra.zip"), "z");
        ProductState found = ProductState.capture(remoteWithTag("b", "<project/>", "2.0.0"), List.of("x.jar"),
                List.of(released("r1", List.of("x.jar")), released("r2", List.of("x.jar"))), dir.resolve("bucket"));

        List<String> differences = found.differences(expected);

        assertTrue(differences.contains("released on Nexus 2: unexpected x.jar"), differences.toString());
        assertTrue(differences.stream().anyMatch(d -> d.startsWith("ref component:refs/tags/1.0.0: expected")), differences.toString());
        assertTrue(differences.stream().anyMatch(d -> d.startsWith("ref component:refs/tags/2.0.0: expected null")), differences.toString());
        assertTrue(differences.contains("bucket: unexpected p/extra.zip"), differences.toString());
    }

    @Test
    void commitIdsTimesStagingIdsAndAttemptCountsAreTheOnlyThingsNormalisedAway() {
        List<String> staging = List.of("iogravitee-1003");
        String ledger = "{\"tagCommit\" : \"206c7e198243db70d1b628503dc671c9b1582538\", \"updatedAt\" : "
                + "\"2026-11-27T00:57:18.462917110Z\", \"repository\" : \"iogravitee-1003\", \"state\" : \"RELEASED\"}";

        assertEquals("{\"tagCommit\" : \"<commit>\", \"updatedAt\" : \"<time>\", \"repository\" : "
                + "\"<staging-repository>\", \"state\" : \"RELEASED\"}", ProductState.normalise(ledger, staging));
        assertEquals("version 1.4.0 at 2026-11-27", ProductState.normalise("version 1.4.0 at 2026-11-27", staging));
        assertEquals("{\"state\" : \"RELEASED\", \"attempts\" : <attempts>, \"deploy.files\" : \"a 1\"}",
                ProductState.normalise("{\"state\" : \"RELEASED\", \"attempts\" : 2, \"deploy.files\" : \"a 1\"}", staging));
        String record = "\"deploy.files\" : \"07b3c40b5c24f84534df37e9083be3d061c69f89  a.jar\\n"
                + "23f9add29acb563cbd635e4e71922f36f8142834  a.jar.asc\\n\"";
        assertEquals("\"deploy.files\" : \"<commit>  a.jar\\n<commit>  a.jar.asc\\n\"", ProductState.normalise(record, staging));
    }
}

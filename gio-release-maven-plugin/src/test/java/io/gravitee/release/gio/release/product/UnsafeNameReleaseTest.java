package io.gravitee.release.gio.release.product;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.TextNode;
import io.gravitee.release.gio.release.component.ReleaseException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A component name that is not a repository name stops the release before it writes anything:
 * the {@code _START} tag means "resume", so pushing it for a release that cannot run would leave
 * a release that every later run resumes into the same failure.
 */
class UnsafeNameReleaseTest {
    @TempDir
    Path dir;

    /** The sample product, generated with good names, whose release repository then renames sample-api. */
    private ProductFixture productNaming(String badName) throws Exception {
        ProductFixture product = ProductFixture.create(dir, ProductReleaseTest.MANIFEST, ProductReleaseTest.options());
        Files.writeString(product.checkout.resolve("release.json"), withSampleApiNamed(badName));
        try (Git checkout = Git.open(product.checkout.toFile())) {
            PersonIdent dev = new PersonIdent("dev", "dev@example.com");
            checkout.commit().setAll(true).setMessage("rename sample-api").setAuthor(dev).setCommitter(dev).call();
            checkout.push().call();
        }
        return product;
    }

    private static String withSampleApiNamed(String name) {
        return ProductReleaseTest.MANIFEST.replace("\"sample-api\"", TextNode.valueOf(name).toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "path out of the work area | ../../../../tmp/evil",
            "shell command             | a;touch pwned",
            "newline                   | evil\\nname"})
    void isRefusedBeforeAnyTagPushCommitOrClone(String why, String written) throws Exception {
        // The newline is written as backslash-n here, which is also how the message must show it.
        String name = written.replace("\\n", "\n");
        String shown = "'" + written + "'";
        ProductFixture product = productNaming(name);
        Map<String, ObjectId> before = product.allRefs();
        List<String> history = product.log("release", "master");

        ReleaseException e = assertThrows(ReleaseException.class, () -> product.release(false));

        assertTrue(e.getMessage().contains("components[1] (" + shown + ")"), e.getMessage());
        assertTrue(e.getMessage().contains("wave 1)[1] (" + shown + ")"), e.getMessage());
        assertTrue(e.getMessage().contains("Fix: rename it"), e.getMessage());
        assertEquals(before, product.allRefs(), "no tag, branch or lock written on any remote");
        assertFalse(before.containsKey("release.git refs/tags/2.1.3_START"));
        assertEquals(history, product.log("release", "master"), "no ledger commit");
        assertFalse(Files.exists(product.settings(false).workDirectory()), "no component cloned");
    }

    @Test
    void aDryRunIsRefusedAsWell() throws Exception {
        ProductFixture product = productNaming("../../../../tmp/evil");
        Map<String, ObjectId> before = product.allRefs();

        ReleaseException e = assertThrows(ReleaseException.class, () -> product.release(true));

        assertTrue(e.getMessage().contains("'../../../../tmp/evil' contains '/'"), e.getMessage());
        assertEquals(before, product.allRefs());
        assertFalse(Files.exists(product.settings(true).workDirectory()));
        assertFalse(Files.exists(product.settings(true).dryRunRepository()));
    }

    @Test
    void aBadNamePushedAfterTheCheckoutWasMadeIsRefusedToo() throws Exception {
        // The release reads the manifest at the remote's head once the ledger is fetched; that copy is checked too.
        ProductFixture product = ProductFixture.create(dir, ProductReleaseTest.MANIFEST, ProductReleaseTest.options());
        Path other = dir.resolve("other-clone");
        try (Git clone = Git.cloneRepository().setURI(product.git.resolve("release.git").toUri().toString())
                .setDirectory(other.toFile()).call()) {
            Files.writeString(other.resolve("release.json"), withSampleApiNamed("a;touch pwned"));
            PersonIdent dev = new PersonIdent("dev", "dev@example.com");
            clone.commit().setAll(true).setMessage("rename sample-api").setAuthor(dev).setCommitter(dev).call();
            clone.push().call();
        }
        Map<String, ObjectId> before = product.allRefs();
        List<String> history = product.log("release", "master");

        ReleaseException e = assertThrows(ReleaseException.class, () -> product.release(false));

        assertTrue(e.getMessage().contains("release.json@"), "names the remote's copy: " + e.getMessage());
        assertTrue(e.getMessage().contains("component name 'a;touch pwned' contains ';'"), e.getMessage());
        assertEquals(before, product.allRefs());
        assertEquals(history, product.log("release", "master"));
        assertFalse(Files.exists(product.settings(false).workDirectory()));
    }
}

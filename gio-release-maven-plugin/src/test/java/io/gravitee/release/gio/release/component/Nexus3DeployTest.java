package io.gravitee.release.gio.release.component;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gravitee.release.gio.credentials.Credentials;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.manifest.Component;
import io.gravitee.release.gio.manifest.Manifest;
import io.gravitee.release.gio.release.build.DeployJournal;
import io.gravitee.release.gio.release.build.DeployRecord;
import io.gravitee.release.gio.release.build.DeployRepository;
import io.gravitee.release.gio.release.build.MavenBuild;
import io.gravitee.release.gio.sandbox.maven.Nexus3Peer;
import io.gravitee.release.gio.sandbox.fixture.FixtureGenerator;
import io.gravitee.release.gio.sandbox.fixture.FixtureOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Releases deployed to a real Nexus Repository OSS 3, whose release repository refuses a second
 * deploy of the same version: a run that died after deploying and before pushing is resumed
 * without ever deploying again.
 */
class Nexus3DeployTest {
    private static final String MANIFEST = """
            {"name": "N3", "version": "5.0.1-SNAPSHOT", "components": [{"name": "n3-lib", "version": "7.3.1-SNAPSHOT"}],
             "buildDependencies": [["n3-lib"]]}""";

    /** One component's remotes and the settings releasing it into the shared Nexus 3. */
    private record Product(Path dir, Nexus3Peer nexus, Path git, Path settings, DeployRepository deploy,
                           Component component) {
        static Product generate(Path dir, String minor) throws Exception {
            Nexus3Peer nexus = Nexus3Peer.shared();
            String user = nexus.credentials().username();
            String password = nexus.credentials().password();
            Path settings = dir.resolve("settings.xml");
            Files.writeString(settings, "<settings><servers><server><id>gio-maven</id><username>" + user
                    + "</username><password>" + password + "</password></server></servers></settings>");
            Path file = dir.resolve("release.json");
            // A version of its own per run: the shared Nexus outlives this test's temporary directory.
            String version = minor + "." + (System.currentTimeMillis() % 100000) + "-SNAPSHOT";
            Files.writeString(file, MANIFEST.replace("7.3.1-SNAPSHOT", version));
            Path git = dir.resolve("git");
            FixtureGenerator.generate(file, git, FixtureOptions.defaults());
            DeployRepository deploy = DeployRepository.parse("gio-maven::" + nexus.url(),
                    Optional.of(new Credentials("gio-maven", user, password)));
            return new Product(dir, nexus, git, settings, deploy, Manifest.read(file).component("n3-lib").orElseThrow());
        }

        ComponentReleaser releaser(boolean dryRun) {
            return new ComponentReleaser(new ReleaseSettings(git.toUri() + "{name}.git", Optional.empty(),
                    Optional.empty(), deploy, "gio-release", MavenBuild.ofRunningMaven(), Optional.of(settings),
                    Optional.empty(), Optional.empty(), dir.resolve(dryRun ? "dry-work" : "work"), Duration.ofMinutes(5),
                    new PersonIdent("t", "t@example.com"), dryRun, dir.resolve("dry")), Console.silent());
        }

        int get(String path) throws Exception {
            return Nexus3DeployTest.get(nexus.url().resolve(path), nexus.credentials().username(),
                    nexus.credentials().password());
        }
    }

    @Test
    void releasesIntoNexus3AndNeverDeploysTheSameVersionTwice(@TempDir Path dir) throws Exception {
        Product product = Product.generate(dir, "7.3");
        product.deploy().checkReachable();
        Component component = product.component();
        String release = component.releaseVersion().toString();
        String branch = component.releaseBranch();

        ComponentOutcome first = product.releaser(false).release(component, Map.of());
        assertEquals(ComponentOutcome.Status.RELEASED, first.status(), first.detail());
        String jar = "io/gravitee/sample/n3-lib/" + release + "/n3-lib-" + release + ".jar";
        assertEquals(200, product.get(jar));

        // As if that run had died after its deploy and before its push: the remote never saw the release.
        try (Repository remote = Git.open(product.git().resolve("n3-lib.git").toFile()).getRepository()) {
            RefUpdate deleteTag = remote.updateRef("refs/tags/" + release);
            deleteTag.setForceUpdate(true);
            deleteTag.delete();
            RefUpdate rewind = remote.updateRef("refs/heads/" + branch);
            rewind.setNewObjectId(remote.resolve("refs/heads/" + branch + "~2"));
            rewind.setForceUpdate(true);
            rewind.update();
        }

        ComponentOutcome resumed = product.releaser(false).release(component, Map.of());

        assertEquals(ComponentOutcome.Status.RELEASED, resumed.status(), resumed.detail());
        assertTrue(resumed.detail().contains("already deployed by an earlier attempt"), resumed.detail());
        String log = Files.readString(Path.of(resumed.log().orElseThrow()));
        assertFalse(log.contains("Uploading to gio-maven"), "nothing was deployed to Nexus the second time");
        assertEquals(200, product.get(jar));
    }

    @Test
    void aDeployCutShortIsCompletedOverHttpWithoutReplacingWhatArrived(@TempDir Path dir) throws Exception {
        Product product = Product.generate(dir, "7.4");
        Component component = product.component();
        String release = component.releaseVersion().toString();
        // A dry run builds the very POM a real deploy would send (the sample build is reproducible); only that POM
        // reaches Nexus, as when the process is killed between the POM's upload and the jar's.
        assertEquals(ComponentOutcome.Status.DRY_RUN, product.releaser(true).release(component, Map.of()).status());
        String base = "io/gravitee/sample/n3-lib/" + release + "/n3-lib-" + release;
        product.deploy().upload(base + ".pom", dir.resolve("dry").resolve(base + ".pom"));
        assertEquals(404, product.get(base + ".jar"));

        ComponentOutcome resumed = product.releaser(false).release(component, Map.of());

        assertEquals(ComponentOutcome.Status.RELEASED, resumed.status(), resumed.detail());
        assertTrue(resumed.detail().contains("completed the deploy an earlier attempt left unfinished"), resumed.detail());
        assertEquals(200, product.get(base + ".jar"));
        assertEquals(200, product.get(base + ".pom"));
    }

    /** As if an attempt whose build had other bytes had died after uploading the POM: recorded, then uploaded. */
    private static DeployJournal deadAttempt(Product product, Path dir, String base) throws Exception {
        assertEquals(ComponentOutcome.Status.DRY_RUN, product.releaser(true).release(product.component(), Map.of()).status());
        Path pom = dir.resolve("dead/" + base + ".pom");
        Files.createDirectories(pom.getParent());
        Files.writeString(pom, Files.readString(dir.resolve("dry").resolve(base + ".pom")) + "<!-- another build -->");
        DeployJournal journal = DeployJournal.inMemory();
        journal.intend(DeployRecord.of(dir.resolve("dead")));
        product.deploy().upload(base + ".pom", pom);
        return journal;
    }

    @Test
    void aDeadAttemptsRecordedFileIsReplacedInNexus3WhichRefusesRedeploys(@TempDir Path dir) throws Exception {
        Product product = Product.generate(dir, "7.5");
        String release = product.component().releaseVersion().toString();
        String base = "io/gravitee/sample/n3-lib/" + release + "/n3-lib-" + release;
        DeployJournal journal = deadAttempt(product, dir, base);

        ComponentOutcome resumed = product.releaser(false).release(product.component(), Map.of(), journal);

        assertEquals(ComponentOutcome.Status.RELEASED, resumed.status(), resumed.detail());
        assertTrue(resumed.detail().contains("replacing 1 file(s)"), resumed.detail());
        byte[] served = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(product.nexus().url()
                .resolve(base + ".pom")).header("Authorization", "Basic " + java.util.Base64.getEncoder()
                .encodeToString((product.nexus().credentials().username() + ":" + product.nexus().credentials().password())
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray()).body();
        assertArrayEquals(Files.readAllBytes(dir.resolve("work/n3-lib-deployed/" + base + ".pom")), served,
                "the rebuild's POM replaced the dead attempt's");
    }

    @Test
    void aDeployUserWithoutTheDeletePermissionGetsAnErrorNamingItAndNothingIsTagged(@TempDir Path dir) throws Exception {
        Product product = Product.generate(dir, "7.6");
        String release = product.component().releaseVersion().toString();
        String base = "io/gravitee/sample/n3-lib/" + release + "/n3-lib-" + release;
        DeployJournal journal = deadAttempt(product, dir, base);
        var user = product.nexus().createDeployOnlyUser("gio-deploy-only", "gio-deploy-only-123", Nexus3Peer.RELEASES);
        DeployRepository deployOnly = DeployRepository.parse("gio-maven::" + product.nexus().url(),
                Optional.of(new Credentials("gio-maven", user.username(), user.password())));
        Product limited = new Product(product.dir(), product.nexus(), product.git(), product.settings(), deployOnly,
                product.component());

        ComponentOutcome outcome = limited.releaser(false).release(product.component(), Map.of(), journal);

        assertEquals(ComponentOutcome.Status.FAILED, outcome.status(), outcome.detail());
        assertTrue(outcome.detail().contains("refused to delete " + base + ".pom"), outcome.detail());
        assertTrue(outcome.detail().contains("nx-repository-view-maven2-<repository>-delete"), outcome.detail());
        assertFalse(outcome.detail().contains(user.password()), "no secret in the message");
        assertEquals(200, product.get(base + ".pom"), "the dead attempt's file is still there");
        try (Repository remote = Git.open(product.git().resolve("n3-lib.git").toFile()).getRepository()) {
            assertTrue(remote.exactRef("refs/tags/" + release) == null, "not tagged");
        }
    }

    private static int get(URI uri, String user, String password) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes())).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}

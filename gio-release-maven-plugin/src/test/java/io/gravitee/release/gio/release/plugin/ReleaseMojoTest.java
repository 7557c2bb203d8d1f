package io.gravitee.release.gio.release.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gio-release:release} as Maven runs it: the report of a run that fails its first check. */
class ReleaseMojoTest {

    @TempDir
    Path dir;

    private ReleaseMojo release(Path checkout) throws Exception {
        ReleaseMojo mojo = new ReleaseMojo(null);
        ReleaseMojos.set(mojo, "manifest", "release.json");
        ReleaseMojos.set(mojo, "urlTemplate", "${scmHttpUrl}{name}.git");
        ReleaseMojos.set(mojo, "profile", "gio-release");
        ReleaseMojos.set(mojo, "deployRepository", "gio-maven::" + dir.resolve("deploy").toUri());
        ReleaseMojos.set(mojo, "buildTimeoutMinutes", 1);
        ReleaseMojos.set(mojo, "lockTtl", 120);
        ReleaseMojos.set(mojo, "outputDirectory", checkout.resolve("target/gio").toFile());
        ReleaseMojos.set(mojo, "session", ReleaseMojos.session(checkout));
        return mojo;
    }

    @Test
    void aReleaseFailingItsFirstCheckReplacesTheOlderReportWithOneSayingFailedAndWhy() throws Exception {
        Path checkout = dir.resolve("release");
        Files.createDirectories(checkout.resolve("target/gio"));
        Files.writeString(checkout.resolve("release.json"), """
                {"name": "Sample", "version": "2.1.3-SNAPSHOT", "components": [
                  {"name": "sample-common", "version": "1.20.2-SNAPSHOT"}], "buildDependencies": [["sample-common"]]}""");
        // What the run before left: it had nothing to release.
        Files.writeString(checkout.resolve("target/gio/release-report.md"), "## Release Sample 2.1.3\n\n"
                + "- Nothing to release: no component is pending.\n");

        MojoFailureException e = assertThrows(MojoFailureException.class, () -> release(checkout).execute());

        assertTrue(e.getMessage().contains("is not a git repository"), e.getMessage());
        String md = Files.readString(checkout.resolve("target/gio/release-report.md"));
        assertTrue(md.startsWith("## gio-release:release: FAILED\n"), md);
        assertTrue(md.contains("| gio-release:release | Sample | 2.1.3 | FAILED |"), md);
        assertTrue(md.contains(checkout + " is not a git repository: run the release in a clone of the release"
                + " repository"), md);
        assertTrue(md.contains("Done before the failure: nothing; nothing was written."), md);
        assertFalse(md.contains("Nothing to release"), md);
        JsonNode json = new ObjectMapper().readTree(checkout.resolve("target/gio/release-report.json").toFile());
        assertEquals("FAILED", json.path("result").asText());
        assertTrue(json.path("error").asText().contains("is not a git repository"), json.toString());
        assertFalse(Files.exists(checkout.resolve("target/gio/release-report.last-work.md")),
                "a run that wrote nothing is no last work");
    }

    @Test
    void anUnreachableDeployRepositoryNamesGioReleaseDeployRepository() throws Exception {
        Path checkout = dir.resolve("release");
        Files.createDirectories(checkout);
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        ReleaseMojo release = release(checkout);
        String deploy = "nosuch::http://127.0.0.1:" + port + "/";
        ReleaseMojos.set(release, "deployRepository", deploy);

        MojoFailureException e = assertThrows(MojoFailureException.class, release::execute);

        String message = e.getMessage();
        assertTrue(message.startsWith("Cannot reach the deploy repository nosuch at http://127.0.0.1:" + port + "/: "),
                message);
        assertTrue(message.contains("Check -Dgio.release.deployRepository (now '" + deploy + "')"), message);
        assertFalse(message.contains("null") || message.contains("Exception"), message);
        assertTrue(Files.readString(checkout.resolve("target/gio/release-report.md"))
                .contains("Check -Dgio.release.deployRepository"), "the report says it too");
    }

    @Test
    void aMissingDeployRepositoryIsNamedByItsPropertyWithAnExample() throws Exception {
        Path checkout = dir.resolve("release");
        Files.createDirectories(checkout);
        ReleaseMojo release = release(checkout);
        ReleaseMojos.set(release, "deployRepository", null);

        String message = assertThrows(MojoFailureException.class, release::execute).getMessage();

        assertEquals("gio-release:release needs a parameter that is not set (on the command line, or as <properties> of"
                + " the POM):\n  -Dgio.release.deployRepository: where components are deployed, as id::url (the id names"
                + " its settings.xml <server>), e.g."
                + " -Dgio.release.deployRepository=gio-maven::https://nexus.example.com/repository/maven-releases/", message);
    }
}

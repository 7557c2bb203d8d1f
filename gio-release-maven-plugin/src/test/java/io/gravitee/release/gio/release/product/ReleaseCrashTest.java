package io.gravitee.release.gio.release.product;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.manifest.Manifest;
import io.gravitee.release.gio.manifest.Version;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.StoredConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release process killed with SIGKILL at its worst moments; the next run converges to the
 * state an uninterrupted run reaches, with no component released or recorded twice.
 */
class ReleaseCrashTest {
    private static final int LEASE_SECONDS = 3;

    @TempDir
    Path dir;

    @Test
    void killedInTheMiddleOfAWave() throws Exception {
        ProductFixture product = ProductFixture.create(dir, ProductReleaseTest.MANIFEST, ProductReleaseTest.options());
        Process child = ReleaseChild.start(dir, LEASE_SECONDS);
        Path buildLog = dir.resolve("work/sample-api-build.log");
        waitFor(() -> Files.exists(buildLog), Duration.ofSeconds(60), child);

        killWithItsBuilds(child);

        assertConverges(product);
    }

    @Test
    void killedBetweenAComponentsTagPushAndItsLedgerCommit() throws Exception {
        ProductFixture product = ProductFixture.create(dir, ProductReleaseTest.MANIFEST, ProductReleaseTest.options());
        try (HeldGitServer server = new HeldGitServer(product.git)) {
            pointOriginAt(product, server.url("release.git").toString());
            // The first ledger commit pushed after a component tag exists records that component.
            server.holdFirst(c -> c.getRefName().equals("refs/heads/master") && hasAnyTag(product));
            Process child = ReleaseChild.start(dir, LEASE_SECONDS);
            try {
                assertTrue(server.awaitHeld(90), "the child never pushed a ledger commit: " + childLog());
                assertTrue(hasAnyTag(product), "a component is tagged on its remote");
                killWithItsBuilds(child);
            } finally {
                server.letGo();
            }
            Manifest midway = Manifest.parse(product.file("release", "master", "release.json"), "midway");
            assertEquals(3, midway.pending().size(), "the tagged component is not recorded yet: " + midway.pending());
            server.holdFirst(c -> false);
            assertConverges(product);
        }
    }

    /**
     * Builds that are not reproducible (every jar holds its build time), the release killed with its builds at each
     * moment of a deploy: while a build deploys into its local directory, right after the deploy's intent is in the
     * ledger, right after the deployed set is; each kill followed by a plain re-run. The release converges with no
     * manual step, and the deploy repository holds exactly each component's recorded deployed set: no file of a dead
     * attempt left, none replaced once its component was tagged.
     */
    @Test
    void killedAtEachMomentOfTheDeploysOfBuildsThatAreNotReproducible() throws Exception {
        ProductFixture product = ProductFixture.create(dir, ProductReleaseTest.MANIFEST,
                ProductReleaseTest.options().withBuildsThatAreNotReproducible());
        Path commonDeploy = dir.resolve("work/sample-common-deployed/io/gravitee/sample/sample-common/1.20.2");
        List<java.util.function.BooleanSupplier> moments = List.of(
                () -> Files.isDirectory(commonDeploy),
                () -> logHas(product, "Deploy sample-api 1.4.0"),
                () -> logHas(product, "Deployed sample-gateway 2.1.3"));
        Map<String, java.nio.file.attribute.FileTime> taggedFiles = new java.util.TreeMap<>();
        for (java.util.function.BooleanSupplier moment : moments) {
            Thread.sleep(Duration.ofSeconds(LEASE_SECONDS + 1).toMillis());
            Process child = ReleaseChild.start(dir, LEASE_SECONDS);
            waitFor(moment, Duration.ofSeconds(120), child);
            killWithItsBuilds(child);
            // What belongs to a tagged component must never change again.
            for (Map.Entry<String, java.nio.file.attribute.FileTime> file : deployedFilesOfTaggedComponents(product).entrySet()) {
                java.nio.file.attribute.FileTime before = taggedFiles.putIfAbsent(file.getKey(), file.getValue());
                assertTrue(before == null || before.equals(file.getValue()), "replaced after its tag: " + file.getKey());
            }
        }

        ReleaseReport last = assertConverges(product);
        // Killed after sample-gateway's files were all uploaded and recorded, before its tag: the rebuild has other
        // bytes, so the re-run replaced the dead attempt's files (it could not have kept them).
        String gateway = last.rows().stream().filter(r -> r.outcome().component().equals("sample-gateway"))
                .findFirst().orElseThrow().outcome().detail();
        assertTrue(gateway.contains("replacing") && gateway.contains("file(s) an attempt that died while deploying"),
                gateway);

        // The builds were not reproducible: each jar holds the millisecond it was built at.
        try (var jar = new java.util.zip.ZipFile(product.deploy.resolve(
                "io/gravitee/sample/sample-common/1.20.2/sample-common-1.20.2.jar").toFile())) {
            String built = new String(jar.getInputStream(jar.getEntry("build.properties")).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(built.matches("built=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\s*"), built);
        }
        for (Map.Entry<String, java.nio.file.attribute.FileTime> file : taggedFiles.entrySet()) {
            assertEquals(file.getValue(), Files.getLastModifiedTime(product.deploy.resolve(file.getKey())),
                    "replaced after its tag: " + file.getKey());
        }
        var ledger = io.gravitee.release.gio.ledger.LedgerState.fromJson(
                product.file("release", "master", ReleaseRequest.LEDGER_FILE).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "ledger");
        for (String component : List.of("sample-common", "sample-api", "sample-gateway")) {
            String recorded = ledger.component(component).orElseThrow().ids().get("deploy.files");
            assertTrue(recorded != null, "deployed set of " + component + " recorded");
            var record = io.gravitee.release.gio.release.build.DeployRecord.parse(recorded);
            Path version = product.deploy.resolve("io/gravitee/sample/" + component);
            try (var files = Files.walk(version)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String path = product.deploy.relativize(file).toString().replace('\\', '/');
                    // A copy a kill cut short stays beside as a hidden .gio-part file, never under the file's name.
                    if (!path.contains("maven-metadata") && !file.getFileName().toString().startsWith(".")) {
                        assertTrue(record.recorded(path, io.gravitee.release.gio.transfer.Checksums.of(file).sha1()),
                                "in the repository and in the deployed set, with these bytes: " + path);
                    }
                }
            }
            for (String path : record.files().keySet()) {
                assertTrue(Files.isRegularFile(product.deploy.resolve(path)), "deployed: " + path);
            }
        }
    }

    private static boolean logHas(ProductFixture product, String message) {
        try {
            return product.log("release", "master").contains(message);
        } catch (Exception e) {
            return false;
        }
    }

    /** Every file in the deploy repository of a component whose tag is on its remote, with its modification time. */
    private static Map<String, java.nio.file.attribute.FileTime> deployedFilesOfTaggedComponents(ProductFixture product)
            throws Exception {
        Map<String, java.nio.file.attribute.FileTime> files = new java.util.TreeMap<>();
        Map<String, ObjectId> refs = product.allRefs();
        for (String[] c : new String[][] {{"sample-common", "1.20.2"}, {"sample-api", "1.4.0"}, {"sample-gateway", "2.1.3"}}) {
            Path version = product.deploy.resolve("io/gravitee/sample/" + c[0] + "/" + c[1]);
            if (refs.containsKey(c[0] + ".git refs/tags/" + c[1]) && Files.isDirectory(version)) {
                try (var walk = Files.walk(version)) {
                    for (Path file : walk.filter(Files::isRegularFile).toList()) {
                        files.put(product.deploy.relativize(file).toString(), Files.getLastModifiedTime(file));
                    }
                }
            }
        }
        return files;
    }

    /** Runs the release again (after the dead run's lease expired) and checks the end state. */
    private ReleaseReport assertConverges(ProductFixture product) throws Exception {
        Thread.sleep(Duration.ofSeconds(LEASE_SECONDS + 1).toMillis());
        ReleaseReport report = new ProductRelease(product.request(false, 2), Console.silent()).run();
        assertFalse(report.failed(), report.rows().toString());

        Manifest start = Manifest.parse(ProductReleaseTest.MANIFEST, "start");
        Manifest expected = start;
        for (var c : start.pending()) {
            expected = expected.withComponentReleased(c.name(), Version.parse("2.1.3"));
        }
        assertEquals(expected.withProductReleased().toJson(), product.file("release", "refs/tags/2.1.3", "release.json"));
        List<String> history = product.log("release", "master");
        for (String component : List.of("sample-common 1.20.2", "sample-api 1.4.0", "sample-gateway 2.1.3")) {
            assertEquals(1, history.stream().filter(("Release " + component)::equals).count(),
                    "recorded exactly once: " + component + " in " + history);
        }
        assertEquals(1, product.log("sample-common", "1.20.x").stream().filter("1.20.2"::equals).count(),
                "sample-common released exactly once");
        Map<String, ObjectId> refs = product.allRefs();
        assertTrue(refs.containsKey("sample-api.git refs/tags/1.4.0") && refs.containsKey("sample-gateway.git refs/tags/2.1.3"));
        assertFalse(refs.keySet().stream().anyMatch(r -> r.contains("refs/gio/locks/")), "lease released: " + refs.keySet());
        return report;
    }

    private static boolean hasAnyTag(ProductFixture product) {
        try {
            return product.allRefs().keySet().stream().anyMatch(r -> r.startsWith("sample-") && r.contains("refs/tags/"));
        } catch (Exception e) {
            return false;
        }
    }

    private static void pointOriginAt(ProductFixture product, String url) throws Exception {
        try (Git git = Git.open(product.checkout.toFile())) {
            StoredConfig config = git.getRepository().getConfig();
            config.setString("remote", "origin", "url", url);
            config.save();
        }
    }

    private String childLog() {
        try {
            return Files.readString(dir.resolve("child.log"));
        } catch (Exception e) {
            return "(no log)";
        }
    }

    /**
     * kill -9 of the release as a CI runner cancels a job: the whole process tree, the Maven builds it forked
     * included. Killing only the release's JVM would leave a build writing into the work directory that the re-run
     * cleans, which no real crash does (and made this test fail now and then with DirectoryNotEmptyException).
     */
    private static void killWithItsBuilds(Process child) throws Exception {
        List<ProcessHandle> tree = new ArrayList<>(child.descendants().toList());
        child.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        child.waitFor();
        for (ProcessHandle process : tree) {
            process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private void waitFor(java.util.function.BooleanSupplier condition, Duration limit, Process child) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (!child.isAlive()) {
                throw new AssertionError("the child ended before the moment to kill it: " + childLog());
            }
            if (System.nanoTime() > deadline) {
                child.destroyForcibly();
                throw new AssertionError("timed out: " + childLog());
            }
            Thread.sleep(20);
        }
    }
}

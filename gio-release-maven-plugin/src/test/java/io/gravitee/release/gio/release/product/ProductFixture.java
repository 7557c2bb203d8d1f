package io.gravitee.release.gio.release.product;

import io.gravitee.release.gio.ledger.LeaseOptions;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.release.build.DeployRepository;
import io.gravitee.release.gio.release.build.MavenBuild;
import io.gravitee.release.gio.release.component.ReleaseSettings;
import io.gravitee.release.gio.sandbox.fixture.FixtureGenerator;
import io.gravitee.release.gio.sandbox.fixture.FixtureOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/** A generated product: bare remotes for its components and its release repository, and a checkout of the latter. */
final class ProductFixture {
    final Path root;
    final Path git;
    final Path deploy;
    final Path checkout;

    private ProductFixture(Path root) {
        this.root = root;
        this.git = root.resolve("git");
        this.deploy = root.resolve("deploy");
        this.checkout = root.resolve("checkout");
    }

    /** A fixture created earlier under {@code root} (e.g. by the test that started a child JVM). */
    static ProductFixture at(Path root) {
        return new ProductFixture(root);
    }

    static ProductFixture create(Path root, String manifestJson, FixtureOptions options) throws Exception {
        ProductFixture fixture = new ProductFixture(root);
        Path manifest = root.resolve("release.json");
        Files.writeString(manifest, manifestJson);
        FixtureGenerator.generate(manifest, fixture.git, options);
        Files.createDirectories(fixture.deploy);
        Git.cloneRepository().setURI(fixture.git.resolve("release.git").toUri().toString())
                .setDirectory(fixture.checkout.toFile()).call().close();
        return fixture;
    }

    ReleaseRequest request(boolean dryRun, int threads) {
        return request(dryRun, threads, new LeaseOptions(Duration.ofSeconds(30), false, "test"));
    }

    ReleaseRequest request(boolean dryRun, int threads, LeaseOptions lease) {
        return new ReleaseRequest(checkout, "release.json", false, scm -> settings(dryRun), Optional.empty(), threads,
                lease, root.resolve("reports"));
    }

    ReleaseSettings settings(boolean dryRun) {
        return new ReleaseSettings(git.toUri() + "{name}.git", Optional.empty(), Optional.empty(),
                DeployRepository.parse("private::" + deploy.toUri(), Optional.empty()), "gio-release",
                MavenBuild.ofRunningMaven(), Optional.empty(), Optional.empty(), Optional.empty(),
                root.resolve("work"), Duration.ofMinutes(5), new PersonIdent("gio test", "gio@example.com"), dryRun,
                root.resolve("dry-run-repo"));
    }

    ReleaseReport release(boolean dryRun) throws Exception {
        return new ProductRelease(request(dryRun, 2), Console.silent()).run();
    }

    /** Every ref of every remote, by remote and name: equal snapshots mean nothing was written. */
    Map<String, ObjectId> allRefs() throws Exception {
        Map<String, ObjectId> refs = new TreeMap<>();
        try (var remotes = Files.list(git)) {
            for (Path remote : remotes.sorted().toList()) {
                try (Repository repo = Git.open(remote.toFile()).getRepository()) {
                    for (Ref ref : repo.getRefDatabase().getRefs()) {
                        refs.put(remote.getFileName() + " " + ref.getName(), ref.getObjectId());
                    }
                }
            }
        }
        return refs;
    }

    /** A file of a remote at a revision (branch, tag). */
    String file(String remote, String revision, String path) throws Exception {
        try (Repository repo = Git.open(git.resolve(remote + ".git").toFile()).getRepository();
             RevWalk walk = new RevWalk(repo)) {
            RevCommit commit = walk.parseCommit(repo.resolve(revision));
            try (TreeWalk tree = TreeWalk.forPath(repo, path, commit.getTree())) {
                return tree == null ? null : new String(repo.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    /** Commit messages of a remote's branch, newest first. */
    java.util.List<String> log(String remote, String branch) throws Exception {
        try (Git g = Git.open(git.resolve(remote + ".git").toFile())) {
            java.util.List<String> messages = new java.util.ArrayList<>();
            g.log().add(g.getRepository().resolve(branch)).call().forEach(c -> messages.add(c.getShortMessage()));
            return messages;
        }
    }

    /** Commits a change to a component's branch on its remote, as a developer fixing it would. */
    void commitTo(String component, String branch, String path, String content) throws Exception {
        Path clone = root.resolve("dev-" + component + "-" + System.nanoTime());
        try (Git g = Git.cloneRepository().setURI(git.resolve(component + ".git").toUri().toString())
                .setBranch(branch).setDirectory(clone.toFile()).call()) {
            Path file = clone.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            g.add().addFilepattern(path).call();
            g.commit().setMessage("change " + path).setAuthor(new PersonIdent("dev", "dev@example.com"))
                    .setCommitter(new PersonIdent("dev", "dev@example.com")).call();
            g.push().call();
        }
    }
}

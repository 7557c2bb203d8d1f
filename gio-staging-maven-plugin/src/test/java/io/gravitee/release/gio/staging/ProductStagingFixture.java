package io.gravitee.release.gio.staging;

import io.gravitee.release.gio.ledger.LeaseOptions;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.manifest.Component;
import io.gravitee.release.gio.manifest.Manifest;
import io.gravitee.release.gio.manifest.Version;
import io.gravitee.release.gio.sandbox.fixture.FixtureGenerator;
import io.gravitee.release.gio.sandbox.fixture.FixtureOptions;
import io.gravitee.release.gio.staging.nexus2.Nexus2Backend;
import io.gravitee.release.gio.staging.nexus2.Nexus2Options;
import io.gravitee.release.gio.staging.product.ComponentResolver;
import io.gravitee.release.gio.staging.product.StageAllRequest;
import io.gravitee.release.gio.staging.resolve.ArtifactResolver;
import io.gravitee.release.gio.staging.resolve.AttachedFileDiscovery;
import io.gravitee.release.gio.staging.resolve.HttpArtifactFetcher;
import io.gravitee.release.gio.staging.resolve.SourceRepository;
import io.gravitee.release.gio.staging.validate.Validator;
import io.gravitee.release.gio.transfer.Checksums;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A released product for the stage-all tests: remotes generated from a manifest by the sandbox's fixture
 * generator, then "released" as gio-release leaves them (each component tagged at its release version; the
 * release repository with tags {@code X.Y.Z_START} and {@code X.Y.Z} and a next-snapshot commit), and a
 * {@code file:} private repository holding every released file (pom with Central's metadata, jar, sources,
 * javadoc, each signed with a real OpenPGP key, with .sha1 and .md5).
 */
public final class ProductStagingFixture {
    public static final String GROUP = FixtureOptions.DEFAULT_GROUP_ID;
    public final Path root;
    public final Path git;
    public final Path repository;
    public final Path checkout;
    public final List<String> releasedPaths = new ArrayList<>();
    /** Signatures are verified only where the signing key is known: in the JVM that created the fixture. */
    private boolean signedHere;
    final PersonIdent who = new PersonIdent("gio test", "gio@example.com");

    private ProductStagingFixture(Path root) {
        this.root = root;
        this.git = root.resolve("git");
        this.repository = root.resolve("private-repo");
        this.checkout = root.resolve("checkout");
    }

    public static ProductStagingFixture at(Path root) {
        return new ProductStagingFixture(root);
    }

    /** {@code count} components {@code comp-0..}, product 2.1.3; each jar {@code jarSize} bytes. */
    public static ProductStagingFixture create(Path root, int count, int jarSize) throws Exception {
        return create(root, count, jarSize, 1);
    }

    /** With {@code modules} > 1, each component is a parent POM of that many jar modules. */
    public static ProductStagingFixture create(Path root, int count, int jarSize, int modules) throws Exception {
        StringBuilder components = new StringBuilder();
        StringBuilder wave = new StringBuilder();
        for (int i = 0; i < count; i++) {
            components.append(i == 0 ? "" : ",\n").append("        {\n            \"name\": \"comp-").append(i)
                    .append("\",\n            \"version\": \"1.").append(i).append(".1-SNAPSHOT\",\n")
                    .append("            \"since\": \"2.1.0\"\n        }");
            wave.append(i == 0 ? "" : ", ").append("\"comp-").append(i).append('"');
        }
        components.append(",\n        {\n            \"name\": \"stable\",\n            \"version\": \"3.0.0\"\n        }");
        String json = "{\n    \"name\": \"Sample Product\",\n    \"version\": \"2.1.3-SNAPSHOT\",\n    \"components\": [\n"
                + components + "\n    ],\n    \"buildDependencies\": [\n        [" + wave + "]\n    ]\n}";
        json = Manifest.parse(json, "release.json").toJson(); // as Gravitee's tooling writes it
        ProductStagingFixture f = new ProductStagingFixture(root);
        Files.createDirectories(root);
        Files.writeString(root.resolve("release.json"), json);
        FixtureGenerator.generate(root.resolve("release.json"), f.git, FixtureOptions.defaults());
        Manifest start = Manifest.parse(json, "release.json");
        Version product = Version.parse("2.1.3");
        Manifest released = start;
        for (Component c : start.pending()) {
            String version = c.version().release().toString();
            f.releaseComponent(c.name(), c.version().toString(), version, jarSize, modules);
            released = released.withComponentReleased(c.name(), product);
        }
        released = released.withProductReleased();
        f.releaseProduct(released, product);
        f.signedHere = true;
        Git.cloneRepository().setURI(f.git.resolve("release.git").toUri().toString()).setDirectory(f.checkout.toFile())
                .call().close();
        return f;
    }

    private void releaseComponent(String name, String snapshot, String version, int jarSize, int modules)
            throws Exception {
        Path clone = root.resolve("work-" + name);
        try (Git g = Git.cloneRepository().setURI(git.resolve(name + ".git").toUri().toString())
                .setDirectory(clone.toFile()).call()) {
            Path pom = clone.resolve("pom.xml");
            Files.writeString(pom, Files.readString(pom).replace("<version>" + snapshot + "</version>",
                    "<version>" + version + "</version>"));
            if (modules > 1) {
                StringBuilder list = new StringBuilder("<modules>");
                for (int m = 0; m < modules; m++) {
                    String module = name + "-m" + m;
                    list.append("<module>").append(module).append("</module>");
                    Files.createDirectories(clone.resolve(module));
                    Files.writeString(clone.resolve(module + "/pom.xml"), metadataPom(module, version, "jar"));
                }
                Files.writeString(pom, metadataPom(name, version, "pom").replace("</project>", list + "</modules>\n</project>"));
                g.add().addFilepattern(".").call();
            }
            g.commit().setAll(true).setMessage("release " + version).setAuthor(who).setCommitter(who).setSign(false).call();
            g.tag().setName(version).setAnnotated(true).setMessage(version).setTagger(who).setSigned(false).call();
            Files.writeString(pom, Files.readString(pom).replace("<version>" + version + "</version>",
                    "<version>" + Version.parse(version).nextPatchSnapshot() + "</version>"));
            g.commit().setAll(true).setMessage("next").setAuthor(who).setCommitter(who).setSign(false).call();
            g.push().setPushAll().setPushTags().call();
        }
        long seed = name.hashCode();
        if (modules > 1) {
            deploy(name, version, "", "pom", metadataPom(name, version, "pom").getBytes(StandardCharsets.UTF_8));
            for (int m = 0; m < modules; m++) {
                String module = name + "-m" + m;
                deploy(module, version, "", "pom", metadataPom(module, version, "jar").getBytes(StandardCharsets.UTF_8));
                deploy(module, version, "", "jar", TestComponent.bytes(seed + 3 * m, jarSize));
                deploy(module, version, "sources", "jar", TestComponent.bytes(seed + 3 * m + 1, Math.max(16, jarSize / 4)));
                deploy(module, version, "javadoc", "jar", TestComponent.bytes(seed + 3 * m + 2, Math.max(16, jarSize / 4)));
            }
            return;
        }
        String pomXml = metadataPom(name, version, "jar");
        deploy(name, version, "", "pom", pomXml.getBytes(StandardCharsets.UTF_8));
        deploy(name, version, "", "jar", TestComponent.bytes(seed, jarSize));
        deploy(name, version, "sources", "jar", TestComponent.bytes(seed + 1, Math.max(16, jarSize / 4)));
        deploy(name, version, "javadoc", "jar", TestComponent.bytes(seed + 2, Math.max(16, jarSize / 4)));
    }

    static String metadataPom(String name, String version, String packaging) {
        return """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>%s</groupId>
                  <artifactId>%s</artifactId>
                  <version>%s</version>
                  <packaging>%s</packaging>
                  <name>%s</name>
                  <description>A component staged by the stage-all tests</description>
                  <url>https://gravitee.io</url>
                  <licenses><license><name>Apache-2.0</name><url>https://www.apache.org/licenses/LICENSE-2.0</url></license></licenses>
                  <developers><developer><id>gio</id><name>gio</name></developer></developers>
                  <scm><url>https://github.com/gravitee-io/%s</url><connection>scm:git:https://github.com/gravitee-io/%s.git</connection></scm>
                </project>
                """.formatted(GROUP, name, version, packaging, name, name, name);
    }

    /** Path of a released file in the repository layout. */
    public static String path(String name, String version, String classifier, String extension) {
        return GROUP.replace('.', '/') + "/" + name + "/" + version + "/" + name + "-" + version
                + (classifier.isEmpty() ? "" : "-" + classifier) + "." + extension;
    }

    void deploy(String name, String version, String classifier, String extension, byte[] content) throws IOException {
        String path = path(name, version, classifier, extension);
        write(path, content);
        write(path + ".asc", TestSigner.MAIN.sign(content));
        releasedPaths.add(path);
    }

    private void write(String path, byte[] content) throws IOException {
        Path file = repository.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        Checksums sums = Checksums.of(content);
        Files.writeString(repository.resolve(path + ".sha1"), sums.sha1());
        Files.writeString(repository.resolve(path + ".md5"), sums.md5());
    }

    /** Tag X.Y.Z_START on the manifest commit, the released manifest tagged X.Y.Z, then the next snapshot. */
    private void releaseProduct(Manifest released, Version product) throws Exception {
        Path clone = root.resolve("work-release");
        try (Git g = Git.cloneRepository().setURI(git.resolve("release.git").toUri().toString())
                .setDirectory(clone.toFile()).call()) {
            g.tag().setName(product + "_START").setAnnotated(true).setMessage("start").setTagger(who).setSigned(false).call();
            Files.writeString(clone.resolve("release.json"), released.toJson());
            g.commit().setAll(true).setMessage("Release " + product).setAuthor(who).setCommitter(who).setSign(false).call();
            g.tag().setName(product.toString()).setAnnotated(true).setMessage("release").setTagger(who).setSigned(false).call();
            Files.writeString(clone.resolve("release.json"), released.withProductVersion(product.nextPatchSnapshot()).toJson());
            g.commit().setAll(true).setMessage("chore(): Prepare next version").setAuthor(who).setCommitter(who)
                    .setSign(false).call();
            g.push().setPushAll().setPushTags().call();
        }
    }

    public String sourceRepository() {
        return "private::" + repository.toUri();
    }

    public ComponentResolver resolver(Console console) {
        SourceRepository source = SourceRepository.parse(sourceRepository());
        HttpArtifactFetcher fetcher = new HttpArtifactFetcher(source, null, console);
        return (checkoutDir, tag, into, rootFound) -> new ArtifactResolver(fetcher, new AttachedFileDiscovery(source,
                fetcher, List.of()), console, 4).resolveAtTag(checkoutDir, tag, into, rootFound);
    }

    public StageAllRequest request(Nexus2Options nexus, boolean atomic, boolean dryRun, Console console) {
        return request(nexus, atomic, dryRun, Duration.ofSeconds(30), console);
    }

    public StageAllRequest request(Nexus2Options nexus, boolean atomic, boolean dryRun, Duration leaseTtl,
            Console console) {
        return new StageAllRequest(checkout, "release.json", Optional.empty(), git.toUri() + "{name}.git",
                Optional.empty(), 3, atomic,
                new StagingService.Options(dryRun, true, false, Duration.ofSeconds(30), Duration.ofSeconds(30)),
                () -> new Nexus2Backend(nexus, console), resolver(console),
                () -> Validator.central(signedHere ? TestSigner.MAIN.keyRing() : null),
                new LeaseOptions(leaseTtl, false, "test"), root.resolve("work"));
    }

    /** A file of the release repository's remote at a revision; null when absent. */
    public String file(String revision, String path) throws Exception {
        try (Repository repo = Git.open(git.resolve("release.git").toFile()).getRepository();
                RevWalk walk = new RevWalk(repo)) {
            ObjectId id = repo.resolve(revision);
            if (id == null) {
                return null;
            }
            try (TreeWalk tree = TreeWalk.forPath(repo, path, walk.parseCommit(id).getTree())) {
                return tree == null ? null : new String(repo.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    /** Every ref of every remote: equal snapshots mean nothing was pushed. */
    public Map<String, ObjectId> allRefs() throws Exception {
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

    /** Commit subjects of the release repository's master, newest first. */
    public List<String> log() throws Exception {
        try (Git g = Git.open(git.resolve("release.git").toFile())) {
            List<String> messages = new ArrayList<>();
            g.log().add(g.getRepository().resolve("master")).call().forEach(c -> messages.add(c.getShortMessage()));
            return messages;
        }
    }
}

package io.gravitee.release.gio.staging;

import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.staging.resolve.ArtifactResolver;
import io.gravitee.release.gio.staging.resolve.AttachedFileDiscovery;
import io.gravitee.release.gio.staging.resolve.HttpArtifactFetcher;
import io.gravitee.release.gio.staging.resolve.ReleaseTag;
import io.gravitee.release.gio.staging.resolve.ResolvedComponent;
import io.gravitee.release.gio.staging.resolve.SourceRepository;
import io.gravitee.release.gio.transfer.Checksums;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.eclipse.jgit.api.Git;

/**
 * A released component for the tests: a git checkout tagged {@code 1.0.0} with a root POM and two modules
 * ({@code demo-core}, jar; {@code demo-distribution}, pom with an attached {@code distribution} zip), and a
 * {@code file:} Maven repository holding every released file with real signatures and checksums.
 */
final class TestComponent {
    static final String GROUP = "io.gravitee.demo";
    static final String VERSION = "1.0.0";

    final Path checkout;
    final Path repository;
    final String group;
    final List<String> releasedPaths = new ArrayList<>();

    private TestComponent(Path checkout, Path repository, String group) {
        this.checkout = checkout;
        this.repository = repository;
        this.group = group;
    }

    static TestComponent create(Path dir) throws Exception {
        return create(dir, 2048);
    }

    /** @param jarSize size of each generated jar */
    static TestComponent create(Path dir, int jarSize) throws Exception {
        return create(dir, jarSize, GROUP);
    }

    /** @param group the groupId of every module (tests sharing one immutable release repository use their own) */
    static TestComponent create(Path dir, int jarSize, String group) throws Exception {
        TestComponent c = new TestComponent(dir.resolve("checkout"), dir.resolve("private-repo"), group);
        Files.createDirectories(c.checkout);
        Files.createDirectories(c.repository);
        String root = pom(group, "demo", "pom", null, """
                  <modules>
                    <module>demo-core</module>
                    <module>demo-distribution</module>
                  </modules>
                """);
        String core = pom(group, "demo-core", "jar", "demo", "");
        String dist = pom(group, "demo-distribution", "pom", "demo", "");
        try (Git git = Git.init().setDirectory(c.checkout.toFile()).setInitialBranch("master").call()) {
            Files.writeString(c.checkout.resolve("pom.xml"), root);
            Files.createDirectories(c.checkout.resolve("demo-core"));
            Files.writeString(c.checkout.resolve("demo-core/pom.xml"), core);
            Files.createDirectories(c.checkout.resolve("demo-distribution"));
            Files.writeString(c.checkout.resolve("demo-distribution/pom.xml"), dist);
            git.add().addFilepattern(".").call();
            git.commit().setMessage("release 1.0.0").setSign(false).call();
            git.tag().setName(VERSION).setAnnotated(true).setMessage("1.0.0").setSigned(false).call();
            Files.writeString(c.checkout.resolve("pom.xml"), root.replace("<version>1.0.0</version>",
                    "<version>1.0.1-SNAPSHOT</version>"));
            git.commit().setAll(true).setMessage("next snapshot").setSign(false).call();
        }
        c.release("demo", "", "pom", root.getBytes(StandardCharsets.UTF_8));
        c.release("demo-core", "", "pom", core.getBytes(StandardCharsets.UTF_8));
        c.release("demo-core", "", "jar", bytes(1, jarSize));
        c.release("demo-core", "sources", "jar", bytes(2, jarSize / 2));
        c.release("demo-core", "javadoc", "jar", bytes(3, jarSize / 2));
        c.release("demo-distribution", "", "pom", dist.getBytes(StandardCharsets.UTF_8));
        c.release("demo-distribution", "distribution", "zip", bytes(4, jarSize));
        return c;
    }

    /**
     * A component shaped like a Gravitee policy: its POMs say only their names; description, url, licenses,
     * developers and scm come from a company parent ({@code demo-company-parent}) that is in the source repository
     * only, not in git. Two modules attach a zip with the assembly plugin (configured in the company parent's
     * pluginManagement, as gravitee-parent does), {@code demo-policy-a} with {@code appendAssemblyId=false} (a plain
     * {@code .zip}), {@code demo-policy-b} with the assembly id as classifier ({@code -plugin.zip}); module
     * {@code demo-policy-tests} skips deployment and is in no repository.
     */
    static TestComponent gravitee(Path dir) throws Exception {
        TestComponent c = new TestComponent(dir.resolve("checkout"), dir.resolve("private-repo"), GROUP);
        Files.createDirectories(c.checkout);
        String company = """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>io.gravitee.demo</groupId>
                  <artifactId>demo-company-parent</artifactId>
                  <version>7</version>
                  <packaging>pom</packaging>
                  <name>Company parent</name>
                  <description>Everything Central asks for, inherited</description>
                  <url>https://gravitee.io</url>
                  <licenses><license><name>Apache-2.0</name><url>https://www.apache.org/licenses/LICENSE-2.0</url></license></licenses>
                  <developers><developer><id>gio</id><name>gio</name></developer></developers>
                  <scm><url>https://github.com/gravitee-io/demo</url><connection>scm:git:https://github.com/gravitee-io/demo.git</connection></scm>
                  <build><pluginManagement><plugins><plugin>
                    <artifactId>maven-assembly-plugin</artifactId>
                    <version>${assembly.version}</version>
                    <executions><execution><id>make-assembly</id><phase>package</phase><goals><goal>single</goal></goals></execution></executions>
                  </plugin></plugins></pluginManagement></build>
                  <properties><assembly.version>3.7.1</assembly.version></properties>
                </project>
                """;
        String root = gravitee("demo-policy", "pom", "demo-company-parent</artifactId><version>7", """
                  <modules><module>demo-policy-a</module><module>demo-policy-b</module><module>demo-policy-tests</module></modules>
                """);
        String a = gravitee("demo-policy-a", "jar", "demo-policy</artifactId><version>1.0.0", """
                  <build><plugins><plugin><artifactId>maven-assembly-plugin</artifactId>
                    <configuration><appendAssemblyId>false</appendAssemblyId>
                      <descriptors><descriptor>src/assembly/policy-assembly.xml</descriptor></descriptors></configuration>
                  </plugin></plugins></build>
                """);
        String b = gravitee("demo-policy-b", "jar", "demo-policy</artifactId><version>1.0.0", """
                  <build><plugins><plugin><artifactId>maven-assembly-plugin</artifactId>
                    <configuration><descriptors><descriptor>${project.basedir}/src/assembly/plugin.xml</descriptor></descriptors></configuration>
                  </plugin></plugins></build>
                """);
        String tests = gravitee("demo-policy-tests", "jar", "demo-policy</artifactId><version>1.0.0",
                "  <properties><maven.deploy.skip>true</maven.deploy.skip></properties>\n");
        try (Git git = Git.init().setDirectory(c.checkout.toFile()).setInitialBranch("master").call()) {
            Files.writeString(c.checkout.resolve("pom.xml"), root);
            for (String[] module : new String[][] {{"demo-policy-a", a, "policy"}, {"demo-policy-b", b, "plugin"},
                    {"demo-policy-tests", tests, null}}) {
                Path moduleDir = Files.createDirectories(c.checkout.resolve(module[0]));
                Files.writeString(moduleDir.resolve("pom.xml"), module[1]);
                if (module[2] != null) {
                    Path assembly = Files.createDirectories(moduleDir.resolve("src/assembly"));
                    Files.writeString(assembly.resolve(module[2].equals("policy") ? "policy-assembly.xml" : "plugin.xml"),
                            "<assembly><id>" + module[2] + "</id><formats><format>zip</format></formats></assembly>\n");
                }
            }
            git.add().addFilepattern(".").call();
            git.commit().setMessage("release 1.0.0").setSign(false).call();
            git.tag().setName(VERSION).setAnnotated(true).setMessage("1.0.0").setSigned(false).call();
        }
        c.write("io/gravitee/demo/demo-company-parent/7/demo-company-parent-7.pom", company.getBytes(StandardCharsets.UTF_8));
        c.release("demo-policy", "", "pom", root.getBytes(StandardCharsets.UTF_8));
        long seed = 10;
        for (String[] module : new String[][] {{"demo-policy-a", a, ""}, {"demo-policy-b", b, "plugin"}}) {
            c.release(module[0], "", "pom", module[1].getBytes(StandardCharsets.UTF_8));
            c.release(module[0], "", "jar", bytes(seed++, 1024));
            c.release(module[0], "sources", "jar", bytes(seed++, 512));
            c.release(module[0], "javadoc", "jar", bytes(seed++, 512));
            c.release(module[0], module[2], "zip", bytes(seed++, 1024));
        }
        return c;
    }

    /** A POM that names itself and its parent only (the parent given as {@code artifactId</artifactId><version>v}). */
    private static String gravitee(String artifactId, String packaging, String parent, String extra) {
        return """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <parent><groupId>io.gravitee.demo</groupId><artifactId>%s</version></parent>
                  <artifactId>%s</artifactId>
                  <version>1.0.0</version>
                  <packaging>%s</packaging>
                  <name>%s</name>
                %s</project>
                """.formatted(parent, artifactId, packaging, artifactId, extra);
    }

    static String pom(String artifactId, String packaging, String parent, String extra) {
        return pom(GROUP, artifactId, packaging, parent, extra);
    }

    static String pom(String group, String artifactId, String packaging, String parent, String extra) {
        String parentXml = parent == null ? "" : """
                  <parent>
                    <groupId>io.gravitee.demo</groupId>
                    <artifactId>%s</artifactId>
                    <version>1.0.0</version>
                  </parent>
                """.formatted(parent);
        String coordinates = parent == null ? "  <groupId>io.gravitee.demo</groupId>\n  <version>1.0.0</version>\n" : "";
        return """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                %s%s  <artifactId>%s</artifactId>
                  <packaging>%s</packaging>
                  <name>%s</name>
                  <description>A component staged by the gio-staging tests</description>
                  <url>https://gravitee.io</url>
                  <licenses><license><name>Apache-2.0</name><url>https://www.apache.org/licenses/LICENSE-2.0</url></license></licenses>
                  <developers><developer><id>gio</id><name>gio</name></developer></developers>
                  <scm><url>https://github.com/gravitee-io/demo</url><connection>scm:git:https://github.com/gravitee-io/demo.git</connection></scm>
                %s</project>
                """.formatted(parentXml, coordinates, artifactId, packaging, artifactId, extra).replace(GROUP, group);
    }

    /** Path of a released file in the repository layout. */
    static String path(String artifactId, String classifier, String extension) {
        return path(GROUP, artifactId, classifier, extension);
    }

    static String path(String group, String artifactId, String classifier, String extension) {
        return group.replace('.', '/') + "/" + artifactId + "/" + VERSION + "/" + artifactId + "-" + VERSION
                + (classifier.isEmpty() ? "" : "-" + classifier) + "." + extension;
    }

    /** Writes a released file with its .asc, .sha1 and .md5 (and the .asc's checksums). */
    void release(String artifactId, String classifier, String extension, byte[] content) throws IOException {
        String path = path(group, artifactId, classifier, extension);
        write(path, content);
        write(path + ".asc", TestSigner.MAIN.sign(content));
        if (!releasedPaths.contains(path)) {
            releasedPaths.add(path);
        }
    }

    void write(String path, byte[] content) throws IOException {
        Path file = repository.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        Checksums sums = Checksums.of(content);
        Files.writeString(repository.resolve(path + ".sha1"), sums.sha1());
        Files.writeString(repository.resolve(path + ".md5"), sums.md5());
    }

    void delete(String path) throws IOException {
        Files.delete(repository.resolve(path));
    }

    String sourceRepository() {
        return "private::" + repository.toUri();
    }

    ResolvedComponent resolve(Path into) {
        return resolve(into, java.util.Set.of());
    }

    /** Resolves with {@code recorded} as gio-release's record of the deployed paths. */
    ResolvedComponent resolve(Path into, java.util.Set<String> recorded) {
        Console console = Console.silent();
        SourceRepository source = SourceRepository.parse(sourceRepository());
        HttpArtifactFetcher fetcher = new HttpArtifactFetcher(source, null, console);
        return new ArtifactResolver(fetcher, new AttachedFileDiscovery(source, fetcher, List.of()).withRecorded(recorded),
                console, 4).resolveAtTag(checkout, ReleaseTag.LAST_TAG, into);
    }

    static byte[] bytes(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }
}

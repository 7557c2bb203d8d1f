package io.gravitee.release.gio.staging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gravitee.release.gio.staging.resolve.AttachedFileDiscovery;
import io.gravitee.release.gio.staging.resolve.ResolvedComponent;
import io.gravitee.release.gio.staging.validate.PomNameRule;
import io.gravitee.release.gio.staging.validate.PomUrlRule;
import io.gravitee.release.gio.staging.validate.Problem;
import io.gravitee.release.gio.staging.validate.ScmRule;
import io.gravitee.release.gio.staging.validate.SignatureRule;
import io.gravitee.release.gio.staging.validate.StagingRule;
import io.gravitee.release.gio.staging.validate.Validator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Maven Central's rules on real resolved files, each broken in turn. */
class ValidationTest {
    @TempDir
    Path dir;
    TestComponent component;

    @BeforeEach
    void createComponent() throws Exception {
        component = TestComponent.create(dir);
    }

    private List<Problem> validate() {
        ResolvedComponent resolved = component.resolve(dir.resolve("out"));
        return Validator.central(TestSigner.MAIN.keyRing()).validate(resolved);
    }

    private void releaseCorePom(String pom) throws Exception {
        component.release("demo-core", "", "pom", pom.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Releases the root POM and demo-core's without what {@code regex} matches: Maven inherits every value but the
     * name, so a value is missing from a module's effective model only when its parents lack it too.
     */
    private void releaseWithout(String regex) throws Exception {
        component.release("demo", "", "pom", TestComponent.pom("demo", "pom", null, """
                  <modules>
                    <module>demo-core</module>
                    <module>demo-distribution</module>
                  </modules>
                """).replaceAll(regex, "").getBytes(StandardCharsets.UTF_8));
        releaseCorePom(TestComponent.pom("demo-core", "jar", "demo", "").replaceAll(regex, ""));
    }

    private static String rules(List<Problem> problems) {
        return problems.stream().map(Problem::rule).distinct().sorted().collect(Collectors.joining(","));
    }

    @Test
    void aCompleteSignedComponentPassesWithEveryFileAndItsDistributionFound() throws Exception {
        ResolvedComponent resolved = component.resolve(dir.resolve("out"));
        assertEquals(List.of(), Validator.central(TestSigner.MAIN.keyRing()).validate(resolved));
        assertEquals(7, resolved.files().size(), resolved.files().toString());
        assertTrue(resolved.files().stream().anyMatch(f -> f.artifact().classifier().equals("distribution")));
        assertEquals(AttachedFileDiscovery.Method.DIRECTORY, resolved.discovery().get("io.gravitee.demo:demo-core:1.0.0"));
        // Signatures verify from a key ring file exported like gpg does.
        assertEquals(List.of(), Validator.central(SignatureRule.readKeyRing(TestSigner.MAIN.writeKeyRing(dir.resolve("k.asc"))))
                .validate(resolved));
    }

    @Test
    void missingName() throws Exception {
        releaseCorePom(TestComponent.pom("demo-core", "jar", "demo", "").replace("<name>demo-core</name>", ""));
        assertEquals("pom-name", rules(validate()));
    }

    @Test
    void missingDescription() throws Exception {
        releaseWithout("<description>.*</description>");
        assertEquals("pom-description", rules(validate()));
    }

    @Test
    void missingUrl() throws Exception {
        releaseWithout("<url>https://gravitee.io</url>");
        assertEquals("pom-url", rules(validate()));
    }

    @Test
    void missingLicenses() throws Exception {
        releaseWithout("<licenses>.*</licenses>");
        assertEquals("pom-licenses", rules(validate()));
    }

    @Test
    void missingDevelopers() throws Exception {
        releaseWithout("<developers>.*</developers>");
        assertEquals("pom-developers", rules(validate()));
    }

    @Test
    void missingScm() throws Exception {
        releaseWithout("<scm>.*</scm>");
        List<Problem> problems = validate();
        assertEquals("pom-scm", rules(problems));
        Problem core = problems.stream().filter(p -> p.where().endsWith("demo-core-1.0.0.pom")).findFirst().orElseThrow();
        assertTrue(core.message().contains("parents read: io.gravitee.demo:demo:1.0.0"), core.message());
    }

    @Test
    void valuesInheritedFromTheParentCountAsTheModulesOwn() throws Exception {
        // demo-core's POM has only its name: Central reads the rest from the parent, and so does Maven's model.
        releaseCorePom("""
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <parent><groupId>io.gravitee.demo</groupId><artifactId>demo</artifactId><version>1.0.0</version></parent>
                  <artifactId>demo-core</artifactId>
                  <name>demo-core</name>
                </project>
                """);
        assertEquals(List.of(), validate());
    }

    @Test
    void aPropertyOfTheParentIsInterpolatedIntoTheModulesValues() throws Exception {
        component.release("demo", "", "pom", TestComponent.pom("demo", "pom", null, """
                  <properties><site>https://gravitee.io</site></properties>
                  <modules><module>demo-core</module><module>demo-distribution</module></modules>
                """).replace("<url>https://gravitee.io</url>", "<url>${site}</url>").getBytes(StandardCharsets.UTF_8));
        releaseCorePom(TestComponent.pom("demo-core", "jar", "demo", "").replace("<url>https://gravitee.io</url>",
                "<url>${site}/core</url>").replaceAll("<scm>.*</scm>", ""));
        ResolvedComponent resolved = component.resolve(dir.resolve("out"));
        assertEquals(List.of(), Validator.central(TestSigner.MAIN.keyRing()).validate(resolved));
        var core = resolved.models().get(TestComponent.path("demo-core", "", "pom")).model();
        assertEquals("https://gravitee.io/core", core.getUrl());
        assertEquals("https://github.com/gravitee-io/demo/demo-core", core.getScm().getUrl());
    }

    @Test
    void aParentTheRepositoryLacksIsNamed() throws Exception {
        releaseCorePom(TestComponent.pom("demo-core", "jar", "demo", "").replace("<artifactId>demo</artifactId>",
                "<artifactId>demo-parent</artifactId>"));
        List<Problem> problems = validate();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).where().endsWith("demo-core-1.0.0.pom"), problems.toString());
        assertTrue(problems.get(0).message().contains("the parent POM io.gravitee.demo:demo-parent:1.0.0 is not in the"
                + " source repository private::" + component.repository.toUri().toString().replaceAll("/$", "")),
                problems.toString());
    }

    @Test
    void missingSourcesJar() throws Exception {
        component.delete(TestComponent.path("demo-core", "sources", "jar"));
        assertEquals("sources-jar", rules(validate()));
    }

    @Test
    void missingJavadocJar() throws Exception {
        component.delete(TestComponent.path("demo-core", "javadoc", "jar"));
        List<Problem> problems = validate();
        assertEquals("javadoc-jar", rules(problems));
        assertTrue(problems.get(0).message().contains("maven-javadoc-plugin"), problems.toString());
    }

    @Test
    void missingSignature() throws Exception {
        component.delete(TestComponent.path("demo-distribution", "distribution", "zip") + ".asc");
        List<Problem> problems = validate();
        assertEquals("signature", rules(problems));
        assertTrue(problems.get(0).where().endsWith("-distribution.zip"), problems.toString());
    }

    @Test
    void signatureByAnUnknownKey() throws Exception {
        String jar = TestComponent.path("demo-core", "", "jar");
        component.write(jar + ".asc", TestSigner.OTHER.sign(Files.readAllBytes(component.repository.resolve(jar))));
        List<Problem> problems = validate();
        assertEquals("signature", rules(problems));
        assertTrue(problems.get(0).message().contains("not in the given public key ring"), problems.toString());
        // Without a key ring only presence and form are checked: the same file passes.
        assertEquals(List.of(), Validator.central(null).validate(component.resolve(dir.resolve("out2"))));
    }

    @Test
    void signatureOfOtherBytes() throws Exception {
        String jar = TestComponent.path("demo-core", "", "jar");
        component.write(jar + ".asc", TestSigner.MAIN.sign("something else".getBytes(StandardCharsets.UTF_8)));
        List<Problem> problems = validate();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).message().contains("BAD signature"), problems.toString());
    }

    @Test
    void signatureThatIsNotOne() throws Exception {
        String jar = TestComponent.path("demo-core", "", "jar");
        component.write(jar + ".asc", "-----BEGIN PGP SIGNATURE-----\n\nbm90IGEgc2lnbmF0dXJl\n-----END PGP SIGNATURE-----\n"
                .getBytes(StandardCharsets.US_ASCII));
        List<Problem> problems = Validator.central(null).validate(component.resolve(dir.resolve("out")));
        assertEquals("signature", rules(problems));
        assertTrue(problems.get(0).message().contains("not an OpenPGP signature"), problems.toString());
    }

    @Test
    void checksumThatDoesNotMatch() throws Exception {
        String jar = TestComponent.path("demo-core", "", "jar");
        Files.writeString(component.repository.resolve(jar + ".sha1"), "0000000000000000000000000000000000000000");
        List<Problem> problems = validate();
        assertEquals("checksum", rules(problems));
        assertTrue(problems.get(0).message().contains("SHA-1"), problems.toString());
    }

    @Test
    void noChecksumAtAll() throws Exception {
        String zip = TestComponent.path("demo-distribution", "distribution", "zip");
        Files.delete(component.repository.resolve(zip + ".sha1"));
        Files.delete(component.repository.resolve(zip + ".md5"));
        assertEquals("checksum", rules(validate()));
    }

    @Test
    void everyProblemIsReportedAtOnce() throws Exception {
        releaseWithout("<licenses>.*</licenses>");
        releaseCorePom(TestComponent.pom("demo-core", "jar", "demo", "").replace("<name>demo-core</name>", "")
                .replaceAll("<licenses>.*</licenses>", ""));
        component.delete(TestComponent.path("demo-core", "sources", "jar"));
        component.delete(TestComponent.path("demo-core", "", "jar") + ".asc");
        List<Problem> problems = validate();
        assertEquals("pom-licenses,pom-name,signature,sources-jar", rules(problems), problems.toString());
    }

    @Test
    void aPomRuleOnItsOwnFindsWhatTheValidatorFindsForIt() throws Exception {
        // The validator parses each POM once for all POM rules; a rule run alone parses them itself.
        releaseWithout("<scm>.*</scm>");
        releaseCorePom(TestComponent.pom("demo-core", "jar", "demo", "").replace("<name>demo-core</name>", "")
                .replaceAll("<scm>.*</scm>", ""));
        ResolvedComponent resolved = component.resolve(dir.resolve("out"));
        List<Problem> all = Validator.central(TestSigner.MAIN.keyRing()).validate(resolved);

        for (StagingRule rule : List.of(new PomNameRule(), new ScmRule(), new PomUrlRule())) {
            assertEquals(all.stream().filter(p -> p.rule().equals(rule.id())).toList(), rule.check(resolved), rule.id());
        }
        assertEquals("pom-name,pom-scm", rules(all), all.toString());
    }

    @Test
    void unparseablePomIsReportedOnce() throws Exception {
        releaseCorePom("<project><name>broken");
        List<Problem> problems = validate();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).message().contains("not a readable POM"), problems.toString());
    }
}

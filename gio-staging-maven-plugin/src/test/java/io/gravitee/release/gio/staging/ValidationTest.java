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
        releaseCorePom(TestComponent.pom("demo-core", "jar", "demo", "")
                .replaceAll("<description>.*</description>", ""));
        assertEquals("pom-description", rules(validate()));
    }

    @Test
    void missingUrl() throws Exception {
        releaseCorePom(TestComponent.pom("demo-core", "jar", "demo", "").replace("<url>https://gravitee.io</url>", ""));
        assertEquals("pom-url", rules(validate()));
    }

    @Test
    void missingLicenses() throws Exception {
        releaseCorePom(TestComponent.pom("demo-core", "jar", "demo", "").replaceAll("<licenses>.*</licenses>", ""));
        assertEquals("pom-licenses", rules(validate()));
    }

    @Test
    void missingDevelopers() throws Exception {
        releaseCorePom(TestComponent.pom("demo-core", "jar", "demo", "").replaceAll("<developers>.*</developers>", ""));
        assertEquals("pom-developers", rules(validate()));
    }

    @Test
    void missingScm() throws Exception {
        releaseCorePom(TestComponent.pom("demo-core", "jar", "demo", "").replaceAll("<scm>.*</scm>", ""));
        List<Problem> problems = validate();
        assertEquals("pom-scm", rules(problems));
        assertTrue(problems.get(0).where().endsWith("demo-core-1.0.0.pom"), problems.toString());
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

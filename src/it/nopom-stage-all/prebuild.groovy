// A released product: generated remotes, each component tagged at its release version, the release repository
// with tags 2.1.3_START and 2.1.3, the released files signed in a file: private repository; this directory
// becomes the release checkout. The Nexus 2 emulator runs in this JVM until verify.groovy stops it.
import io.gravitee.release.gio.manifest.Manifest
import io.gravitee.release.gio.manifest.Version
import io.gravitee.release.gio.sandbox.fixture.FixtureGenerator
import io.gravitee.release.gio.sandbox.fixture.FixtureOptions
import io.gravitee.release.gio.sandbox.nexus2.Nexus2Config
import io.gravitee.release.gio.sandbox.nexus2.Nexus2Emulator
import java.security.MessageDigest
import java.security.SecureRandom
import java.time.Duration
import org.bouncycastle.bcpg.ArmoredOutputStream
import org.bouncycastle.bcpg.HashAlgorithmTags
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters
import org.bouncycastle.openpgp.PGPSignature
import org.bouncycastle.openpgp.PGPSignatureGenerator
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair
import org.eclipse.jgit.api.Git
import org.eclipse.jgit.api.ResetCommand
import org.eclipse.jgit.lib.PersonIdent

def who = new PersonIdent('gio it', 'it@example.com')
def remotes = new File(basedir, 'remotes')
FixtureGenerator.generate(new File(basedir, 'release.json').toPath(), remotes.toPath(), FixtureOptions.defaults())

def rsa = new RSAKeyPairGenerator()
rsa.init(new RSAKeyGenerationParameters(BigInteger.valueOf(0x10001), new SecureRandom(), 1024, 12))
def key = new BcPGPKeyPair(PublicKeyAlgorithmTags.RSA_GENERAL, rsa.generateKeyPair(), new Date())
def sign = { byte[] content ->
    def generator = new PGPSignatureGenerator(new BcPGPContentSignerBuilder(PublicKeyAlgorithmTags.RSA_GENERAL,
            HashAlgorithmTags.SHA256), key.publicKey)
    generator.init(PGPSignature.BINARY_DOCUMENT, key.privateKey)
    generator.update(content)
    def out = new ByteArrayOutputStream()
    def armored = new ArmoredOutputStream(out)
    generator.generate().encode(armored)
    armored.close()
    out.toByteArray()
}
def hex = { String algorithm, byte[] content -> MessageDigest.getInstance(algorithm).digest(content).encodeHex().toString() }
def repository = new File(basedir, 'private')
def write = { String path, byte[] content ->
    def file = new File(repository, path)
    file.parentFile.mkdirs()
    file.bytes = content
    new File(repository, path + '.sha1').text = hex('SHA-1', content)
    new File(repository, path + '.md5').text = hex('MD5', content)
}
def deploy = { String name, String version, String classifier, String extension, byte[] content ->
    def path = "io/gravitee/sample/${name}/${version}/${name}-${version}${classifier ? '-' + classifier : ''}.${extension}"
    write(path, content)
    write(path + '.asc', sign(content))
}

def start = Manifest.read(new File(basedir, 'release.json').toPath())
def product = Version.parse('2.1.3')
def released = start
start.pending().each { c ->
    def version = c.version().release().toString()
    def clone = new File(basedir, "work-${c.name()}")
    def git = Git.cloneRepository().setURI(new File(remotes, "${c.name()}.git").toURI().toString()).setDirectory(clone).call()
    def pom = new File(clone, 'pom.xml')
    pom.text = pom.text.replace("<version>${c.version()}</version>", "<version>${version}</version>")
    git.commit().setAll(true).setMessage("release ${version}").setAuthor(who).setCommitter(who).setSign(false).call()
    git.tag().setName(version).setAnnotated(true).setMessage(version).setTagger(who).setSigned(false).call()
    git.push().setPushAll().setPushTags().call()
    git.close()
    clone.deleteDir()
    def metadata = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>io.gravitee.sample</groupId>
  <artifactId>${c.name()}</artifactId>
  <version>${version}</version>
  <name>${c.name()}</name>
  <description>A sample component staged by the stage-all IT</description>
  <url>https://gravitee.io</url>
  <licenses><license><name>Apache-2.0</name><url>https://www.apache.org/licenses/LICENSE-2.0</url></license></licenses>
  <developers><developer><id>gio</id><name>gio</name></developer></developers>
  <scm><url>https://github.com/gravitee-io/${c.name()}</url><connection>scm:git:https://github.com/gravitee-io/${c.name()}.git</connection></scm>
</project>
"""
    def random = new Random(c.name().hashCode())
    def bytes = { int size -> def b = new byte[size]; random.nextBytes(b); b }
    deploy(c.name(), version, '', 'pom', metadata.getBytes('UTF-8'))
    deploy(c.name(), version, '', 'jar', bytes(8192))
    deploy(c.name(), version, 'sources', 'jar', bytes(2048))
    deploy(c.name(), version, 'javadoc', 'jar', bytes(2048))
    released = released.withComponentReleased(c.name(), product)
}
released = released.withProductReleased()

// The release repository as gio-release:release leaves it, then this directory as its checkout.
def git = Git.init().setDirectory(basedir).setInitialBranch('master').call()
def config = git.repository.config
config.setString('remote', 'origin', 'url', new File(remotes, 'release.git').toURI().toString())
config.setString('remote', 'origin', 'fetch', '+refs/heads/*:refs/remotes/origin/*')
config.setString('branch', 'master', 'remote', 'origin')
config.setString('branch', 'master', 'merge', 'refs/heads/master')
config.save()
git.fetch().setRemote('origin').call()
git.reset().setMode(ResetCommand.ResetType.HARD).setRef('refs/remotes/origin/master').call()
git.tag().setName('2.1.3_START').setAnnotated(true).setMessage('start').setTagger(who).setSigned(false).call()
new File(basedir, 'release.json').text = released.toJson()
git.commit().setOnly('release.json').setMessage('Release 2.1.3').setAuthor(who).setCommitter(who).setSign(false).call()
git.tag().setName('2.1.3').setAnnotated(true).setMessage('release').setTagger(who).setSigned(false).call()
new File(basedir, 'release.json').text = released.withProductVersion(product.nextPatchSnapshot()).toJson()
git.commit().setOnly('release.json').setMessage('chore(): Prepare next version').setAuthor(who).setCommitter(who).setSign(false).call()
git.push().setPushAll().setPushTags().call()
git.close()
// Hook and build files are not the release repository's business.
new File(basedir, '.git/info').mkdirs()
new File(basedir, '.git/info/exclude').text = '*\n'

def port = new ServerSocket(0).withCloseable { it.localPort }
def nexus = new Nexus2Emulator(Nexus2Config.defaults().withTransitionDuration(Duration.ofMillis(300))).start(port)
System.properties.put('gio.it.nopom-stage-all.nexus2', nexus)

new File(basedir, '.mvn').mkdirs()
new File(basedir, '.mvn/maven.config').text = """-Dgio.scm.urlTemplate=${remotes.toURI()}{name}.git
-Dgio.staging.sourceRepository=private::${repository.toURI()}
-Dgio.staging.url=${nexus.url()}
-Dgio.staging.serverId=gio-nexus2
-Dgio.staging.pollMillis=100
-Dgio.threads=2
"""
return true

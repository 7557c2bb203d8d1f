// This directory becomes the component's checkout at tag 1.4.0; its released files, signed, are in a file: private
// repository. The Nexus 2 emulator runs in this JVM until verify.groovy stops it.
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
import org.eclipse.jgit.lib.PersonIdent

def who = new PersonIdent('gio it', 'it@example.com')

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

def pom = new File(basedir, 'pom.xml').bytes
def random = new Random(7)
def bytes = { int size -> def b = new byte[size]; random.nextBytes(b); b }
deploy('sample-staged', '1.4.0', '', 'pom', pom)
deploy('sample-staged', '1.4.0', '', 'jar', bytes(8192))
deploy('sample-staged', '1.4.0', 'sources', 'jar', bytes(2048))
deploy('sample-staged', '1.4.0', 'javadoc', 'jar', bytes(2048))

def git = Git.init().setDirectory(basedir).setInitialBranch('master').call()
new File(basedir, '.gitignore').text = '*\n!pom.xml\n!.gitignore\n'
git.add().addFilepattern('pom.xml').addFilepattern('.gitignore').call()
git.commit().setMessage('release 1.4.0').setAuthor(who).setCommitter(who).setSign(false).call()
git.tag().setName('1.4.0').setAnnotated(true).setMessage('1.4.0').setTagger(who).setSigned(false).call()
git.close()

def port = new ServerSocket(0).withCloseable { it.localPort }
def nexus = new Nexus2Emulator(Nexus2Config.defaults().withTransitionDuration(Duration.ofMillis(300))).start(port)
System.properties.put('gio.it.stage-component.nexus2', nexus)

new File(basedir, '.mvn').mkdirs()
new File(basedir, '.mvn/maven.config').text = """-Dgio.staging.sourceRepository=private::${repository.toURI()}
-Dgio.staging.url=${nexus.url()}
-Dgio.staging.serverId=gio-nexus2
"""
return true

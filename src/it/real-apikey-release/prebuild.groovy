// The real gravitee-policy-apikey as Gravitee's orchestrator found it for product release 3.12.0: a bare remote whose
// 2.3.x is a3716aa (Gravitee released 2.3.0 from that branch, hence -Dgio.release.branch=2.3.x; gio's default for an
// X.Y.0 is master) and which has none of the tags Gravitee pushed later. The release repository: Gravitee's real
// release-3.12.0_START.json, tag 3.12.0_START, then every other component released (the release is resumed); this
// directory becomes its checkout. A throw-away gpg key in ./gnupg (the CI's GNUPGHOME), the shared real Nexus 3 with a
// release repository of this IT's own, and the Nexus 2 emulator the staging publishes to, running in this JVM until
// verify.groovy stops it.
import io.gravitee.release.gio.manifest.Manifest
import io.gravitee.release.gio.manifest.Version
import io.gravitee.release.gio.sandbox.fixture.RealRepositories
import io.gravitee.release.gio.sandbox.maven.Nexus3Peer
import io.gravitee.release.gio.sandbox.nexus2.Nexus2Config
import io.gravitee.release.gio.sandbox.nexus2.Nexus2Emulator
import java.time.Duration
import org.eclipse.jgit.api.Git
import org.eclipse.jgit.api.ResetCommand
import org.eclipse.jgit.lib.ObjectId
import org.eclipse.jgit.lib.PersonIdent
import org.eclipse.jgit.transport.RefSpec
import org.eclipse.jgit.transport.TagOpt

def who = new PersonIdent('gio it', 'it@example.com')
def remotes = new File(basedir, 'remotes')

def apikey = Git.init().setBare(true).setDirectory(new File(remotes, 'gravitee-policy-apikey.git')).call()
apikey.fetch().setRemote(RealRepositories.bundle(basedir.toPath(), 'gravitee-policy-apikey').toString())
        .setRefSpecs(new RefSpec('+refs/heads/2.3.x:refs/heads/2.3.x')).setTagOpt(TagOpt.NO_TAGS).call()
def branch = apikey.repository.updateRef('refs/heads/2.3.x')
branch.setNewObjectId(apikey.repository.resolve('a3716aa^{commit}'))
branch.setForceUpdate(true)
branch.update()
apikey.repository.updateRef('HEAD').link('refs/heads/2.3.x')
assert apikey.repository.refDatabase.refs.findAll { it.name.startsWith('refs/tags/') }.isEmpty()
apikey.close()

// The release repository, pushed to remotes/release.git, and this directory as its checkout.
def start = RealRepositories.bundle(basedir.toPath(), 'gravitee-policy-apikey').parent
        .resolve('../gravitee/history/release-3.12.0_START.json').normalize().toFile()
def release = Git.init().setBare(true).setDirectory(new File(remotes, 'release.git')).setInitialBranch('master').call()
release.close()
def git = Git.init().setDirectory(basedir).setInitialBranch('master').call()
def config = git.repository.config
config.setString('remote', 'origin', 'url', new File(remotes, 'release.git').toURI().toString())
config.setString('remote', 'origin', 'fetch', '+refs/heads/*:refs/remotes/origin/*')
config.setString('branch', 'master', 'remote', 'origin')
config.setString('branch', 'master', 'merge', 'refs/heads/master')
config.save()
new File(basedir, '.git/info').mkdirs()
new File(basedir, '.git/info/exclude').text = '*\n!release.json\n'
new File(basedir, 'release.json').bytes = start.bytes
git.add().addFilepattern('release.json').call()
git.commit().setMessage('Gravitee.io 3.12.0-SNAPSHOT').setAuthor(who).setCommitter(who).setSign(false).call()
git.tag().setName('3.12.0_START').setAnnotated(true).setMessage('Start of release 3.12.0').setTagger(who).setSigned(false).call()
def manifest = Manifest.read(new File(basedir, 'release.json').toPath())
def product = Version.parse('3.12.0')
// Released outside gio (their since unchanged), so that the staging stages this release's apikey only, and the
// ledger knows none of their artifacts: gravitee-api-management's gravitee-apim-repository-api 3.12.0 is found in
// the lookup repositories, as for a component released by another run or by hand.
manifest.pending().findAll { it.name() != 'gravitee-policy-apikey' }.each { c ->
    manifest = manifest.withComponentVersion(c.name(), c.version().release())
    new File(basedir, 'release.json').text = manifest.toJson()
    git.commit().setOnly('release.json').setMessage("Release ${c.name()} ${c.version().release()}").setAuthor(who)
            .setCommitter(who).setSign(false).call()
}
git.push().setPushAll().setPushTags().call()
git.close()

// A throw-away signing key, in the GNUPGHOME invoker.properties gives the builds, protected by the passphrase it
// gives them in GPG_PASSPHRASE.
def gnupg = new File(basedir, 'gnupg')
gnupg.mkdirs()
['chmod', '700', gnupg.path].execute().waitFor()
def gpg = ['gpg', '--homedir', gnupg.path, '--batch', '--pinentry-mode', 'loopback', '--passphrase', 'gio-it-throw-away-7f3d',
           '--quick-gen-key', 'gio it (throw-away) <gio-it@example.com>', 'rsa2048', 'sign', 'never'].execute()
def gpgOut = new StringBuilder()
def gpgErr = new StringBuilder()
gpg.waitForProcessOutput(gpgOut, gpgErr)
assert gpg.exitValue() == 0: "gpg could not generate the throw-away key: ${gpgErr}"
// Its public key, which the staging's validation checks every signature against.
def export = ['gpg', '--homedir', gnupg.path, '--batch', '--export', '--output', new File(basedir, 'public-key.gpg').path].execute()
export.waitForProcessOutput(new StringBuilder(), gpgErr)
assert export.exitValue() == 0: "gpg could not export the throw-away key: ${gpgErr}"

// Central as Gravitee's orb saw it in September 2021, for the opt-in's dry run: the releases of the POM's io.gravitee
// properties that Central lists today, up to the newest each major had then (the versions Gravitee's tag moved to:
// the orb took the newest), and the .pom of gravitee-apim-repository-api 3.12.0. Only gio reads it; the builds
// resolve from Central itself.
def central2021 = new File(basedir, 'central-2021')
[
    'io.gravitee.gateway:gravitee-gateway-api': ['1.20.0', '1.20.1', '1.21.0', '1.21.1', '1.21.2', '1.22.0', '1.23.0',
                                                 '1.24.0', '1.25.0', '1.26.0', '1.27.0', '1.27.1', '1.27.2', '1.28.0'],
    'io.gravitee.policy:gravitee-policy-api': ['1.8.0', '1.9.0', '1.10.0', '1.11.0'],
    'io.gravitee.apim.repository:gravitee-apim-repository-api': ['3.11.0', '3.11.1', '3.12.0'],
].each { key, versions ->
    def (groupId, artifactId) = key.split(':')
    def base = new File(central2021, "${groupId.replace('.', '/')}/${artifactId}")
    versions.each { v ->
        new File(base, v).mkdirs()
        new File(base, "${v}/${artifactId}-${v}.pom").text = '<project/>'
    }
    new File(base, 'maven-metadata.xml').text = "<metadata><groupId>${groupId}</groupId><artifactId>${artifactId}</artifactId>" +
            "<versioning><versions>${versions.collect { "<version>${it}</version>" }.join('')}</versions></versioning></metadata>"
}

if (System.getProperty('gio.nexus3.dir') == null) {
    System.setProperty('gio.nexus3.dir', new File(basedir, '../../nexus3-its').canonicalPath)
}
def nexus = Nexus3Peer.shared()
def deploy = nexus.createReleaseRepository('real-apikey-release')
// A re-run of the IT in the same Nexus would meet its own 2.3.0: this IT's repository starts empty.
assert nexus.assetPaths('real-apikey-release').isEmpty(): 'the real-apikey-release repository of the shared Nexus 3 is not empty'

// The staging resolves the effective model's parents from its source repository, as from an Artifactory proxying
// Central: gravitee-parent 15.1 is put there. The Nexus 2 emulator (the public target) has it released, as Central.
def parent = 'io/gravitee/gravitee-parent/15.1/gravitee-parent-15.1.pom'
def parentPom = new URL('https://repo.maven.apache.org/maven2/' + parent).bytes
def put = new URL(deploy.toString() + parent).openConnection()
put.requestMethod = 'PUT'
put.doOutput = true
put.setRequestProperty('Authorization', 'Basic ' + "${nexus.credentials().username()}:${nexus.credentials().password()}".bytes.encodeBase64())
put.outputStream.withCloseable { it.write(parentPom) }
assert put.responseCode in [200, 201, 204]: "Nexus 3 refused ${parent}: HTTP ${put.responseCode}"
def port = new ServerSocket(0).withCloseable { it.localPort }
def nexus2 = new Nexus2Emulator(Nexus2Config.defaults().withTransitionDuration(Duration.ofMillis(100))).start(port)
nexus2.seedReleased(parent, parentPom)
System.properties.put('gio.it.real-apikey-release.nexus2', nexus2)

new File(basedir, '.mvn').mkdirs()
new File(basedir, '.mvn/maven.config').text = """-Dgio.scm.urlTemplate=${remotes.toURI()}{name}.git
-Dgio.release.branch=2.3.x
-Dgio.release.deployRepository=gio-maven::${deploy}
-Dgio.release.lookupRepositories=central::https://repo.maven.apache.org/maven2/
-Dgio.staging.sourceRepository=gio-maven::${deploy}
-Dgio.staging.publicKeyRing=${new File(basedir, 'public-key.gpg').path}
-Dgio.staging.url=${nexus2.url()}
-Dgio.staging.serverId=gio-nexus2
-Dgio.staging.pollMillis=100
"""
return true

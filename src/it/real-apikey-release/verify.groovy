// The release of the real gravitee-policy-apikey 2.3.0 inside product release 3.12.0: aligned as Gravitee's tooling
// aligned it (the version and the snapshot, not the properties only the opt-in moves), built with gravitee-parent
// 15.1's gio-release profile, every deployed file in Nexus 3 signed by the throw-away key, the passphrase nowhere.
import groovy.json.JsonSlurper
import io.gravitee.release.gio.sandbox.fixture.RealRepositories
import io.gravitee.release.gio.sandbox.maven.Nexus3Peer
import org.eclipse.jgit.api.Git
import org.eclipse.jgit.diff.DiffEntry
import org.eclipse.jgit.diff.DiffFormatter
import org.eclipse.jgit.revwalk.RevWalk
import org.eclipse.jgit.treewalk.TreeWalk
import org.eclipse.jgit.util.io.DisabledOutputStream

def nexus2 = System.properties.remove('gio.it.real-apikey-release.nexus2')
def gnupg = new File(basedir, 'gnupg')
def secret = 'gio-it-throw-away-7f3d'
def verifies = { File file ->
    def gpg = ['gpg', '--homedir', gnupg.path, '--batch', '--status-fd', '1', '--verify', file.path + '.asc', file.path].execute()
    def out = new StringBuilder()
    def err = new StringBuilder()
    gpg.waitForProcessOutput(out, err)
    if (gpg.exitValue() != 0 || !out.toString().contains('[GNUPG:] VALIDSIG')) {
        println "gpg --verify ${file}: ${out} ${err}"
        return false
    }
    true
}
try {
    def log = new File(basedir, 'build.log').text
    assert log.contains('gravitee-policy-apikey: aligned pom.xml: gravitee-repository-api.version 3.12.0-SNAPSHOT -> 3.12.0 (released)')
    assert log =~ /gravitee-policy-apikey\s+2\.3\.0\s+RELEASED/
    assert log.contains('no component is pending, nothing to release'), 'the second run does nothing'
    assert !new JsonSlurper().parse(new File(basedir, 'target/gio/release-report.json')).failed

    // The dry run with the opt-in: what Gravitee's orb changed too, and the POM it deployed is Gravitee's tag's.
    assert log.contains('gravitee-policy-apikey: aligned pom.xml: gravitee-gateway-api.version 1.23.0 -> 1.28.0 (newest release of the same major)')
    assert log.contains('gravitee-policy-apikey: aligned pom.xml: gravitee-policy-api.version 1.10.0 -> 1.11.0 (newest release of the same major)')
    def graviteeTag = RealRepositories.checkout(new File(basedir, 'target/gravitee-2.3.0'), 'gravitee-policy-apikey', '2.3.0')
    def dryRun = new File(basedir, 'target/gio/dry-run-repository/io/gravitee/policy/gravitee-policy-apikey/2.3.0')
    assert new File(dryRun, 'gravitee-policy-apikey-2.3.0.pom').text == new File(graviteeTag, 'pom.xml').text
    ['gravitee-policy-apikey-2.3.0.pom', 'gravitee-policy-apikey-2.3.0.zip'].each { f ->
        assert verifies(new File(dryRun, f)): "the dry run's ${f} is not signed by the throw-away key"
    }

    // The tag: a3716aa plus the version and the snapshot's release, nothing else (Gravitee's tag also moved
    // gravitee-gateway-api and gravitee-policy-api: that is -Dgio.release.updateProperties, off here).
    def remote = Git.open(new File(basedir, 'remotes/gravitee-policy-apikey.git'))
    def repo = remote.repository
    def walk = new RevWalk(repo)
    def tagged = walk.parseCommit(repo.resolve('refs/tags/2.3.0^{commit}'))
    def from = walk.parseCommit(repo.resolve('a3716aa^{commit}'))
    assert tagged.parentCount == 1 && tagged.getParent(0) == from
    def formatter = new DiffFormatter(DisabledOutputStream.INSTANCE)
    formatter.repository = repo
    def diffs = formatter.scan(from.tree, tagged.tree)
    assert diffs*.newPath == ['pom.xml'] && diffs[0].changeType == DiffEntry.ChangeType.MODIFY
    def text = { commit -> new String(repo.open(TreeWalk.forPath(repo, 'pom.xml', commit.tree).getObjectId(0)).bytes, 'UTF-8') }
    def before = text(from).readLines()
    def after = text(tagged).readLines()
    assert before.size() == after.size()
    def changed = (0..<before.size()).findAll { before[it] != after[it] }.collect { [before[it].trim(), after[it].trim()] }
    assert changed == [['<version>2.3.0-SNAPSHOT</version>', '<version>2.3.0</version>'],
                       ['<gravitee-repository-api.version>3.12.0-SNAPSHOT</gravitee-repository-api.version>',
                        '<gravitee-repository-api.version>3.12.0</gravitee-repository-api.version>']]
    def next = walk.parseCommit(repo.resolve('refs/heads/2.3.x'))
    assert next.fullMessage.trim() == 'chore(): Prepare next version' && next.getParent(0) == tagged
    assert text(next).contains('<version>2.3.1-SNAPSHOT</version>')
    walk.close()
    remote.close()

    // Deployed to the real Nexus 3: the policy's zip and every file with its signature, each verified with gpg
    // against the throw-away key.
    def nexus = Nexus3Peer.shared()
    def dir = 'io/gravitee/policy/gravitee-policy-apikey/2.3.0/'
    def assets = nexus.assetPaths('real-apikey-release').findAll { it.startsWith(dir) }.collect { it.substring(dir.length()) }
    def files = ['', '-sources', '-javadoc'].collect { "gravitee-policy-apikey-2.3.0${it}.jar".toString() } +
            ['gravitee-policy-apikey-2.3.0.pom', 'gravitee-policy-apikey-2.3.0.zip']
    files.each { f ->
        assert assets.contains(f): "${f} is not deployed: ${assets}"
        assert assets.contains(f + '.asc'): "${f}.asc is not deployed: ${assets}"
    }
    def base = nexus.repositoryUrl('real-apikey-release').toString() + dir
    def auth = 'Basic ' + "${nexus.credentials().username()}:${nexus.credentials().password()}".bytes.encodeBase64()
    def download = { String name ->
        def target = new File(basedir, "target/verify/${name}")
        target.parentFile.mkdirs()
        def connection = new URL(base + name).openConnection()
        connection.setRequestProperty('Authorization', auth)
        target.bytes = connection.inputStream.bytes
        target
    }
    files.each { f ->
        def file = download(f)
        download(f + '.asc')
        assert verifies(file): "${f} in Nexus 3 is not signed by the throw-away key"
    }

    // Staged from Nexus 3 and released on the Nexus 2 emulator: every file with its signature; the second stage-all
    // finds it published.
    assert log =~ /gravitee-policy-apikey\s+2\.3\.0\s+PUBLISHED/
    assert log.contains('Nothing to stage: every component of 3.12.0 is published.'), 'the second stage-all does nothing'
    assert !new JsonSlurper().parse(new File(basedir, 'target/gio/stage-all-report.json')).failed
    files.each { f ->
        [f, f + '.asc'].each { name ->
            def published = nexus2.releasedFile(dir + name)
            assert published.isPresent(): "${name} is not released on Nexus 2"
            assert published.get().toFile().bytes == new File(basedir, "target/verify/${name}").bytes: "${name} differs from Nexus 3's"
        }
    }

    // The passphrase reached gpg and nothing else: no log, report or ledger shows it.
    def written = [new File(basedir, 'build.log')]
    new File(basedir, 'target/gio').eachFileRecurse { if (it.isFile() && !it.path.contains('/work/gravitee-policy-apikey/')) written << it }
    written.each { assert !it.text.contains(secret): "${it} shows the gpg passphrase" }
    def release = Git.open(new File(basedir, 'remotes/release.git'))
    def head = release.repository.parseCommit(release.repository.resolve('refs/heads/master'))
    ['release.json', 'release-ledger.json'].each { name ->
        def entry = TreeWalk.forPath(release.repository, name, head.tree)
        if (entry != null) {
            assert !new String(release.repository.open(entry.getObjectId(0)).bytes, 'UTF-8').contains(secret)
        }
    }
    release.close()
} finally {
    nexus2?.close()
    ['gpgconf', '--homedir', gnupg.path, '--kill', 'gpg-agent'].execute().waitFor()
}
return true

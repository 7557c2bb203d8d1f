import groovy.json.JsonSlurper
import org.eclipse.jgit.api.Git
import org.eclipse.jgit.treewalk.TreeWalk

def nexus = System.properties.remove('gio.it.nopom-stage-all.nexus2')
try {
    def log = new File(basedir, 'build.log').text
    assert log.contains('Staging of Sample 2.1.3 summary:')
    assert log =~ /sample-gateway\s+2\.1\.3\s+PUBLISHED/
    assert log =~ /sample-common\s+1\.20\.2\s+PUBLISHED/
    assert log.contains('Nothing to stage: every component of 2.1.3 is published.'), 'the second run does nothing'
    // A CI log: the first run says a few lines per component before its summary, not each one's resolution and
    // server dialogue interleaved (that is at debug, -X).
    def firstRun = log.substring(log.indexOf(':stage-all (default-cli)'), log.indexOf('Staging of Sample 2.1.3 summary:'))
    def said = firstRun.readLines().findAll { it.startsWith('[INFO] ') && !it.contains('Download') && it.trim() != '[INFO]' }
    assert said.size() <= 12, "stage-all said ${said.size()} lines for 2 components:\n" + said.join('\n')
    assert !log.contains(' of 0 B'), 'a transfer of unknown size shows what was done, not "of 0 B"'
    assert !log.contains('lease of release'), 'a lease is named by its id'
    assert log.contains('0 left behind'), 'status finds nothing left behind'
    assert log.contains('Nothing to drop.'), 'drop finds nothing to drop'

    def report = new JsonSlurper().parse(new File(basedir, 'target/gio/stage-all-report.json'))
    assert !report.failed

    assert nexus.repositories().count { it.state().name() == 'RELEASED' } == 2
    assert nexus.releasedFile('io/gravitee/sample/sample-gateway/2.1.3/sample-gateway-2.1.3.jar').isPresent()
    assert nexus.requestLog().matching('PUT', '/content/repositories/releases/.*').isEmpty()

    def release = Git.open(new File(basedir, 'remotes/release.git'))
    def read = { String revision, String path ->
        def commit = release.repository.parseCommit(release.repository.resolve(revision + '^{commit}'))
        new String(release.repository.open(TreeWalk.forPath(release.repository, path, commit.tree).getObjectId(0)).bytes, 'UTF-8')
    }
    assert read('master', 'nexus-staging.json') == read('2.1.3', 'release.json'), 'finished: equals the released manifest'
    assert read('master', 'nexus-staging-ledger.json').contains('"PUBLISHED"')
    release.close()
} finally {
    nexus?.close()
}
return true

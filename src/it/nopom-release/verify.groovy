import groovy.json.JsonSlurper
import org.eclipse.jgit.api.Git

def log = new File(basedir, 'build.log').text
assert log.contains('Release Sample 2.1.3 summary:')
assert log =~ /sample-gateway\s+2\.1\.3\s+RELEASED/
assert log.contains('no component is pending, nothing to release'), 'the second run does nothing'

def report = new JsonSlurper().parse(new File(basedir, 'target/gio/release-report.json'))
assert !report.failed

def release = Git.open(new File(basedir, 'remotes/release.git'))
def tagged = release.repository.resolve('refs/tags/2.1.3^{commit}')
assert tagged != null
assert release.repository.resolve('refs/tags/2.1.3_START') != null
def manifest = new JsonSlurper().parseText(new String(release.repository.open(
        org.eclipse.jgit.treewalk.TreeWalk.forPath(release.repository, 'release.json',
                release.repository.parseCommit(tagged).tree).getObjectId(0)).bytes, 'UTF-8'))
assert manifest.version == '2.1.3'
assert manifest.components.find { it.name == 'sample-common' }.version == '1.20.2'
assert manifest.components.find { it.name == 'sample-common' }.since == '2.1.3'
release.close()

assert new File(basedir, 'deploy/io/gravitee/sample/sample-gateway/2.1.3/sample-gateway-2.1.3.jar').isFile()
return true

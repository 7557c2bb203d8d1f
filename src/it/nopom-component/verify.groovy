import org.eclipse.jgit.api.Git

def log = new File(basedir, 'build.log').text
assert log =~ /single-lib\s+3\.2\.1\s+RELEASED/
def remote = Git.open(new File(basedir, 'remotes/single-lib.git'))
assert remote.repository.resolve('refs/tags/3.2.1') != null
def head = remote.repository.parseCommit(remote.repository.resolve('refs/heads/3.2.x'))
assert head.shortMessage == 'chore(): Prepare next version'
remote.close()
assert new File(basedir, 'deploy/io/gravitee/sample/single-lib/3.2.1/single-lib-3.2.1.pom').isFile()
assert new File(basedir, 'target/gio/component-report.md').isFile()
return true

// Real remotes for the release: one per pending component, and the release repository, which
// this IT directory becomes a checkout of (as a release engineer's clone would be).
import io.gravitee.release.gio.sandbox.fixture.FixtureGenerator
import io.gravitee.release.gio.sandbox.fixture.FixtureOptions
import org.eclipse.jgit.api.Git
import org.eclipse.jgit.api.ResetCommand

def remotes = new File(basedir, 'remotes')
FixtureGenerator.generate(new File(basedir, 'release.json').toPath(), remotes.toPath(), FixtureOptions.defaults()
        .withDependency('sample-gateway', 'sample-common', FixtureOptions.VersionStyle.PROPERTY))
def deploy = new File(basedir, 'deploy')
deploy.mkdirs()

def git = Git.init().setDirectory(basedir).setInitialBranch('master').call()
def config = git.repository.config
config.setString('remote', 'origin', 'url', new File(remotes, 'release.git').toURI().toString())
config.setString('remote', 'origin', 'fetch', '+refs/heads/*:refs/remotes/origin/*')
config.setString('branch', 'master', 'remote', 'origin')
config.setString('branch', 'master', 'merge', 'refs/heads/master')
config.save()
git.fetch().setRemote('origin').call()
git.reset().setMode(ResetCommand.ResetType.HARD).setRef('refs/remotes/origin/master').call()
git.close()

new File(basedir, '.mvn').mkdirs()
new File(basedir, '.mvn/maven.config').text =
        "-Dgio.scm.urlTemplate=${remotes.toURI()}{name}.git\n-Dgio.release.deployRepository=private::${deploy.toURI()}\n"
return true

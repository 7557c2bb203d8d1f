// A component repository's remote, and this IT directory made a checkout of it.
import io.gravitee.release.gio.sandbox.fixture.FixtureGenerator
import io.gravitee.release.gio.sandbox.fixture.FixtureOptions
import org.eclipse.jgit.api.Git
import org.eclipse.jgit.api.ResetCommand

def remotes = new File(basedir, 'remotes')
FixtureGenerator.generate(new File(basedir, 'release.json').toPath(), remotes.toPath(), FixtureOptions.defaults())
new File(basedir, 'release.json').delete()
new File(basedir, 'deploy').mkdirs()

def git = Git.init().setDirectory(basedir).setInitialBranch('3.2.x').call()
def config = git.repository.config
config.setString('remote', 'origin', 'url', new File(remotes, 'single-lib.git').toURI().toString())
config.setString('remote', 'origin', 'fetch', '+refs/heads/*:refs/remotes/origin/*')
config.save()
git.fetch().setRemote('origin').call()
git.reset().setMode(ResetCommand.ResetType.HARD).setRef('refs/remotes/origin/3.2.x').call()
git.close()

new File(basedir, '.mvn').mkdirs()
new File(basedir, '.mvn/maven.config').text = "-Dgio.release.deployRepository=private::${new File(basedir, 'deploy').toURI()}\n"
return true

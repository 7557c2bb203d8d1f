// This directory becomes a clone of the real gravitee-policy-apikey repository (shared/fixtures/real) at tag 2.3.0.
import org.eclipse.jgit.api.Git
import org.eclipse.jgit.api.ResetCommand
import org.eclipse.jgit.transport.RefSpec

def bundle = null
for (def dir = basedir.absoluteFile; dir != null && bundle == null; dir = dir.parentFile) {
    def candidate = new File(dir, 'shared/fixtures/real/gravitee-policy-apikey.bundle')
    if (candidate.isFile()) {
        bundle = candidate
    }
}
assert bundle != null, 'shared/fixtures/real/gravitee-policy-apikey.bundle is beside the checkout or above it'
def git = Git.init().setDirectory(basedir).setInitialBranch('master').call()
git.fetch().setRemote(bundle.toString()).setRefSpecs(new RefSpec('+refs/tags/*:refs/tags/*')).call()
git.reset().setMode(ResetCommand.ResetType.HARD).setRef('refs/tags/2.3.0').call()
git.close()

new File(basedir, '.mvn').mkdirs()
new File(basedir, '.mvn/maven.config').text = """-Dgio.staging.sourceRepository=central::https://repo.maven.apache.org/maven2/
-Dgio.staging.gitReleaseTag=2.3.0
"""
return true

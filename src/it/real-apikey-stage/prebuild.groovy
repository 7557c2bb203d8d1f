// This directory becomes a clone of the real gravitee-policy-apikey repository (shared/fixtures/real) at tag 2.5.0.
// The Nexus 2 emulator runs in this JVM until verify.groovy stops it; Central's gravitee-parent is among its released
// files, as on Central, so that its close rules read the inherited values as Central's do.
import io.gravitee.release.gio.sandbox.nexus2.Nexus2Config
import io.gravitee.release.gio.sandbox.nexus2.Nexus2Emulator
import java.time.Duration
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
git.reset().setMode(ResetCommand.ResetType.HARD).setRef('refs/tags/2.5.0').call()
git.close()

def port = new ServerSocket(0).withCloseable { it.localPort }
def nexus = new Nexus2Emulator(Nexus2Config.defaults().withTransitionDuration(Duration.ofMillis(100))).start(port)
def parent = 'io/gravitee/gravitee-parent/20.3/gravitee-parent-20.3.pom'
nexus.seedReleased(parent, new URL('https://repo.maven.apache.org/maven2/' + parent).bytes)
System.properties.put('gio.it.real-apikey-stage.nexus2', nexus)

new File(basedir, '.mvn').mkdirs()
new File(basedir, '.mvn/maven.config').text = """-Dgio.staging.sourceRepository=central::https://repo.maven.apache.org/maven2/
-Dgio.staging.gitReleaseTag=2.5.0
-Dgio.staging.url=${nexus.url()}
-Dgio.staging.serverId=gio-nexus2
"""
return true

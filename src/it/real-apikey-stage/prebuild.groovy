// This directory becomes a clone of the real gravitee-policy-apikey repository (shared/fixtures/real) at tag 2.5.0.
// The Nexus 2 emulator runs in this JVM until verify.groovy stops it; Central's gravitee-parent is among its released
// files, as on Central, so that its close rules read the inherited values as Central's do.
import io.gravitee.release.gio.sandbox.nexus2.Nexus2Config
import io.gravitee.release.gio.sandbox.nexus2.Nexus2Emulator
import java.time.Duration
import io.gravitee.release.gio.sandbox.fixture.RealRepositories

RealRepositories.checkout(basedir, 'gravitee-policy-apikey', '2.5.0')

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

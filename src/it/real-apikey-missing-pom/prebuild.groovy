// This directory becomes a clone of the real gravitee-policy-apikey repository (shared/fixtures/real) at tag 2.3.0.
import io.gravitee.release.gio.sandbox.fixture.RealRepositories

RealRepositories.checkout(basedir, 'gravitee-policy-apikey', '2.3.0')

new File(basedir, '.mvn').mkdirs()
new File(basedir, '.mvn/maven.config').text = """-Dgio.staging.sourceRepository=central::https://repo.maven.apache.org/maven2/
-Dgio.staging.gitReleaseTag=2.3.0
"""
return true

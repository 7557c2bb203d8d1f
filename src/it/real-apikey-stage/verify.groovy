import groovy.json.JsonSlurper

def nexus = System.properties.remove('gio.it.real-apikey-stage.nexus2')
try {
    def log = new File(basedir, 'build.log').text
    assert log.contains('io.gravitee.policy:gravitee-policy-apikey:2.5.0: 5 file(s), listed by the effective model')
    assert log.contains('All 5 files pass Maven Central\'s rules')
    assert log.contains('gravitee-policy-apikey 2.5.0: PUBLISHED')
    assert log.contains('gravitee-policy-apikey 2.5.0: ALREADY_PUBLISHED'), 'the second stage finds it published'
    def dir = 'io/gravitee/policy/gravitee-policy-apikey/2.5.0/'
    ['.pom', '.jar', '-sources.jar', '-javadoc.jar', '.zip'].each { suffix ->
        ['', '.asc'].each { sig ->
            def name = 'gravitee-policy-apikey-2.5.0' + suffix + sig
            def released = nexus.releasedFile(dir + name)
            assert released.isPresent(), 'not released: ' + name
            assert released.get().toFile().bytes == new URL('https://repo.maven.apache.org/maven2/' + dir + name).bytes,
                    name + ' is published as Central has it'
        }
    }
    def report = new JsonSlurper().parse(new File(basedir, 'target/gio/stage-report.json'))
    assert report.result == 'ALREADY_PUBLISHED'
    def uploads = nexus.requestLog().matching('PUT', '.*deployByRepositoryId/.*')*.path()
    assert uploads.size() == uploads.unique(false).size(), 'no file uploaded twice'
} finally {
    nexus?.close()
}
return true

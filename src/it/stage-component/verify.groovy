import groovy.json.JsonSlurper

def nexus = System.properties.remove('gio.it.stage-component.nexus2')
try {
    def log = new File(basedir, 'build.log').text
    assert log.contains('All 4 files pass Maven Central\'s rules') || log.contains('pass Maven Central')
    assert log.contains('sample-staged 1.4.0: PUBLISHED')
    assert log.contains('sample-staged 1.4.0: ALREADY_PUBLISHED'), 'the second stage finds it published'
    assert new File(basedir, 'target/gio-staging/files/io/gravitee/sample/sample-staged/1.4.0/sample-staged-1.4.0.jar').isFile()
    def report = new JsonSlurper().parse(new File(basedir, 'target/gio/stage-report.json'))
    assert report.result == 'ALREADY_PUBLISHED'
    assert nexus.repositories().count { it.state().name() == 'RELEASED' } == 1
    assert nexus.releasedFile('io/gravitee/sample/sample-staged/1.4.0/sample-staged-1.4.0-sources.jar').isPresent()
    def uploads = nexus.requestLog().matching('PUT', '.*deployByRepositoryId/.*')*.path()
    assert uploads.size() == uploads.unique(false).size(), 'no file uploaded twice'
} finally {
    nexus?.close()
}
return true

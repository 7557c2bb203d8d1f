// The bucket (S3Proxy's filesystem backend keeps each object as a file) holds, file for file, the download tree written
// down from Gravitee's script, the full zip holds what the script put in it, and coreutils checks every checksum file
// where it was downloaded.
import java.util.zip.ZipFile

def run = { File dir, List<String> command ->
    def process = new ProcessBuilder(command).directory(dir).redirectErrorStream(true).start()
    def said = process.inputStream.text
    assert process.waitFor() == 0 : "${command.join(' ')} in ${dir}: ${said}"
    said
}
try {
    def up = { String relative ->
        for (def dir = basedir.absoluteFile; dir != null; dir = dir.parentFile) {
            if (new File(dir, relative).exists()) return new File(dir, relative)
        }
        throw new IllegalStateException("No ${relative} above ${basedir}")
    }
    def sections = [:]
    def current = null
    up('gio-bundle-maven-plugin/src/test/resources/io/gravitee/release/gio/bundle/distribution/apim-3.15.0-layout.txt').eachLine { line ->
        if (line.startsWith('# ') && line.indexOf(' ', 2) < 0) { current = []; sections[line.substring(2)] = current }
        else if (current != null && line) { current << line }
    }
    def site = new File(basedir, 's3/gio-downloads/graviteeio-apim')
    def zips = []
    site.eachFileRecurse { if (it.name.endsWith('.zip')) zips << site.toPath().relativize(it.toPath()).toString() }
    assert zips.sort() == sections['tree'].sort() : "the download tree: ${(zips - sections['tree'])} extra, ${(sections['tree'] - zips)} missing"

    new ZipFile(new File(site, 'distributions/graviteeio-full-3.15.0.zip')).withCloseable { full ->
        def files = full.entries().collect { it.name }.findAll { !it.endsWith('/') }.sort()
        assert files == sections['distributions/graviteeio-full-3.15.0.zip'].findAll { !it.endsWith('/') }.sort()
    }
    zips.each { path ->
        def file = new File(site, path)
        [['sha1sum', '.sha1'], ['md5sum', '.md5'], ['sha512sum', '.sha512sum']].each { tool, suffix ->
            assert run(file.parentFile, [tool, '-c', '--strict', file.name + suffix]).trim() == "${file.name}: OK"
        }
    }
    ['', 'distributions/', 'components/', 'plugins/', 'plugins/policies/', 'plugins/services/'].each {
        assert new File(site, it + 'index.html').isFile() : "index of ${it}"
    }
    def log = new File(basedir, 'build.log').text
    assert !log.contains('gio-it-secret-0123456789') : 'the secret never appears in the log'
    return true
} finally {
    System.properties.remove('gio.it.s3')?.stop()
}

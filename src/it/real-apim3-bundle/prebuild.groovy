// A real S3 server (S3Proxy with its filesystem backend, stopped by verify.groovy), and a file: repository holding
// Gravitee's real plugin zips and POMs (with their parents) as Maven Central serves them, .sha1 files included, plus
// sample zips for the four runtimes, which Central does not hold. Central's files are cached in src/it's target/.
import io.gravitee.release.gio.sandbox.PeerCredentials
import io.gravitee.release.gio.sandbox.s3.S3Peer
import java.security.MessageDigest
import java.util.zip.ZipEntry
import java.util.zip.ZipOutputStream

def version = '3.15.0'
def up = { String relative ->
    for (def dir = basedir.absoluteFile; dir != null; dir = dir.parentFile) {
        if (new File(dir, relative).exists()) return new File(dir, relative)
    }
    throw new IllegalStateException("No ${relative} above ${basedir}")
}
def central = 'https://repo.maven.apache.org/maven2/'
def cache = new File(basedir, '../../central-cache').canonicalFile
def repo = new File(basedir, 'repo')
def sha1 = { byte[] bytes -> MessageDigest.getInstance('SHA-1').digest(bytes).encodeHex().toString() }

// Downloaded once, checked against Central's .sha1, then copied with it: the packaging verifies Central's checksums.
def fetch = { String path ->
    def file = new File(cache, path)
    def sum = new File(cache, path + '.sha1')
    if (!file.isFile() || !sum.isFile()) {
        file.parentFile.mkdirs()
        sum.bytes = new URL(central + path + '.sha1').bytes
        def part = new File(file.path + '.part')
        part.bytes = new URL(central + path).bytes
        assert sha1(part.bytes) == sum.text.trim().split(/\s+/)[0] : "Central's ${path} matches its .sha1"
        assert part.renameTo(file)
    }
    [file, sum].each { f -> def target = new File(repo, path + (f == sum ? '.sha1' : '')); target.parentFile.mkdirs(); target.bytes = f.bytes }
    file
}
def pathOf = { String g, String a, String v, String ext -> "${g.replace('.', '/')}/${a}/${v}/${a}-${v}.${ext}" }

// The plugins of the release, as the layout written down from Gravitee's script lists them, with the group each comes from.
def groups = [policies: 'io.gravitee.policy', fetchers: 'io.gravitee.fetcher', resources: 'io.gravitee.resource',
              reporters: 'io.gravitee.reporter', repositories: 'io.gravitee.repository', connectors: 'io.gravitee.cockpit',
              services: 'io.gravitee.discovery']
def layout = up('gio-bundle-maven-plugin/src/test/resources/io/gravitee/release/gio/bundle/distribution/apim-3.15.0-layout.txt')
def plugins = layout.readLines().findAll { it.startsWith('plugins/') }.collect { line ->
    def (type, artifactId, file) = line.split('/').drop(1)
    def group = artifactId == 'gravitee-gateway-services-ratelimit' ? 'io.gravitee.policy' : groups[type]
    [group, artifactId, file.substring(artifactId.length() + 1, file.length() - 4)]
}
def poms = Collections.synchronizedList([])
plugins.parallelStream().forEach { p ->
    fetch(pathOf(p[0], p[1], p[2], 'zip'))
    poms << fetch(pathOf(p[0], p[1], p[2], 'pom'))
}
def seen = [] as Set
while (!poms.isEmpty()) {
    // The <parent> element's three coordinates (no XML library on the hooks' class path; POMs are plain enough).
    def parents = poms.collect { (it.text =~ /(?s)<parent>(.*?)<\/parent>/).with { m -> m.find() ? m.group(1) : null } }.findAll { it }
            .collect { block -> ['groupId', 'artifactId', 'version'].collect { tag -> (block =~ "<${tag}>\\s*([^<\\s]+)\\s*</${tag}>")[0][1] } }
            .findAll { seen.add(it.join(':')) }
    poms = parents.collect { fetch(pathOf(it[0], it[1], it[2], 'pom')) }
}

def zip = { String group, String artifact, String top, List<String> entries ->
    def file = new File(repo, pathOf(group, artifact, version, 'zip'))
    file.parentFile.mkdirs()
    new ZipOutputStream(new FileOutputStream(file)).withCloseable { out ->
        (["${top}/"] + entries.collect { "${top}/${it}" }).each { name ->
            out.putNextEntry(new ZipEntry(name))
            if (!name.endsWith('/')) out.write("${artifact} ${name}\n".bytes)
            out.closeEntry()
        }
    }
    new File(file.path + '.sha1').text = sha1(file.bytes)
}
zip('io.gravitee.gateway.standalone', 'gravitee-gateway-standalone-distribution-zip', "gravitee-gateway-standalone-${version}",
        ['bin/gravitee', 'bin/gravitee.bat', 'config/gravitee.yml', "lib/gravitee-gateway-standalone-bootstrap-${version}.jar", 'plugins/'])
zip('io.gravitee.rest.api.standalone.distribution', 'gravitee-rest-api-standalone-distribution-zip', "gravitee-rest-api-standalone-${version}",
        ['bin/gravitee', 'config/gravitee.yml', "lib/gravitee-rest-api-standalone-bootstrap-${version}.jar", 'plugins/'])
zip('io.gravitee.management', 'gravitee-management-webui', "gravitee-management-webui-${version}", ['index.html', 'constants.json', 'assets/logo.svg'])
zip('io.gravitee.portal', 'gravitee-portal-webui', "gravitee-portal-webui-${version}", ['index.html', 'assets/config.json'])

new File(basedir, 'release.json').bytes = up("shared/fixtures/gravitee/history/release-${version}.json").bytes

def s3 = new S3Peer(new File(basedir, 's3').toPath(), new PeerCredentials('gio-it', 'gio-it-secret-0123456789'))
s3.start()
System.properties.put('gio.it.s3', s3)
new File(basedir, '.mvn').mkdirs()
new File(basedir, '.mvn/maven.config').text = [
        "-Dgio.bundle.endpoint=${s3.url()}", "-Dgio.bundle.bucket=${s3.bucket()}", '-Dgio.bundle.prefix=graviteeio-apim',
        '-Dgio.bundle.serverId=gio-it-s3', "-Dgio.bundle.sourceRepository=local::${repo.toURI()}",
        "-Dgio.bundle.distributionMap=${up('quickstart/distribution-map-apim3.json')}"].join('\n') + '\n'
return true

// A real S3 server (S3Proxy, in this script's JVM for the whole IT; verify.groovy stops it), a private Maven
// repository holding the released component zips, a released manifest, a distribution map and a retention policy.
import io.gravitee.release.gio.sandbox.PeerCredentials
import io.gravitee.release.gio.sandbox.s3.S3Peer
import java.util.zip.ZipEntry
import java.util.zip.ZipOutputStream

def s3 = new S3Peer(new File(basedir, 's3').toPath(), new PeerCredentials('gio-it', 'gio-it-secret-0123456789'))
s3.start()
System.properties.put('gio.it.s3', s3)

def zip = { File file, String top ->
    file.parentFile.mkdirs()
    new ZipOutputStream(new FileOutputStream(file)).withCloseable { out ->
        out.putNextEntry(new ZipEntry("${top}/README.txt")); out.write("${top}\n".bytes); out.closeEntry()
        out.putNextEntry(new ZipEntry("${top}/lib/${top}.jar")); out.write(new byte[2048]); out.closeEntry()
    }
    // gio-bundle:package refuses a zip served without checksums, as a repository manager serves them.
    new File(file.path + '.sha1').text = java.security.MessageDigest.getInstance('SHA-1').digest(file.bytes).encodeHex().toString()
}
def repo = new File(basedir, 'repo')
zip(new File(repo, 'io/gravitee/sample/sample-gateway/1.0.0/sample-gateway-1.0.0.zip'), 'sample-gateway-1.0.0')
zip(new File(repo, 'io/gravitee/sample/sample-policy-x/2.3.0/sample-policy-x-2.3.0.zip'), 'sample-policy-x-2.3.0')

new File(basedir, 'release.json').text = '''{
    "name": "Sample",
    "version": "1.0.0",
    "components": [
        {"name": "sample-common", "version": "1.4.0", "since": "1.0.0"},
        {"name": "sample-policy-x", "version": "2.3.0", "since": "1.0.0"},
        {"name": "sample-gateway", "version": "1.0.0", "since": "1.0.0"}
    ],
    "buildDependencies": [["sample-common"], ["sample-policy-x"], ["sample-gateway"]]
}'''
new File(basedir, 'distribution-map.json').text = '''{
    "product": "sample-full",
    "runtimes": [{"component": "sample-gateway", "coordinates": "io.gravitee.sample:sample-gateway", "directory": "sample-gateway", "plugins": true}],
    "plugins": [{"prefix": "sample-policy-", "type": "policies", "groupId": "io.gravitee.sample"}]
}'''
new File(basedir, 'policy.json').text = '{"releases": {"supportMonths": 12}, "nightly": {"directory": "nightly", "keep": 2}}'

new File(basedir, '.mvn').mkdirs()
new File(basedir, '.mvn/maven.config').text = [
        "-Dgio.bundle.endpoint=${s3.url()}", "-Dgio.bundle.bucket=${s3.bucket()}", '-Dgio.bundle.prefix=site',
        '-Dgio.bundle.serverId=gio-it-s3', "-Dgio.bundle.sourceRepository=local::${repo.toURI()}",
        "-Dgio.bundle.distributionMap=${new File(basedir, 'distribution-map.json')}",
        "-Dgio.bundle.policy=${new File(basedir, 'policy.json')}"].join('\n') + '\n'
return true

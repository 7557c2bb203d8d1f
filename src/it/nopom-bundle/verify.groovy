import java.security.MessageDigest

try {
    def log = new File(basedir, 'build.log').text
    def plans = (log =~ /Plan for gio-downloads\/site \(release\): (\d+) file\(s\) to upload/).collect { it[1] as int }
    assert plans.size() == 2 : "two uploads ran: ${plans}"
    assert plans[0] > 0 && plans[1] == 0 : "the second upload writes nothing: ${plans}"
    assert !log.contains('gio-it-secret-0123456789') : 'the secret never appears in the log'

    // S3Proxy's filesystem backend keeps each object as a file: what a download would get.
    def site = new File(basedir, 's3/gio-downloads/site')
    def full = new File(site, 'distributions/sample-full-1.0.0.zip')
    assert full.isFile()
    def sha1 = MessageDigest.getInstance('SHA-1').digest(full.bytes).encodeHex().toString()
    assert new File(site, 'distributions/sample-full-1.0.0.zip.sha1').text.trim() == "${sha1}  sample-full-1.0.0.zip"
    assert new File(site, 'components/sample-gateway/sample-gateway-1.0.0.zip').isFile()
    assert new File(site, 'plugins/policies/sample-policy-x/sample-policy-x-2.3.0.zip').isFile()
    ['', 'distributions/', 'components/', 'plugins/policies/'].each { assert new File(site, it + 'index.html').isFile() : it }
    assert new File(basedir, 'target/gio/upload-report.md').isFile()
    assert log.contains('Retention: nothing to delete in gio-downloads/site') : 'prune printed its plan'
    return true
} finally {
    System.properties.remove('gio.it.s3')?.stop()
}

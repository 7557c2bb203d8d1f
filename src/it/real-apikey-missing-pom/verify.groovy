def log = new File(basedir, 'build.log').text
assert log.contains('lacks 1 released POM(s); nothing was staged')
assert log.contains('io/gravitee/policy/gravitee-policy-apikey/2.3.0/gravitee-policy-apikey-2.3.0.pom')
assert !new File(basedir, 'target/gio-staging/files/io/gravitee/policy/gravitee-policy-apikey/2.3.0/gravitee-policy-apikey-2.3.0.pom').exists(),
        'the work tree\'s pom.xml is not taken for the deployed POM'
return true

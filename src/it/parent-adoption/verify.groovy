def log = new File(basedir, 'build.log').text
assert log.contains('gio-release:0.1.0-SNAPSHOT:help') || log.contains('gio-release:') : 'gio-release prefix resolved'
['gio-release', 'gio-staging', 'gio-bundle'].each { prefix ->
    assert log.contains("--- ${prefix}:") : "${prefix} ran through the profile of gio-parent"
}
assert log.contains('No plugin found for prefix \'gio-staging\''): 'without the profile the prefix is unknown'
return true

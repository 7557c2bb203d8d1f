def log = new File(basedir, 'build.log').text
['gio-release', 'gio-staging', 'gio-bundle'].each { prefix ->
    assert log.contains("This plugin has") : "help of ${prefix} printed no goal list"
    assert log.contains("${prefix}:help") : "help of ${prefix} did not list its help goal"
}
return true

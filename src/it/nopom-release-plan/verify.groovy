import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('10 component(s) to release in 6 of 12 wave(s)')
assert log.contains('wave 1: gravitee-common 1.20.2 (branch 1.20.x)')
assert log.contains('gravitee-cockpit-api')

def plan = new JsonSlurper().parse(new File(basedir, 'target/gio/release-plan.json'))
assert plan.version == '3.8.7-SNAPSHOT'
assert plan.waves.size() == 12
assert plan.waves[0] == ['gravitee-common']
assert plan.waves[2] == []
return true

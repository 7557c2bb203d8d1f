// The pipeline's end-to-end crash test. Three runs of the whole pipeline over the same product, each with peers of
// its own (generated git remotes, its own release repository in one real Nexus 3, a Nexus 2 emulator, an S3 bucket):
//   uninterrupted      - the reference;
//   killed-in-release  - kill -9 of gio-release:release (and the component builds it forked) as soon as a wave-2
//                        component's POM reached Nexus 3: mid-wave and mid-deploy; the release is then run again;
//   killed-in-staging  - kill -9 of gio-staging:stage-all once two components were released on Nexus 2; run again.
// Each killed run must converge to exactly what the uninterrupted run left: the same refs (content and message) on
// every remote, the same files in the private repository, every file released on Nexus 2 exactly once, the same
// objects in the bucket.
import io.gravitee.release.gio.sandbox.fixture.FixtureOptions
import io.gravitee.release.gio.sandbox.fixture.FixtureOptions.VersionStyle
import io.gravitee.release.gio.sandbox.maven.Nexus3Peer
import io.gravitee.release.gio.sandbox.pipeline.KillPoint
import io.gravitee.release.gio.sandbox.pipeline.Pipeline

if (System.getProperty('gio.nexus3.dir') == null) {
    System.setProperty('gio.nexus3.dir', new File(basedir, '../../nexus3-its').canonicalPath)
}
def nexus3 = Nexus3Peer.shared()
def fixture = FixtureOptions.defaults().withReleaseProfile()
        .withDistribution('sample-gateway').withDistribution('sample-policy-ratelimit').withDistribution('sample-policy-jwt')
        .withDependency('sample-policy-ratelimit', 'sample-common', VersionStyle.PROPERTY)
        .withDependency('sample-policy-ratelimit', 'sample-policy-api', VersionStyle.INLINE)
        .withDependency('sample-policy-jwt', 'sample-policy-api', VersionStyle.PROPERTY)
        .withDependency('sample-gateway', 'sample-common', VersionStyle.PROPERTY)
def runs = new File(basedir, 'runs')
runs.deleteDir() // a previous invocation's runs, when target/ was not cleaned

def pipeline = { String name, Optional<KillPoint> kill ->
    def config = new Pipeline.Config(name, new File(runs, name).toPath(), new File(basedir, 'release.json').toPath(),
            fixture, new File(basedir, 'distribution-map.json').toPath(), gioVersion,
            new File(localRepositoryPath.toString()).toPath(), new File(outerLocalRepository).toURI().toString(), nexus3)
    println "== pipeline '${name}'" + kill.map { " (kill -9 during ${it})" }.orElse(' (uninterrupted)')
    def run = Pipeline.prepare(config)
    try {
        def steps = run.run(kill)
        steps.each { s ->
            println "   ${s.step().goal()}: exit ${s.attempt().exitCode()}${s.attempt().killed() ? ' (killed)' : ''}" +
                    s.rerun().map { r -> ", re-run exit ${r.exitCode()}" }.orElse('') + " - ${s.last().log()}"
        }
        steps.each { s ->
            assert s.last().succeeded(): "${name}: ${s.step().goal()} failed, see ${s.last().log()}:\n" + s.last().log().toFile().text.readLines().takeRight(40).join('\n')
        }
        assert steps.size() == 4: "${name}: the pipeline stopped after ${steps*.step()}"
        kill.ifPresent { k ->
            def killed = steps.find { it.step() == k.step() }
            assert killed.attempt().killed(): "${name}: ${k.step().goal()} finished before the kill point (${k}) was reached"
            def rerun = killed.rerun().get().log().toFile().text
            assert rerun.contains('Took over the expired lease'): "${name}: the re-run did not take the dead run's lease over"
        }
        def state = run.state()
        println "   left: ${state.summary()}"
        return state
    } finally {
        run.close()
    }
}

def reference = pipeline('uninterrupted', Optional.empty())
// The reference itself is a whole release: every component tagged, the product tagged, artifacts everywhere.
['sample-common': '1.4.0', 'sample-policy-api': '1.1.0', 'sample-policy-ratelimit': '2.0.0',
 'sample-policy-jwt': '2.1.0', 'sample-gateway': '3.2.0'].each { component, version ->
    assert reference.refs().containsKey("${component}:refs/tags/${version}".toString()): "no tag ${version} on ${component}"
    def jar = "io/gravitee/sample/${component}/${version}/${component}-${version}.jar".toString()
    assert reference.privateFiles().contains(jar): "${jar} is not in the private repository"
    assert reference.releasedFiles().contains(jar + '.asc'): "${jar}.asc was not released on Nexus 2"
}
assert reference.refs().containsKey('release:refs/tags/3.2.0'): 'the product was not tagged'
assert reference.refs().containsKey('release:refs/tags/3.2.0_START'): 'the release start was not tagged'
assert reference.releasedFiles().size() == reference.releasedFiles().toSet().size(): 'a file was released twice'
['pipeline-apim/distributions/pipeline-apim-full-3.2.0.zip', 'pipeline-apim/components/sample-gateway/sample-gateway-3.2.0.zip',
 'pipeline-apim/plugins/policies/sample-policy-jwt/sample-policy-jwt-2.1.0.zip', 'pipeline-apim/index.html'].each { key ->
    assert reference.bucketKeys().contains(key): "${key} is not in the bucket"
}
assert !reference.refs().keySet().any { it.contains('refs/gio/locks/') }: 'a lease was left behind'

[KillPoint.releaseWhenDeployed('sample-policy-jwt'), KillPoint.stagingWhenReleased(2)].eachWithIndex { kill, i ->
    def state = pipeline(i == 0 ? 'killed-in-release' : 'killed-in-staging', Optional.of(kill))
    def differences = state.differences(reference)
    assert differences.isEmpty(): "after a kill -9 during ${kill}, the pipeline did not converge:\n  " + differences.join('\n  ')
}
return true

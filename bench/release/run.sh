#!/usr/bin/env bash
# Benchmark of gio-release (issue 3); prints figures, asserts nothing.
#  (a) orchestration overhead: a generated product of 20 trivial components in 5 waves (each
#      component depends on one of the previous wave), released with gio-release:release. The
#      overhead is the wall time beyond the builds on the critical path: for each wave, its longest
#      component build (all components of a wave run at once, -Dgio.threads=4). Target: <= 10%.
#  (b) a no-op re-run of the finished Gravitee 3.8.7 release (78 components, 10 of them released
#      by the run before): whole-process time and remote writes. Target: <= 5 s, zero writes.
# Local only: git remotes on disk and a file deploy repository, so nothing here needs a network.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
work="$root/bench/target/release"
gio="io.gravitee.release:gio-release-maven-plugin:0.1.0-SNAPSHOT"
echo "== building gio"
./mvnw -B -q install -DskipTests -Dinvoker.skip
rm -rf "$work" && mkdir -p "$work"

refs_digest() { # every ref of every remote under $1, hashed: equal digests mean nothing was written
  for r in "$1"/*.git; do git --git-dir="$r" for-each-ref --format="$(basename "$r") %(refname) %(objectname)"; done | sha1sum | cut -c1-12
}

release_product() { # $1 = product dir holding release.json; $2 = extra --depends
  local dir=$1
  java -jar gio-sandbox/target/gio-sandbox.jar fixture --manifest "$dir/release.json" --dir "$dir" ${2:+--depends "$2"} >/dev/null
  git clone -q "$dir/git/release.git" "$dir/checkout"
  mkdir -p "$dir/deploy"
}

run_release() { # $1 = product dir; prints elapsed seconds
  local dir=$1 start end
  start=$(date +%s.%N)
  (cd "$dir/checkout" && "$root/mvnw" -B -q "$gio:release" -Dgio.threads=4 \
      -Dgio.scm.urlTemplate="file://$dir/git/{name}.git" -Dgio.release.deployRepository="bench::file://$dir/deploy" \
      > "$dir/release-$(date +%s%N).log" 2>&1)
  end=$(date +%s.%N)
  python3 -c "print(f'{$end - $start:.2f}')"
}

echo "== (a) orchestration overhead: 20 components in 5 waves"
a="$work/overhead"; mkdir -p "$a"
depends=$(python3 - "$a/release.json" <<'PY'
import json, sys
waves = [[f"comp-{w}-{i}" for i in range(4)] for w in range(5)]
components = [{"name": n, "version": f"1.{w}.1-SNAPSHOT"} for w, wave in enumerate(waves) for n in wave]
json.dump({"name": "Bench", "version": "1.0.1-SNAPSHOT", "components": components, "buildDependencies": waves},
          open(sys.argv[1], "w"), indent=4)
print(",".join(f"{waves[w][i]}={waves[w-1][i]}" for w in range(1, 5) for i in range(4)))
PY
)
release_product "$a" "$depends"
wall=$(run_release "$a")
python3 - "$a/checkout/target/gio/release-report.json" "$wall" <<'PY'
import json, sys
report = json.load(open(sys.argv[1])); wall = float(sys.argv[2])
waves = {}
for c in report["components"]:
    waves.setdefault(c["wave"], []).append(c["buildSeconds"])
critical = sum(max(v) for v in waves.values())
builds = sum(sum(v) for v in waves.values())
print(f"components released: {sum(1 for c in report['components'] if c['state'] == 'RELEASED')} of {len(report['components'])}")
print(f"wall time (whole mvn process): {wall:.1f} s")
print(f"builds on the critical path:   {critical:.1f} s   (sum of all builds: {builds:.1f} s)")
print(f"orchestration overhead:        {wall - critical:.1f} s = {100 * (wall - critical) / critical:.1f}%   (target <= 10%)")
PY

echo "== (b) no-op re-run of the finished 3.8.7 release"
b="$work/noop"; mkdir -p "$b"
cp gio-core/src/test/resources/fixtures/gravitee/release-3.8.7_START.json "$b/release.json"
release_product "$b" ""
first=$(run_release "$b")
before=$(refs_digest "$b/git")
second=$(run_release "$b")
after=$(refs_digest "$b/git")
echo "first run (10 components released): ${first} s"
echo "no-op re-run:                       ${second} s   (target <= 5 s)"
if [ "$before" = "$after" ]; then echo "remote writes during the re-run:    0"; else echo "remote writes during the re-run:    SOME (refs changed: $before -> $after)"; fi

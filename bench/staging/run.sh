#!/usr/bin/env bash
# Benchmark of gio-staging (issues 4 and 5); prints figures, asserts nothing. Every transfer goes through
# ../shared/bench/wanproxy.py (40 ms RTT, 100 Mbit/s shared by all connections) in front of the Nexus 2 emulator,
# which runs in its own JVM (bench main in gio-staging's test classes), as gio and NSMP each run in theirs.
#  (a) issue 4: one component of 40 modules (jar 2 MB, sources and javadoc 512 KB, pom; each with a real .asc,
#      .sha1, .md5, and the .asc's .sha1/.md5 that Central requires: 960 files, ~120 MB), released with gio
#      (stage-all of a one-component product: clone at tag, resolve, validate, open, upload, close, release) vs
#      nexus-staging-maven-plugin:1.7.0 deploy-staged-repository of the same files (open, upload, close) then
#      rc-release (release), as Gravitee staged; each tool on a fresh server. Also printed: deploy-staged-repository
#      alone, which does not release (the figure stops 13 and 14 compared with, believing it did).
#  (b) issue 5: 10 components of 4 modules (~12 MB each), close and release taking 5 s each on the server:
#      gio stage-all (components in parallel) vs NSMP run once per component in sequence (deploy-staged-repository
#      and rc-release each).
#  (c) issue 4's memory target: one component of 40 modules of ~27 MB (~1.1 GB) staged by gio through the same link
#      (about 95 s): its peak RSS, to hold under 512 MB.
# gio runs as users run it, `mvn gio-staging:stage-all` in the product's release checkout (so it pays Maven's start, as
# NSMP does); GIO_MAVEN_OPTS adds JVM options to gio's Maven only (a flight recording, say); GIO_VIA=main runs the same
# service from a bare JVM (the bench main), to profile gio without Maven. Both tools log with timestamps;
# bench/staging/phases.py bench/target/staging/a*-gio.log prints where each gio run spent its time.
# CASES="a b c" (the default) chooses the cases (CASE_C=0 still leaves (c) out); RUNS=N repeats (a), each run on a
# fresh copy of the product and a fresh server, NSMP then gio, and prints every run and the medians: on 2 cores
# shared by the tools, the server and the proxy, one run varies by about a second. GIO_ONLY=1 leaves NSMP out of (a)
# (to profile gio: the figures are then gio's alone).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
proxy="$root/../shared/bench/wanproxy.py"
if [ ! -f "$proxy" ]; then
  echo "error: $proxy is missing: this benchmark needs the shared WAN proxy (../shared/bench/wanproxy.py from the repository root)" >&2
  exit 1
fi
work="$root/bench/target/staging"
rm -rf "$work" && mkdir -p "$work"
echo "== building gio-staging's test classes and installing the plugin (for mvn gio-staging:stage-all)"
./mvnw -B -q -pl gio-staging-maven-plugin -am test-compile dependency:build-classpath -Dinvoker.skip \
    -Dmdep.outputFile="$work/cp.txt" -DincludeScope=test > "$work/build.log" 2>&1 \
    || { tail -40 "$work/build.log" >&2; echo "error: the build failed (whole log: $work/build.log)" >&2; exit 1; }
cp="$root/gio-staging-maven-plugin/target/test-classes:$root/gio-staging-maven-plugin/target/classes:$(cat "$work/cp.txt")"
# With GIO_VIA=main, gio runs on the plugin's runtime class path, as Maven gives it to the plugin (includeScope is the
# user property), plus the bench's classes and the sandbox's (the product fixture's); the test class path (~200 jars:
# emulators, S3Proxy, the cloud SDKs) would only slow its start.
# (-am: gio's own modules come from the reactor, not from whatever ~/.m2 holds; each module writes the file in turn
# and the plugin, last, writes it last.)
./mvnw -B -q -pl gio-staging-maven-plugin -am compile dependency:build-classpath -Dinvoker.skip \
    -Dmdep.outputFile="$work/gio-cp.txt" -DincludeScope=runtime >> "$work/build.log" 2>&1 \
    || { tail -40 "$work/build.log" >&2; echo "error: the build failed (whole log: $work/build.log)" >&2; exit 1; }
gio_cp="$root/gio-staging-maven-plugin/target/test-classes:$root/gio-staging-maven-plugin/target/classes:$root/gio-sandbox/target/classes:$(cat "$work/gio-cp.txt")"
./mvnw -B -q -o -pl gio-staging-maven-plugin -am install -DskipTests -Dinvoker.skip >> "$work/build.log" 2>&1 \
    || { tail -40 "$work/build.log" >&2; echo "error: installing the plugin failed (whole log: $work/build.log)" >&2; exit 1; }
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)
gio() { # $1 = product dir, $2 = components at once, $3 = transfers per component
  if [ "${GIO_VIA:-maven}" = main ]; then
    java -cp "$gio_cp" io.gravitee.release.gio.staging.StagingBench stage-all "$1" "$proxy_url" "$2" "$3"
  else
    (cd "$1/checkout" && MAVEN_OPTS="$MAVEN_OPTS ${GIO_MAVEN_OPTS:-}" "$root/mvnw" -B -s "$work/settings.xml" \
        "io.gravitee.release:gio-staging-maven-plugin:$version:stage-all" -Dgio.scm.urlTemplate="file://$1/git/{name}.git" \
        -Dgio.threads="$2" -Dgio.staging.transferThreads="$3" -Dgio.staging.sourceRepository="private::file://$1/private-repo" \
        -Dgio.staging.url="$proxy_url" -Dgio.staging.serverId=gio-nexus2 \
        -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS)
  fi
}
bench() { java -cp "$cp" io.gravitee.release.gio.staging.StagingBench "$@"; }
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

start_nexus() { # $1 = transition ms, $2 = name; sets nexus_url and proxy_url
  rm -f "$work/$2.url" "$work/$2.proxy"
  # java itself in the background, not the bench function: $! is then the server's pid, and stopping it stops the server
  # (through a function, a subshell's pid was stopped and the server JVM outlived the bench).
  java -cp "$cp" io.gravitee.release.gio.staging.StagingBench server "$1" "$work/$2.url" > "$work/$2-server.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 300); do [ -s "$work/$2.url" ] && break; sleep 0.1; done
  nexus_url=$(cat "$work/$2.url")
  local port=${nexus_url##*:}; port=${port%%/*}
  python3 "$proxy" --listen-port 0 --target "127.0.0.1:$port" --rtt-ms 40 --mbit 100 > "$work/$2.proxy" 2>&1 & pids+=($!)
  for _ in $(seq 1 100); do grep -q READY "$work/$2.proxy" 2>/dev/null && break; sleep 0.1; done
  proxy_url="http://127.0.0.1:$(awk '/READY/ {print $2}' "$work/$2.proxy")"
}

cat > "$work/settings.xml" <<XML
<settings><servers><server><id>gio-nexus2</id><username>deployment</username><password>deployment123</password></server></servers></settings>
XML
mkdir -p "$work/nsmp"
export MAVEN_OPTS="--add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/java.util=ALL-UNNAMED --add-opens java.base/java.text=ALL-UNNAMED --add-opens java.desktop/java.awt.font=ALL-UNNAMED"
# How Gravitee staged with NSMP (and how the sandbox's NexusStagingMavenPluginTest drives it): deploy-staged-repository
# opens, uploads and closes; rc-release then publishes the closed repository, a second Maven run (deploy-staged-
# repository does not release, autoReleaseAfterClose or not). gio's stage-all does all of it in one run.
nsmp_deploy() { # $1 = image dir; prints nothing, fails loudly
  (cd "$work/nsmp" && "$root/mvnw" -B -s "$work/settings.xml" \
      org.sonatype.plugins:nexus-staging-maven-plugin:1.7.0:deploy-staged-repository -DnexusUrl="$proxy_url" \
      -DserverId=gio-nexus2 -DstagingProfileId=12a3b4c5d6e7f8 -DrepositoryDirectory="$1" \
      -DstagingProgressPauseDurationSeconds=1 -Dorg.slf4j.simpleLogger.showDateTime=true \
      -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS >> "$work/nsmp.log" 2>&1) || { echo "NSMP failed: see $work/nsmp.log" >&2; exit 1; }
}
nsmp_release() { # releases the repository the last nsmp_deploy created
  local repo
  repo=$(grep -o 'Created staging repository with ID "[^"]*"' "$work/nsmp.log" | tail -1 | cut -d'"' -f2)
  (cd "$work/nsmp" && "$root/mvnw" -B -s "$work/settings.xml" \
      org.sonatype.plugins:nexus-staging-maven-plugin:1.7.0:rc-release -DnexusUrl="$proxy_url" -DserverId=gio-nexus2 \
      -DstagingRepositoryId="$repo" -DstagingProgressPauseDurationSeconds=1 -Dorg.slf4j.simpleLogger.showDateTime=true \
      -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS >> "$work/nsmp.log" 2>&1) || { echo "NSMP release failed: see $work/nsmp.log" >&2; exit 1; }
}
nsmp() { nsmp_deploy "$1" && nsmp_release; }
timed() { # $1 = label; runs the rest (a command, not a function); appends "label seconds rss_kb" to $work/times
  local label=$1; shift
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$work/$label.rss" "$@"
  end=$(date +%s.%N)
  echo "$label $(python3 -c "print(f'{$end - $start:.2f}')") $(tail -1 "$work/$label.rss")" >> "$work/times"
}

cases=${CASES:-a b c}
[ "${CASE_C:-1}" = 0 ] && cases=${cases//c/}
has() { [[ " $cases " == *" $1 "* ]]; }
stop_nexus() { cleanup; pids=(); }
export -f nsmp nsmp_deploy nsmp_release gio; export work root gio_cp version

if has a; then
  echo "== (a) one component of 40 modules, ${RUNS:-1} run(s)"
  for run in $(seq 1 "${RUNS:-1}"); do
    # A product of its own per run (its git remotes hold absolute paths and gio's run writes into them).
    rm -rf "$work/a" && bench generate "$work/a" 1 40 2097152 > "$work/generate-a.log" && sync
    # Each tool publishes the same coordinates, so each has a fresh server of its own (on one server, the second would
    # find them published).
    if [ "${GIO_ONLY:-0}" != 1 ]; then
      start_nexus 300 a
      export proxy_url
      timed "a$run-nsmpdeploy" bash -c 'nsmp_deploy "$0"' "$work/a/images/comp-0"
      timed "a$run-nsmprelease" bash -c 'nsmp_release'
      stop_nexus
    fi
    start_nexus 300 a
    export proxy_url
    timed "a$run-gio" bash -c 'gio "$0" 1 8' "$work/a" > "$work/a$run-gio.log" 2>&1
    cp "$work/a$run-gio.log" "$work/a-gio.log"
    stop_nexus
  done
fi
if has b; then
  echo "== (b) 10 components, close and release 5 s each"
  bench generate "$work/b" 10 4 2097152 > "$work/generate-b.log"
  start_nexus 5000 b
  export proxy_url
  timed b-nsmp bash -c 'for i in $(seq 0 9); do nsmp "$work/b/images/comp-$i"; done'
  stop_nexus
  start_nexus 5000 b
  export proxy_url
  timed b-gio bash -c 'gio "$0" 10 4' "$work/b" > "$work/b-gio.log" 2>&1
  stop_nexus
fi
if has c; then
  echo "== (c) one component of ~1.1 GB, gio only: peak RSS"
  bench generate "$work/c" 1 40 18350080 > "$work/generate-c.log"
  start_nexus 300 c
  export proxy_url
  timed c-gio bash -c 'gio "$0" 1 8' "$work/c" > "$work/c-gio.log" 2>&1
fi

python3 - "$work" <<'PY'
import json, os, statistics, sys
work = sys.argv[1]
t = {l.split()[0]: (float(l.split()[1]), int(l.split()[2])) for l in open(os.path.join(work, "times"))}
for k in [k for k in t if k.endswith("-nsmpdeploy")]:  # NSMP's two runs make one publication
    r = k[:-len("-nsmpdeploy")]
    d, rel = t[k], t[r + "-nsmprelease"]
    t[r + "-nsmp"] = (d[0] + rel[0], max(d[1], rel[1]))
runs = sorted({k[1:k.index("-")] for k in t if k.startswith("a") and k[1].isdigit()}, key=int)
if runs:
    for tool in ("nsmp", "gio"):
        if f"a{runs[0]}-{tool}" not in t:
            continue
        times = [t[f"a{r}-{tool}"][0] for r in runs]
        t["a-" + tool] = (statistics.median(times), max(t[f"a{r}-{tool}"][1] for r in runs))
        if len(runs) > 1:
            print(f"(a) {tool} runs: " + " ".join(f"{x:.1f}" for x in times) + f" s, median {statistics.median(times):.1f} s")
    if f"a{runs[0]}-nsmpdeploy" in t:
        deploys = [t[f"a{r}-nsmpdeploy"][0] for r in runs]
        print("(a) NSMP's deploy-staged-repository alone (open, upload, close; no release): " + " ".join(
            f"{x:.1f}" for x in deploys) + f" s; gio/that: " + " ".join(
            f"{t[f'a{r}-gio'][0] / t[f'a{r}-nsmpdeploy'][0]:.2f}" for r in runs))
    if len(runs) > 1 and "a-nsmp" in t:
        print("(a) gio/NSMP per run: " + " ".join(f"{t[f'a{r}-gio'][0] / t[f'a{r}-nsmp'][0]:.2f}" for r in runs))
def files(d):
    n = b = 0
    for r, _, fs in os.walk(d):
        for f in fs:
            n += 1; b += os.path.getsize(os.path.join(r, f))
    return n, b
rate = 100e6 / 8; rtt = 0.040
for case, image, threads in (("a", "a/images", 8), ("b", "b/images", 4)):
    if case + "-gio" not in t or case + "-nsmp" not in t:
        continue
    n, b = files(os.path.join(work, image))
    gio, gio_rss = t[case + "-gio"]; nsmp, nsmp_rss = t[case + "-nsmp"]
    floor = b / rate + n * rtt / threads
    print(f"({case}) {n} files, {b / 1e6:.1f} MB uploaded by each tool")
    print(f"    NSMP  {nsmp:7.1f} s   peak RSS {nsmp_rss / 1024:.0f} MB")
    print(f"    gio   {gio:7.1f} s   peak RSS {gio_rss / 1024:.0f} MB   gio/NSMP = {gio / nsmp:.2f}   NSMP/gio = {nsmp / gio:.1f}x")
    print(f"    floor {floor:7.1f} s   (bytes / 100 Mbit/s + {n} requests x 40 ms / {threads})   gio/floor = {gio / floor:.2f}")
if "c-gio" in t:
    n, b = files(os.path.join(work, "c/images"))
    gio, gio_rss = t["c-gio"]
    print(f"(c) {n} files, {b / 1e9:.2f} GB staged by gio in {gio:.1f} s: peak RSS {gio_rss / 1024:.0f} MB (target <= 512 MB)")
PY

#!/usr/bin/env bash
# gio Quick start: builds the suite, starts the embedded sandbox (git remotes, a real Nexus 3 as the private
# repository, S3 via S3Proxy, the Nexus 2 staging emulator), generates a sample product
# (quickstart/release.json: 7 components in 3 waves with real dependencies and zip distributions) and runs
#   gio-release:release -> gio-staging:stage-all -> gio-bundle:package -> gio-bundle:upload
# then stops the sandbox and says what each step did and where the download site is.
# Running it again resumes: every step finds its work done and says so. Start afresh with: rm -rf target/quickstart
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
work="$root/target/quickstart"
sandbox="$work/sandbox"
gio="io.gravitee.release"
version="0.1.0-SNAPSHOT"
mkdir -p "$work"
summary="$work/summary.txt"
: > "$summary"
step() { echo; echo "== $*"; }
note() { echo "$*" | tee -a "$summary"; }

step "1/7 Building gio (./mvnw -B verify runs the tests)"
./mvnw -B -q install -DskipTests -Dinvoker.skip
note "build: gio $version installed in the local Maven repository"

step "2/7 Starting the sandbox in $sandbox (the private repository is a real Nexus 3: about a minute)"
java -jar gio-sandbox/target/gio-sandbox.jar signing-key --dir "$work"
java -jar gio-sandbox/target/gio-sandbox.jar start --dir "$sandbox" --only git,maven,s3,nexus2 > "$work/sandbox.log" 2>&1 &
sandbox_pid=$!
stop_sandbox() {
  if kill -0 "$sandbox_pid" 2>/dev/null; then
    kill -TERM "$sandbox_pid"; wait "$sandbox_pid" 2>/dev/null || true
  fi
}
trap stop_sandbox EXIT
for _ in $(seq 1 600); do
  grep -q "gio sandbox ready" "$work/sandbox.log" 2>/dev/null && break
  kill -0 "$sandbox_pid" 2>/dev/null || { cat "$work/sandbox.log"; echo "the sandbox did not start"; exit 1; }
  sleep 1
done
grep -q "gio sandbox ready" "$work/sandbox.log" || { cat "$work/sandbox.log"; echo "the sandbox did not start in 10 minutes"; exit 1; }
peer() { python3 -c "import json,sys; print(json.load(open('$sandbox/sandbox.json'))['$1']['$2'])"; }
maven_url=$(peer maven url); s3_url=$(peer s3 url); bucket=$(peer s3 bucket); nexus2_url=$(peer nexus2 url)
note "sandbox: running, peers and credentials in $sandbox/sandbox.json, Maven settings in $sandbox/settings.xml"

step "3/7 The sample product's remotes"
if [ ! -d "$sandbox/git/release.git" ]; then
  java -jar gio-sandbox/target/gio-sandbox.jar fixture --manifest quickstart/release.json --dir "$sandbox" \
    --release-ready true \
    --distributions sample-gateway,sample-rest-api,sample-console-ui,sample-policy-ratelimit,sample-policy-jwt \
    --depends sample-policy-ratelimit=sample-common:property,sample-policy-ratelimit=sample-policy-api,sample-policy-jwt=sample-common,sample-policy-jwt=sample-policy-api:property,sample-gateway=sample-common:property,sample-rest-api=sample-common
  note "product: generated 7 component remotes and release.git in $sandbox/git"
else
  note "product: remotes already generated in $sandbox/git"
fi
if [ ! -d "$work/release/.git" ]; then
  git clone -q "file://$sandbox/git/release.git" "$work/release"
else
  git -C "$work/release" pull -q --ff-only
fi

export MAVEN_GPG_KEY MAVEN_GPG_PASSPHRASE
MAVEN_GPG_KEY=$(cat "$work/signing/secret-key.asc")
MAVEN_GPG_PASSPHRASE=$(cat "$work/signing/passphrase")
mvn_in_release() { (cd "$work/release" && "$root/mvnw" -B --no-transfer-progress -s "$sandbox/settings.xml" "$@"); }

step "4/7 gio-release:release (wave by wave, each component built, deployed to Nexus 3, tagged, pushed)"
mvn_in_release "$gio:gio-release-maven-plugin:$version:release" -Dgio.threads=2 \
  -Dgio.scm.urlTemplate="file://$sandbox/git/{name}.git" -Dgio.release.deployRepository="gio-maven::$maven_url" \
  | tee "$work/release.log" | grep -E "^\[(INFO|WARNING|ERROR)\] (Release|Wave|  |Nothing|.*nothing to release|BUILD)" || true
grep -q "BUILD SUCCESS" "$work/release.log" || { echo "the release failed: see $work/release.log"; exit 1; }
product_version=$(git -C "$work/release" tag --list '*.*.*' | grep -v _START | sort -V | tail -1)
note "release: $(grep -c '| RELEASED |' "$work/release/target/gio/release-report.md" || true) component(s) released by this run, product $product_version tagged; report $work/release/target/gio/release-report.md"

step "5/7 gio-staging:stage-all (each released component resolved from Nexus 3, validated, staged and released on Nexus 2)"
mvn_in_release "$gio:gio-staging-maven-plugin:$version:stage-all" -Dgio.threads=2 \
  -Dgio.scm.urlTemplate="file://$sandbox/git/{name}.git" -Dgio.staging.sourceRepository="gio-maven::$maven_url" \
  -Dgio.staging.backend=nexus2 -Dgio.staging.url="$nexus2_url" -Dgio.staging.serverId=gio-nexus2 \
  -Dgio.staging.publicKeyRing="$work/signing/public-key.asc" \
  | tee "$work/stage-all.log" | grep -E "^\[(INFO|WARNING|ERROR)\]" | grep -vE "^\[INFO\] (---|Building|-+|$|Scanning)" || true
grep -q "BUILD SUCCESS" "$work/stage-all.log" || { echo "staging failed: see $work/stage-all.log"; exit 1; }
note "staging: $(grep -c '| PUBLISHED |' "$work/release/target/gio/stage-all-report.md" || true) component(s) published on the Nexus 2 emulator by this run; report $work/release/target/gio/stage-all-report.md"

step "6/7 gio-bundle:package (distribution zips from the released components in Nexus 3)"
git -C "$work/release" show "$product_version:release.json" > "$work/release-$product_version.json"
mvn_in_release "$gio:gio-bundle-maven-plugin:$version:package" -Dgio.manifest="$work/release-$product_version.json" \
  -Dgio.bundle.sourceRepository="gio-maven::$maven_url" -Dgio.bundle.distributionMap="$root/quickstart/distribution-map.json" \
  -Dgio.bundle.output="$work/bundle" | tee "$work/package.log" | grep -E "^\[(INFO|WARNING|ERROR)\]" | grep -vE "^\[INFO\] (---|Building|-+|$)" || true
grep -q "BUILD SUCCESS" "$work/package.log" || { echo "packaging failed: see $work/package.log"; exit 1; }
note "package: $(find "$work/bundle" -name '*.zip' | wc -l) zip(s) in $work/bundle"

step "7/7 gio-bundle:upload (to the S3 bucket serving the download site)"
mvn_in_release "$gio:gio-bundle-maven-plugin:$version:upload" -Dgio.bundle.source="$work/bundle" \
  -Dgio.bundle.endpoint="$s3_url" -Dgio.bundle.bucket="$bucket" -Dgio.bundle.prefix=sample-apim -Dgio.bundle.serverId=gio-s3 \
  | tee "$work/upload.log" | grep -E "^\[(INFO|WARNING|ERROR)\]" | grep -vE "^\[INFO\] (---|Building|-+|$)" || true
grep -q "BUILD SUCCESS" "$work/upload.log" || { echo "the upload failed: see $work/upload.log"; exit 1; }
note "upload: $(grep -oE 'Plan for .*' "$work/upload.log" | head -1)"

stop_sandbox
trap - EXIT
site="$sandbox/s3/$bucket"
echo
echo "== Summary"
cat "$summary"
echo "download site: $site/sample-apim/index.html"
echo "  serve it again with: python3 -m http.server --directory $site 8000  (then open http://127.0.0.1:8000/sample-apim/)"
echo "  the sandbox's data stays in $sandbox; run ./quickstart.sh again to resume (it finds everything done)"

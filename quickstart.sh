#!/usr/bin/env bash
# Quick start: builds the suite and runs what gio can do today on a real Gravitee manifest.
# (It grows into the whole pipeline on the embedded sandbox as the goals land.)
set -euo pipefail
cd "$(dirname "$0")"
work=target/quickstart
echo "== Building gio (unit tests skipped; ./mvnw -B verify runs them)"
./mvnw -B -q install -DskipTests -Dinvoker.skip
rm -rf "$work" && mkdir -p "$work/release"
cp gio-core/src/test/resources/fixtures/gravitee/release-3.8.7_START.json "$work/release/release.json"
echo "== Planning the release of Gravitee 3.8.7 from its real manifest"
(cd "$work/release" && ../../../mvnw -B io.gravitee.release:gio-release-maven-plugin:0.1.0-SNAPSHOT:plan)
echo "== Done: the plan is in $work/release/target/gio/release-plan.json"

#!/usr/bin/env bash
# Renders the index pages gio-bundle generates for a sample download site, serves them on 127.0.0.1 and takes
# a screenshot in headless Chromium, to check that the page reads well without JavaScript.
#
#   bench/bundle/index-screenshot.sh [PAGE]      PAGE relative to the site, default graviteeio-apim/distributions/index.html
#
# Output: bench/target/index-screenshot.png (and the sample site in bench/target/index-site/).
# Needs: python3, Debian's chromium (installed with apt-get if missing). Builds the module's classes if absent.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
TARGET="$ROOT/bench/target"
PAGE=${1:-graviteeio-apim/distributions/index.html}
mkdir -p "$TARGET"

if ! command -v chromium >/dev/null; then
  echo "Installing Debian's chromium..."
  apt-get install -y chromium >/dev/null || { apt-get update >/dev/null && apt-get install -y chromium >/dev/null; }
fi

cd "$ROOT"
if [ ! -d gio-bundle-maven-plugin/target/classes/io ]; then
  ./mvnw -B -q -o -pl gio-bundle-maven-plugin -am compile -Dinvoker.skip
fi
CP_FILE="$TARGET/bundle-classpath.txt"
./mvnw -B -q -o -pl gio-bundle-maven-plugin dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=runtime >/dev/null
CP="gio-bundle-maven-plugin/target/classes:gio-core/target/classes:$(cat "$CP_FILE")"

SITE="$TARGET/index-site"
rm -rf "$SITE"
java -cp "$CP" bench/bundle/src/IndexSample.java "$SITE"

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$SITE" >/dev/null 2>&1 &
SERVER=$!
PROFILE=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null; rm -rf "$PROFILE"' EXIT
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$PORT/" >/dev/null && break; sleep 0.1; done

OUT="$TARGET/index-screenshot.png"
rm -f "$OUT"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$PROFILE" --screenshot="$OUT" --window-size=1200,800 \
  "http://127.0.0.1:$PORT/$PAGE" 2>/dev/null
test -s "$OUT" || { echo "No screenshot written" >&2; exit 1; }
echo "Screenshot of http://127.0.0.1:$PORT/$PAGE: $OUT"

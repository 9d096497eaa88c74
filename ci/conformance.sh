#!/usr/bin/env bash
# Runs the shared black-box conformance suite (recorded on the real Workers runtime) against the CLI jar.
# Needs the suite beside the checkout (../shared/conformance) or at $CONFORMANCE_DIR; pass --only PREFIX to select
# cases.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f miniflare-runtime/target/miniflare.jar ] || mvn -B -q package -DskipTests
suite="${CONFORMANCE_DIR:-../shared/conformance}"
[ -f "$suite/run.py" ] || { echo "conformance suite not found at $suite (set CONFORMANCE_DIR)" >&2; exit 2; }
exec python3 "$suite/run.py" \
  --server "java -jar $PWD/miniflare-runtime/target/miniflare.jar --wrangler-config {config} --port {port} --host 127.0.0.1" "$@"

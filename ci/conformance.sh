#!/usr/bin/env bash
# Runs the shared black-box conformance suite (recorded on the real Workers runtime) against the CLI jar.
# Needs the suite beside the checkout (../shared/conformance) or at $CONFORMANCE_DIR; pass --only PREFIX to select
# cases.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f miniflare-runtime/target/miniflare.jar ] || mvn -B -q package -DskipTests
suite="${CONFORMANCE_DIR:-../shared/conformance}"
[ -f "$suite/run.py" ] || { echo "conformance suite not found at $suite (set CONFORMANCE_DIR)" >&2; exit 2; }
# The suite's own server script passes the case's config first, then each workers/*/wrangler.toml (several
# --wrangler-config, one session), as the server contract's point 3 asks.
export MINIFLARE_JAR="$PWD/miniflare-runtime/target/miniflare.jar"
exec python3 "$suite/run.py" --server "$(cd "$suite" && pwd)/servers/miniflare-java.sh {config} {port}" "$@"

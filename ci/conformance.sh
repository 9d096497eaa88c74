#!/usr/bin/env bash
# Runs the shared black-box conformance suite (recorded on the real Workers runtime) against the CLI jar.
# Needs the suite beside the checkout (../shared/conformance); pass --only PREFIX to select cases.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f miniflare-runtime/target/miniflare.jar ] || mvn -B -q package -DskipTests
exec python3 ../shared/conformance/run.py \
  --server "java -jar $PWD/miniflare-runtime/target/miniflare.jar --wrangler-config {config} --port {port} --host 127.0.0.1" "$@"

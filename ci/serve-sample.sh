#!/usr/bin/env bash
# Builds the CLI jar and serves the sample counter worker on http://127.0.0.1:8787 (Ctrl-C stops it).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q package -DskipTests
exec java -jar miniflare-runtime/target/miniflare.jar --wrangler-config sample-worker-tests/workers/counter/wrangler.toml "$@"

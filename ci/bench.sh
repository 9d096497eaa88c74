#!/usr/bin/env bash
# Prints the benchmark figures of the README (not tests; nothing is asserted):
#   ci/bench.sh runtime [ROUNDS]   in-process dispatch latency/throughput, fresh isolates, Durable Objects
#   ci/bench.sh junit              JUnit suite fixed and marginal costs, default and C1-only JVM flags
#   ci/bench.sh                    both
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
mvn -B -q install -DskipTests
if [ "$what" = runtime ] || [ "$what" = all ]; then
  mvn -B -q -pl miniflare-runtime -Pbench test-compile exec:java -Dexec.args="${2:-5}"
fi
if [ "$what" = junit ] || [ "$what" = all ]; then
  mvn -B -q -pl miniflare-junit -Pbench test-compile exec:exec
fi

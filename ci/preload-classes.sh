#!/usr/bin/env bash
# Regenerates miniflare-runtime's list of GraalJS/Truffle classes that JsEngine loads on a background thread at
# start-up (dev/miniflare/core/preload-classes.txt): the classes a cold JVM loads to run one JUnit test of a
# KV worker, in load order. Run it after changing the GraalJS version (PreloadClassesTest flags a stale list).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q install -DskipTests
mvn -B -q -pl miniflare-junit test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt \
  -Dmdep.includeScope=test
out=miniflare-runtime/src/main/resources/dev/miniflare/core/preload-classes.txt
log=$(mktemp)
root=$(pwd)
cp="$root/miniflare-junit/target/test-classes:$root/miniflare-junit/target/classes:$(cat miniflare-junit/target/cp.txt)"
# the list must not feed itself: record the load order with pre-loading switched off
(cd miniflare-junit && java -Dminiflare.preload=false "-Xlog:class+load:file=$log" -cp "$cp" \
  dev.miniflare.junit.bench.JUnitSuiteBenchmark --once 'dev.miniflare.junit.bench.BenchSuites$PerTest')
# only classes read from jars (not generated at run time: proxies, lambdas, hidden classes)
grep -E ' source: (file|jar):' "$log" | awk '{print $2}' | grep -E '^(com\.oracle\.|org\.graalvm\.)' > "$out"
rm -f "$log"
echo "$(wc -l < "$out") classes -> $out"

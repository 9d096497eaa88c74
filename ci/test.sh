#!/usr/bin/env bash
# The README's test command: builds every module and runs all tests,
# then runs the JUnit extension's tests again against JUnit 6 (the extension supports JUnit 5.13+ and 6),
# then, when the default JDK is older than 21 and a JDK 21+ is installed, the WebAssembly tests on it
# (GraalWasm needs JDK 21; on older JDKs those tests are skipped).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B verify
mvn -B -q -Djunit.version=6.1.3 -pl miniflare-junit,sample-worker-tests -am verify -Dtest='dev.miniflare.junit.**,dev.miniflare.samples.**' -Dsurefire.failIfNoSpecifiedTests=false

feature=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
if [ "${feature%%.*}" -lt 21 ]; then
  newer=""
  for jdk in "${JAVA21_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64; do
    if [ -n "$jdk" ] && [ -x "$jdk/bin/java" ]; then newer=$jdk; break; fi
  done
  if [ -n "$newer" ]; then
    echo "WebAssembly tests on $newer"
    JAVA_HOME="$newer" mvn -B -q -pl miniflare-runtime,sample-worker-tests -am verify \
      -Dtest='dev.miniflare.web.WebAssembly*,dev.miniflare.build.**,dev.miniflare.samples.WasmAppTest' \
      -Dsurefire.failIfNoSpecifiedTests=false
  else
    echo "No JDK 21+ found (set JAVA21_HOME): WebAssembly tests were skipped" >&2
  fi
fi

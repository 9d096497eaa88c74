#!/usr/bin/env bash
# The README's test command: builds every module and runs all tests,
# then runs the JUnit extension's tests again against JUnit 6 (the extension supports JUnit 5.13+ and 6).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B verify
mvn -B -q -Djunit.version=6.1.3 -pl miniflare-junit,sample-worker-tests -am verify -Dtest='dev.miniflare.junit.**,dev.miniflare.samples.**' -Dsurefire.failIfNoSpecifiedTests=false

#!/usr/bin/env bash
# Builds procterm and the benchmark, then measures a fresh server per code system size.
# Usage: bench/run.sh [--sizes 10000,100000,1000000] [--seconds 10] [--warmup 3] [--heap 2g]
# Results: bench/results/results.json and results.md. Needs a JDK 17+ and Maven; nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -ntp -DskipTests package
exec java -Xmx1g -jar bench/target/procterm-bench.jar --out bench/results "$@"

#!/usr/bin/env bash
# Builds procterm and the benchmark, then measures a fresh server per code system size: procterm,
# and stock HAPI FHIR JPA with Lucene (org.procterm.bench.stock) at the sizes it can load in time.
# Usage: bench/run.sh [--sizes 10000,100000,1000000] [--targets procterm,stock-hapi]
#                     [--stock-sizes 10000,100000] [--stock-wait 1200] [--seconds 10] [--warmup 3]
#                     [--heap 1536m] [--stock-heap 4g]
# Results: bench/results/results.json and results.md. Needs a JDK 17+ and Maven; nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -ntp -DskipTests package
exec java -Xmx1g -jar bench/target/procterm-bench.jar --out bench/results "$@"

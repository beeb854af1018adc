#!/usr/bin/env bash
# Runs every contender (limit, component, hand-rolled route; import and export) at 100 MiB and 1 GiB against the
# embedded emulator, each in a JVM capped at -Xmx256m, then the small operations (10-row import/export, preview,
# consumer), and rewrites the README's table and results/chart.png (and results/latest.json).
#   camel-keboola-benchmarks/run.sh [--sizes 100m,1g] [--xmx 256m] [--only limit-export,component-export-stream]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl camel-keboola-benchmarks -am package -DskipTests
module=camel-keboola-benchmarks
mkdir -p "$module/results"
exec java -Djava.awt.headless=true -cp "$module/target/classes:$(cat "$module/target/classpath.txt")" \
  io.github.camelkeboola.benchmarks.BenchmarkMain --report "$module/results/latest.json" \
  --chart "$module/results/chart.png" --readme "$module/README.md" --small "$@"

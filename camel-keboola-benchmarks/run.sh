#!/usr/bin/env bash
# Runs every contender (limit, component, hand-rolled route; import and export) at 100 MiB and 1 GiB against the
# embedded emulator, each in a JVM capped at -Xmx256m, then the small operations (10-row import/export, preview,
# consumer), and rewrites the README's table and results/chart.png (and results/latest.json).
#   camel-keboola-benchmarks/run.sh [--sizes 100m,1g] [--xmx 256m] [--only limit-export,component-export-stream]
# With "workers" first: export and import spread over 1, 2 and 4 worker JVMs through a broker, rewriting the README's
# "Spread over workers" table (and results/workers.json).
#   camel-keboola-benchmarks/run.sh workers [--sizes 100m] [--workers 1,2,4] [--parts 16] [--slice-rows 25000]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl camel-keboola-benchmarks -am package -DskipTests
module=camel-keboola-benchmarks
mkdir -p "$module/results"
classpath="$module/target/classes:$(cat "$module/target/classpath.txt")"
if [[ "${1:-}" == workers ]]; then
  shift
  exec java -cp "$classpath" io.github.camelkeboola.benchmarks.WorkersBenchmark --report "$module/results/workers.json" \
    --readme "$module/README.md" "$@"
fi
exec java -Djava.awt.headless=true -cp "$classpath" \
  io.github.camelkeboola.benchmarks.BenchmarkMain --report "$module/results/latest.json" \
  --chart "$module/results/chart.png" --readme "$module/README.md" --small "$@"

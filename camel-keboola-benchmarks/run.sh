#!/usr/bin/env bash
# Benchmarks table import and export through the component against the embedded emulator, each in a JVM capped at
# -Xmx256m, as ratios to a plain-HTTP baseline measured in the same run.
#   camel-keboola-benchmarks/run.sh [--size 1g] [--xmx 256m] [--report report.json]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl camel-keboola-benchmarks -am package -DskipTests
module=camel-keboola-benchmarks
args=("$@")
[[ " $* " == *" --size "* ]] || args+=(--size 1g)
exec java -cp "$module/target/classes:$(cat "$module/target/classpath.txt")" io.github.camelkeboola.benchmarks.BenchmarkMain "${args[@]}"

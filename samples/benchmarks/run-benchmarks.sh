#!/usr/bin/env bash
# Runs the JMH suite and the generator-speed measurement and writes docs/benchmarks.md (about
# 25 minutes on 2 cores). From anywhere in the repository:
#   samples/benchmarks/run-benchmarks.sh
# Arguments are passed to JMH, e.g. `-p workload=mlp` for one workload (the report then shows
# dashes for the rest). AD4J_SKIP_GENERATOR_SPEED=1 leaves the generator-speed section out;
# AD4J_REPORT_ONLY=1 only rewrites docs/benchmarks.md from the last run's results (after an
# edit of NOTES.md).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
target=$here/target
cd "$root"

# The plugin and ad-core are built from this checkout in the same reactor, then the shaded
# JMH jar (profile jmh) with the generated code compiled in.
mvn -B -q -ntp -Pjmh -pl samples/benchmarks -am package -DskipTests -Dinvoker.skip=true

if [ -z "${AD4J_REPORT_ONLY:-}" ]; then
  cut -d' ' -f1-3 /proc/loadavg > "$target/load-before.txt"
  java -jar "$target/benchmarks.jar" GradientBenchmark -prof gc -rf csv -rff "$target/jmh.csv" "$@"
  cut -d' ' -f1-3 /proc/loadavg > "$target/load-after.txt"

  rm -f "$target/generator-speed.properties"
  if [ -z "${AD4J_SKIP_GENERATOR_SPEED:-}" ]; then
    AD4J_SPEED_RUNS=${AD4J_SPEED_RUNS:-3} AD4J_BENCHMARKS_JAR_BUILT=1 "$here/generator-speed.sh" \
      > "$target/generator-speed.properties"
  fi
fi

mkdir -p docs
java -cp "$target/benchmarks.jar" io.github.ad4j.samples.benchmarks.BenchmarkReport \
  "$target/jmh.csv" "$target/generator-speed.properties" "$here/NOTES.md" docs/benchmarks.md \
  "$(cat "$target/load-before.txt")" "$(cat "$target/load-after.txt")"
echo "wrote docs/benchmarks.md"

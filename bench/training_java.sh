#!/usr/bin/env bash
# Runs a main class of the bench module (training benchmarks, the head comparison, the folder survey)
# with the project's offline DJL/JavaCPP caches, e.g.
#   bench/training_java.sh io.faceflow.training.bench.TrainStepBenchmark iresnet18 64 3 1 100 elastic-arc
# Build first: ./mvnw -o -q -pl bench -am install -DskipTests
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${FACEFLOW_CACHE:-$ROOT/.cache}"
CP_FILE="$ROOT/bench/target/classpath.txt"
if [ ! -f "$CP_FILE" ]; then
  (cd "$ROOT" && ./mvnw -o -q -pl bench dependency:build-classpath -Dmdep.outputFile="$CP_FILE" >/dev/null)
fi
export DJL_CACHE_DIR="${DJL_CACHE_DIR:-$CACHE/djl}"
exec java ${FACEFLOW_JAVA_OPTS:--Xmx6g} -Dorg.bytedeco.javacpp.cachedir="$CACHE/javacpp" -Dai.djl.offline=true \
  -DENGINE_CACHE_DIR="$CACHE/djl" -cp "$ROOT/bench/target/classes:$(cat "$CP_FILE")" "$@"

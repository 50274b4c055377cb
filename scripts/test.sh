#!/usr/bin/env bash
# The whole test suite: unit tests, tests on real faces and video, and integration tests against
# a real Kafka broker (in-JVM KRaft, started by the tests) and a real Milvus (Milvus Lite, started
# by the tests from the Python environment this script prepares), and browser tests in Debian's
# headless Chromium (installed here when missing).
#
# compose.yaml and the k8s/ overlays are validated offline against their schemas with the tools
# scripts/deploy-tools.sh installs (kustomize, kubeconform; once, into .cache).
#
# Real-data tests read FACEFLOW_TESTDATA, FACEFLOW_MODELS and FACEFLOW_VIDEOS; with CI=true a
# missing folder or server fails the run instead of skipping.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
. scripts/java-env.sh

scripts/milvus.sh install
scripts/deploy-tools.sh install
scripts/chromium.sh install
./mvnw -B -ntp verify "$@"

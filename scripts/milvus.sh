#!/usr/bin/env bash
# Milvus without Docker, from PyPI:
#   scripts/milvus.sh install                    prepare both servers' Python environments (once)
#   scripts/milvus.sh lite DIR [PORT]            Milvus Lite as a gRPC server on 127.0.0.1:PORT (default 19530)
#   scripts/milvus.sh standalone DIR [PORT] [--authorization-enabled true]
#                                                the Milvus 2.3 engine (HNSW, sealed segments, users),
#                                                proxy on PORT (default 19530); also takes etcd's 2379
# Milvus Lite starts in a second and is what most tests use; the standalone engine is the real
# server's code path (index builds, segment hand-off, authentication) and has tests of its own.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LITE_VENV="${MILVUS_VENV:-$ROOT/.cache/milvus-venv}"
STANDALONE_VENV="${MILVUS_STANDALONE_VENV:-$ROOT/.cache/milvus-standalone-venv}"
LITE_VERSION=3.2.2
STANDALONE_VERSION=2.3.5

# venv package version [extra packages...]: creates or updates the environment when needed.
ensure() {
  local venv="$1" package="$2" version="$3"
  shift 3
  if [ -x "$venv/bin/pip" ] && [ "$("$venv/bin/pip" show "$package" 2>/dev/null | sed -n 's/^Version: //p')" = "$version" ]; then
    return 0
  fi
  echo "preparing $package $version in $venv ..." >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "$package==$version" "$@"
}

case "${1:-}" in
  install)
    ensure "$LITE_VENV" milvus-lite "$LITE_VERSION" pymilvus
    ensure "$STANDALONE_VENV" milvus "$STANDALONE_VERSION"
    ;;
  lite)
    [ -n "${2:-}" ] || { echo "usage: $0 lite DATA_DIR [PORT]" >&2; exit 2; }
    ensure "$LITE_VENV" milvus-lite "$LITE_VERSION" pymilvus
    exec "$LITE_VENV/bin/milvus-lite" server --data-dir "$2" --host 127.0.0.1 --port "${3:-19530}"
    ;;
  standalone)
    [ -n "${2:-}" ] || { echo "usage: $0 standalone DATA_DIR [PORT] [milvus-server options]" >&2; exit 2; }
    ensure "$STANDALONE_VENV" milvus "$STANDALONE_VERSION"
    data="$2"
    port="${3:-19530}"
    shift $(( $# >= 3 ? 3 : 2 ))
    exec "$STANDALONE_VENV/bin/milvus-server" --data "$data" --proxy-port "$port" "$@"
    ;;
  *)
    echo "usage: $0 install | lite DATA_DIR [PORT] | standalone DATA_DIR [PORT] [options]" >&2
    exit 2
    ;;
esac

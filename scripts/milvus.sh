#!/usr/bin/env bash
# Milvus without Docker: Milvus Lite from PyPI, run as a gRPC server.
#   scripts/milvus-lite.sh install           prepare .cache/milvus-venv (once)
#   scripts/milvus-lite.sh start DIR [PORT]  serve on 127.0.0.1:PORT (default 19530), data in DIR
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${MILVUS_VENV:-$ROOT/.cache/milvus-venv}"
VERSION=3.2.2

case "${1:-}" in
  install)
    if [ -x "$VENV/bin/milvus-lite" ] && "$VENV/bin/pip" show milvus-lite 2>/dev/null | grep -q "^Version: $VERSION$"; then
      exit 0
    fi
    echo "preparing Milvus Lite $VERSION in $VENV ..." >&2
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q "milvus-lite==$VERSION" pymilvus
    ;;
  start)
    [ -n "${2:-}" ] || { echo "usage: $0 start DATA_DIR [PORT]" >&2; exit 2; }
    "$0" install
    exec "$VENV/bin/milvus-lite" server --data-dir "$2" --host 127.0.0.1 --port "${3:-19530}"
    ;;
  *)
    echo "usage: $0 install | start DATA_DIR [PORT]" >&2
    exit 2
    ;;
esac

#!/usr/bin/env bash
# Debian's Chromium and its chromedriver, for the browser tests (testkit HeadlessBrowser).
#   scripts/chromium.sh install   installs them when missing (idempotent)
set -euo pipefail
case "${1:-}" in
  install)
    if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
      exit 0
    fi
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    echo "chromium.sh: installing Debian's chromium and chromium-driver for the browser tests" >&2
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get install -y -q chromium chromium-driver >/dev/null \
      || { $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q chromium chromium-driver >/dev/null; }
    ;;
  *)
    echo "usage: scripts/chromium.sh install" >&2
    exit 2
    ;;
esac

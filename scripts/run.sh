#!/usr/bin/env bash
# Builds and runs drtop (the demo when no configuration is given), installing the ncurses headers first
# on a fresh Debian/Ubuntu machine. Arguments are passed to drtop: scripts/run.sh --scenario region-outage
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
ensure_packages libncurses-dev:/usr/include/ncursesw/curses.h libcurl4-openssl-dev:curl-config
exec swift run --quiet drtop "$@"

#!/usr/bin/env bash
# Builds and runs drtop (the demo when no configuration is given), installing the ncurses, libcurl and OpenSSL headers
# first on a fresh Debian/Ubuntu machine. Arguments are passed to drtop: scripts/run.sh --scenario region-outage
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
ensure_packages libncurses-dev:/usr/include/ncursesw/curses.h libcurl4-openssl-dev:curl-config libssl-dev:/usr/include/openssl/ssl.h
if [ ! -x .build/debug/drtop ]; then
    echo "run.sh: building drtop — the first build fetches and compiles its dependencies and takes a few minutes" >&2
fi
# The build's own progress lines, then the dashboard on a clean screen.
swift build --product drtop >&2
exec "$(swift build --show-bin-path)/drtop" "$@"

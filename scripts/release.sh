#!/usr/bin/env bash
# Builds drtop's release binary (static Swift runtime and Foundation, packed relocations: scripts/lib.sh's
# release_build) and prints its path. Copy it where you keep tools: it needs only the C libraries it was built
# against (ncurses, libcurl, OpenSSL), not the Swift toolchain.  Usage: scripts/release.sh [swift build options...]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
ensure_packages libncurses-dev:/usr/include/ncursesw/curses.h libcurl4-openssl-dev:curl-config libssl-dev:/usr/include/openssl/ssl.h
release_build --product drtop >&2
echo "$RELEASE_BIN/drtop"

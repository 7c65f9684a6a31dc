#!/usr/bin/env bash
# Reruns drtop's benchmarks on this machine and rewrites BENCHMARKS.md. Release build; medians.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release >/dev/null
export DRTOP_BINARY="$(swift build -c release --show-bin-path)/drtop"
runs=${RUNS:-5}
{
    echo "# drtop benchmarks"
    echo
    echo "Rewritten by \`bench/run.sh\` (release build). Machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB,"
    echo "$(uname -sr), $(swift --version 2>/dev/null | head -1). Measured $(date -u '+%Y-%m-%d %H:%M UTC')."
    echo
    echo "## Start-up and footprint: the demo (\`bench/startup.py\`)"
    echo
    echo "Process start to first frame, and to the first full frame (the first poll's data drawn), in a 120x40"
    echo "pseudo-terminal; peak RSS of the whole process (wait4). Median of $runs runs."
    echo
    echo "| measure | value |"
    echo "|---|---|"
    python3 bench/startup.py "$runs"
    echo
    echo "Targets (issue 7): first full frame ≤ 50 ms; peak RSS ≤ 20 MB with 10 pairs."
} > BENCHMARKS.md.tmp
mv BENCHMARKS.md.tmp BENCHMARKS.md
cat BENCHMARKS.md

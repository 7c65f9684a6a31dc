#!/usr/bin/env bash
# Reruns all of drtop's benchmarks on this machine and rewrites BENCHMARKS.md (release build; medians).
# Takes about 45 minutes (three release builds first, when not built yet): the side-by-side poll, request counts, growth to 1,000 pairs, the idle dashboard, a plain
# moto server (bench/slow_server.py) and the
# time to a verdict (`check --pair`, 8 and 1,000 pairs) run
# against the replication lab (moto from PyPI, boto3 for the baseline script); then a real Ceph realm's poll
# (bench/ceph_poll.py) and radosgw's S3 configuration reads of 50 buckets, drtop beside the boto3 script
# (bench/radosgw_s3.py), each on a two-zone realm of its own (lab/ceph/cluster.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
ensure_packages libncurses-dev:/usr/include/ncursesw/curses.h libcurl4-openssl-dev:curl-config libssl-dev:/usr/include/openssl/ssl.h
# The profiles behind the misses, taken in this run: perf for CPU (bench/perfparts.py), heaptrack for the heap
# (bench/heapparts.py).
ensure_packages linux-perf:/usr/bin/perf heaptrack:/usr/bin/heaptrack
# bench/rusage.c, built by bench/own.py: each process's own peak RSS and CPU.
ensure_packages gcc:/usr/bin/cc
# The Ceph rows: a real two-zone realm (lab/ceph/cluster.sh), started and stopped by bench/ceph_poll.py and by
# bench/radosgw_s3.py.
APT_OPTS=--no-install-recommends ensure_packages radosgw:radosgw ceph-mon:ceph-mon ceph-osd:ceph-osd
python3 -c "import moto, boto3; assert moto.__version__ == '5.2.1'" 2>/dev/null || python3 -m pip install -q 'moto[server]==5.2.1'
# The binary measured below is the release build (scripts/lib.sh's release_build); the linking section also
# measures the same code linked as plain `swift build -c release` links it, and with the static runtime alone.
swift build -c release --product drtop >/dev/null
dynamic="$(swift build -c release --show-bin-path)/drtop"
swift build -c release --static-swift-stdlib --scratch-path .build-static --product drtop >/dev/null 2>&1
static="$(swift build -c release --static-swift-stdlib --scratch-path .build-static --show-bin-path)/drtop"
release_build >/dev/null
bin="$RELEASE_BIN"
export DRTOP_BINARY="$bin/drtop"
runs=${RUNS:-5}
out=BENCHMARKS.md.tmp
{
    echo "# drtop benchmarks"
    echo
    echo "Rewritten by \`bench/run.sh\` (release build, medians of $runs runs unless said otherwise). Machine: $(nproc)"
    echo "cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(free -g | awk '/^Mem:/ {print $2}') GiB,"
    echo "$(uname -sr), $(swift --version 2>/dev/null | head -1). Measured $(date -u '+%Y-%m-%d %H:%M UTC')."
    echo
    echo "A process's peak RSS and CPU are its own: each runs under \`bench/rusage.c\` (\`bench/own.py\`), because a"
    echo "process forked from the benchmark starts with the benchmark's resident pages and ru_maxrss keeps that"
    echo "mark across exec (before 2026-12-04 a figure below the benchmark's own size read as that size: the 47 and"
    echo "51.8 MiB of \`snapshot --json\` with 10 pairs in earlier full runs, 28 MiB measured alone)."
    echo
    echo "## Start-up and footprint: the demo (\`bench/startup.py\`)"
    echo
    echo "Process start to first frame, and to the first full frame (the first poll's data drawn), in a 120x40"
    echo "pseudo-terminal; peak RSS of the whole process (wait4)."
    echo
    echo "| measure | value |"
    echo "|---|---|"
    python3 bench/startup.py "$runs"
    echo
    echo "Targets (issue 7): first full frame ≤ 50 ms for the demo; peak RSS ≤ 20 MB with 10 pairs (below)."
    echo
    echo "## Linking: what each step saved (\`bench/linking.py\`)"
    echo
    echo "The same release build linked three ways, alternated in one run (medians of $runs): *dynamic* as plain"
    echo "\`swift build -c release\` links it (the Swift runtime and Foundation as shared libraries), *static* with"
    echo "\`--static-swift-stdlib\` (linked in, only what drtop calls), and *release*, the binary every other section"
    if [ "$RELEASE_PACKED" = yes ]; then
        echo "measures (\`scripts/release.sh\`): static, linked by lld with packed relative relocations (DT_RELR)."
    else
        echo "measures (\`scripts/release.sh\`): static; not packed here (release_build found no lld or glibc 2.36)."
    fi
    echo
    python3 bench/linking.py "$runs" dynamic="$dynamic" static="$static" release="$bin/drtop"
    echo
    echo "The larger file is Foundation's ICU data, linked in: mapped, not read (only the pages touched count in RSS)."
    echo "What is left resident is mostly code: pages of the binary's text mapped as it runs (the kernel maps them"
    echo "64 KiB at a time around each first touch), the C libraries libcurl loads (Kerberos, LDAP, SSH, GnuTLS,"
    echo "...: 30 of the 37), libstdc++ for TOMLKit, and the heap."
    echo
    echo "## Render (\`swift run -c release drtop-bench\`)"
    echo
    echo "One frame: build the cell grid (\`Renderer.render\`) and diff it against the previous frame (\`FrameDiff\`,"
    echo "what \`Terminal.present\` hands to ncurses); the clock moves every frame. *key + frame*: a Down or Up key"
    echo "reduced, then the frame. *snapshot arrives*: a new snapshot, already judged off the UI thread, set into"
    echo "the state (pairs filtered and sorted once, the drill-down's queue ordered once — not per frame); the"
    echo "judgement itself is the last table. The drill-down rows show a pair whose queue"
    echo "holds 100,000 objects."
    echo
    "$bin/drtop-bench" 400
    echo
    python3 bench/fleet.py "$runs"
    echo
    python3 bench/slow_server.py "$runs"
    echo
    python3 bench/verdict.py "$runs"
    echo
    python3 bench/ceph_poll.py "$runs"
    echo
    python3 bench/radosgw_s3.py "$runs"
} > "$out"
mv "$out" BENCHMARKS.md
cat BENCHMARKS.md

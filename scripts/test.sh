#!/usr/bin/env bash
# The project's test command (README "Run the tests"; .ci/run calls it).
# Installs what the tests need on a fresh Debian/Ubuntu machine, builds drtop, runs every test.
# Exits non-zero when anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/lib.sh
# prometheus brings promtool and the server that scrapes `drtop serve` in the tests.
# radosgw, ceph-mon and ceph-osd: the real two-zone Ceph RGW multisite cluster the Ceph source is tested against.
ensure_packages tmux:tmux libncurses-dev:/usr/include/ncursesw/curses.h \
    libcurl4-openssl-dev:curl-config libssl-dev:/usr/include/openssl/ssl.h prometheus:/usr/bin/promtool
APT_OPTS=--no-install-recommends ensure_packages radosgw:radosgw ceph-mon:ceph-mon ceph-osd:ceph-osd
# moto's server: the real S3 + CloudWatch server the AWS data layer is tested against (version pinned).
if ! python3 -c "import moto, moto.server, flask_cors, boto3; assert moto.__version__ == '5.2.1'" 2>/dev/null; then
    echo "test.sh: installing moto[server]==5.2.1 (PyPI)" >&2
    python3 -m pip install -q 'moto[server]==5.2.1'
fi
# The AWS CLI: the re-drive command drtop prints is checked against the CLI's own parameter validation.
command -v aws >/dev/null 2>&1 || { echo "test.sh: installing awscli (PyPI)" >&2; python3 -m pip install -q awscli; }
command -v swift >/dev/null 2>&1 || { echo "test.sh: swift is not on PATH (Swift 6.0 or later is needed)" >&2; exit 2; }

# Warnings are errors for the project's own code (the acceptance bar is zero warnings).
log=$(mktemp)
ceph_dir=$(mktemp -d)
trap 'lab/ceph/cluster.sh stop "$ceph_dir" || true; rm -rf "$log" "$ceph_dir"' EXIT
swift build 2>&1 | tee "$log"
swift build --build-tests 2>&1 | tee -a "$log"
if grep -E "^/.*/(Sources|Tests)/.*: warning:" "$log" >/dev/null; then
    echo "test.sh: the build has warnings (above); drtop builds with none" >&2
    exit 1
fi
# The Ceph tests' cluster (lab/ceph/cluster.sh: one mon, one memstore OSD, two zones; about 30 s), stopped on exit.
lab/ceph/cluster.sh start "$ceph_dir" >/dev/null
export DRTOP_CEPH_CLUSTER="$ceph_dir/cluster.json"
# One test at a time: the end-to-end tests drive real processes and terminals and time them.
swift test --skip-build --no-parallel
# The replication lab's own tests (Python, pytest from PyPI with moto).
python3 -c "import pytest" 2>/dev/null || python3 -m pip install -q pytest
python3 -m pytest -q -p no:cacheprovider lab
# The fault soak, short: 30 s of the dashboard through fault-injecting proxies (lab/soak.py; RELIABILITY.md has
# the 10-minute run). Fails on a crash, a hang, faults not shown, retries not backing off, or memory growth.
python3 lab/soak.py --seconds 30 --interval 5 --binary "$(swift build --show-bin-path)/drtop"
# Short fuzzing (libFuzzer + AddressSanitizer) of every parser from its committed seed corpus, plus a replay
# of the corpora through the plain build. fuzz/run.sh with no arguments is the 1,000,000-run campaign.
for target in xml ini events keys; do swift run --skip-build drtop-fuzz "$target" "fuzz/corpus/$target"; done
fuzz/run.sh 20000

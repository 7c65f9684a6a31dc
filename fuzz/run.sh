#!/usr/bin/env bash
# Fuzzes drtop's parsers with libFuzzer (-sanitize=fuzzer,address): S3/CloudWatch XML, the AWS INI files, the
# TOML configuration, S3 event messages and the key decoder. Seed corpora: fuzz/corpus/TARGET (committed).
#
# usage: fuzz/run.sh [RUNS] [TARGET...]     RUNS per target (default 1000000); all targets when none given.
# Prints one line per target; exits non-zero when a target crashes, leaks or hangs (the reproducer is left in
# .build-fuzz/artifacts/TARGET/, replay it with `swift run drtop-fuzz TARGET FILE`).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-1000000}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(xml ini config events keys)
swift build --product drtop-fuzz --build-path .build-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING \
    -Xswiftc -use-ld=lld     >.build-fuzz.log 2>&1 || { grep -v "ld.gold: warning" .build-fuzz.log | tail -30 >&2; exit 1; }
binary=.build-fuzz/debug/drtop-fuzz
status=0
for target in "${targets[@]}"; do
    work=".build-fuzz/corpus/$target"
    artifacts=".build-fuzz/artifacts/$target/"
    mkdir -p "$work" "$artifacts"
    log=".build-fuzz/$target.log"
    started=$(date +%s)
    # Fresh inputs go to the work corpus; the committed seeds stay as they are.
    # TOMLKit (third party) leaks a few bytes per parse on some inputs (RELIABILITY.md); drtop parses its
    # configuration once, so leaks are not counted for that target — crashes and hangs are. Its seeds are
    # fuzz/corpus/config-bytes (inputs to the document builder); fuzz/corpus/config holds real files, replayed
    # through the fork-guarded loader by the tests.
    leaks=1
    seeds=$target
    rss=2048
    # TOMLKit's leak grows the fuzzer's memory by about 2 KiB a run: room for a million runs.
    if [ "$target" = config ]; then leaks=0; seeds=config-bytes; rss=6144; fi
    if ASAN_OPTIONS=detect_leaks=$leaks DRTOP_FUZZ=$target "$binary" -runs="$runs" -detect_leaks=$leaks -max_len=65536 -timeout=10 -rss_limit_mb=$rss \
        -artifact_prefix="$artifacts" -print_final_stats=1 "$work" "fuzz/corpus/$seeds" >"$log" 2>&1; then
        execs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' || echo "?")
        cov=$(grep -Eo 'cov: [0-9]+' "$log" | tail -1 | grep -Eo '[0-9]+' || echo "?")
        echo "fuzz $target: $execs runs, 0 crashes, coverage $cov edges, $(( $(date +%s) - started )) s"
    else
        echo "fuzz $target: FAILED (see $log and $artifacts)" >&2
        tail -30 "$log" >&2
        status=1
    fi
done
exit $status

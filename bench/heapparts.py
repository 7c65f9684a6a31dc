#!/usr/bin/env python3
"""What drtop's heap holds at its peak, as heaptrack records it: the profile behind a memory miss, taken in the same
run. `peak(pid_starter)` runs drtop under heaptrack and returns a Heap: the heap's peak (bytes), and the bytes live
at that moment put into the parts BENCHMARKS.md names (heaptrack_print's peak flame graph: every allocation's call
stack with the bytes it held at the peak; a stack belongs to the first part in PARTS one of its frames matches,
bench/perfparts.py's rule).
"""
import collections, os, re, shutil, subprocess, tempfile

import perfparts

PARTS = [
    ("the configuration as TOMLKit read it", r"TOMLKit|toml::|ConfigLoader|ConfigReader"
     r"|TOMLGuard|PairRoutingReader"),
    ("each region's readings while its poll runs (the reading of every direction)", r"AWSSource\.|RegionPoll"
     r"|planMetrics|readMetrics|trackObjects|CloudWatchMetrics|ObjectTracker"),
    ("the snapshot's pairs and directions, and their history", r"SnapshotAssembler|HistoryMerger|LagHistory"),
    ("the poller's last reading of each region", r"Poller\."),
    ("judgement (assessments, checks)", r"HealthEvaluator|Assessment|RecoveryJudgement|FailoverChecklist"
     r"|CheckOutcome|FailoverReport"),
    ("the screen (state, ordering, the cell grid)", r"Renderer|ScreenBuffer|RowMemo|PairOrdering|AppState|Reducer"
     r"|OverviewScreen|TerminalApp|\(.*libncursesw"),
    ("the transport (libcurl, TLS, signing)", r"curl|SSL|HTTPTransport|AWSClient|SigV4|\(.*lib(ssl|crypto)\.so"),
    ("the pairs as configured (PairSpec, buckets)", r"PairSpec|SourceAssembly|BucketPair"),
]
LEAF = [
    ("the Swift runtime (type metadata, conformances)", r"swift::|swift_getGeneric|swift_once|Metadata"),
    ("start-up (libraries' own initialisation)", r"_dl_init|call_init|\(.*ld-linux"),
]

Heap = collections.namedtuple("Heap", "peak parts error")

def available():
    """None when heaptrack can record here, else why not."""
    missing = [tool for tool in ("heaptrack", "heaptrack_print") if not shutil.which(tool)]
    return f"{' and '.join(missing)} not installed (Debian's heaptrack)" if missing else None

def record(run):
    """`run(command_prefix, output)` runs drtop with `command_prefix` (heaptrack's, to put before drtop's own
    argv) to its end; returns the Heap of that run."""
    why = available()
    if why:
        return Heap(0, {}, why)
    with tempfile.TemporaryDirectory(prefix="drtop-heap-") as scratch:
        base = os.path.join(scratch, "drtop")
        run(["heaptrack", "-o", base])
        data = next((os.path.join(scratch, f) for f in os.listdir(scratch) if f.startswith("drtop")), None)
        if data is None:
            return Heap(0, {}, "heaptrack wrote no data")
        graph = os.path.join(scratch, "peak.txt")
        summary = subprocess.run(["heaptrack_print", "-f", data, "-p", "0", "-a", "0", "-T", "0", "-F", graph,
                                  "--flamegraph-cost-type", "peak"], capture_output=True, text=True, errors="replace")
        match = re.search(r"peak heap memory consumption: ([0-9.]+)([KMGB]?)", summary.stdout)
        if summary.returncode != 0 or not match or not os.path.exists(graph):
            return Heap(0, {}, f"heaptrack_print failed: {summary.stderr.strip()[-300:]}")
        scale = {"": 1, "B": 1, "K": 1e3, "M": 1e6, "G": 1e9}[match.group(2)]
        stacks = []
        with open(graph, errors="replace") as lines:
            for line in lines:
                path, _, weight = line.rstrip("\n").rpartition(" ")
                if not weight.isdigit() or not int(weight):
                    continue
                # root first, ";"-separated "symbol (file)": innermost first, as perfparts.attribute wants
                frames = [(re.sub(r" \([^()]*\)$", "", frame), "") for frame in path.strip(";").split(";")]
                stacks.append((frames[::-1], int(weight)))
        return Heap(float(match.group(1)) * scale, perfparts.attribute(stacks, PARTS, LEAF), None)

def summary(heap, least=5):
    """One line: the heap's peak and each part of at least `least` % of it, largest first."""
    if heap.error:
        return f"no heap profile: {heap.error}"
    total = sum(heap.parts.values()) or 1
    shown = [f"{name} {value / 1e6:.1f} MB" for name, value in sorted(heap.parts.items(), key=lambda i: -i[1])
             if 100 * value / total >= least and name != "other"]
    rest = total - sum(v for n, v in heap.parts.items() if 100 * v / total >= least and n != "other")
    return (f"heap peak {heap.peak / 1e6:.0f} MB: " + ", ".join(shown)
            + (f"; the rest, {rest / 1e6:.1f} MB, in smaller parts" if rest > 0 else ""))

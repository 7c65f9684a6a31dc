#!/usr/bin/env python3
"""Time to a verdict: `drtop check --pair NAME` against the replication lab with a few pairs and with many.

Prints a Markdown section for BENCHMARKS.md (bench/run.sh calls it). Every figure is measured here, in this run:
each command is a whole process, cold (process start to exit), and its requests are counted at the lab's
endpoints (`GET /status`: `requests_by_region` by API, `requests_by_buckets` by the buckets a request names —
an S3 request's bucket, GetMetricData's SourceBucket and DestinationBucket dimensions). A request is *about the
pair* when every bucket it names is one of the pair's two.
Usage: bench/verdict.py [RUNS] [MANY]   (DRTOP_BINARY: the release drtop; MANY pairs, default 1000)
"""
import json, os, statistics, subprocess, sys, tempfile, time, urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DRTOP = os.environ.get("DRTOP_BINARY", os.path.join(ROOT, ".build-release/release/drtop"))
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
MANY = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
TICK = os.sysconf("SC_CLK_TCK")
HOME = tempfile.mkdtemp(prefix="drtop-verdict-home-")
ENV = dict(os.environ, AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing", AWS_EC2_METADATA_DISABLED="true",
           AWS_SHARED_CREDENTIALS_FILE=os.path.join(HOME, "none"), AWS_CONFIG_FILE=os.path.join(HOME, "none"),
           HOME=HOME)

sys.path.insert(0, os.path.join(ROOT, "lab"))
from running import RunningLab, pairs_toml  # noqa: E402


def status(lab):
    with urllib.request.urlopen(f"http://127.0.0.1:{lab.control}/status", timeout=30) as answer:
        return json.load(answer)


def config(lab, pairs):
    path = os.path.join(HOME, f"lab-{lab.east}-{pairs}.toml")
    with open(path, "w") as f:
        f.write(pairs_toml(pairs, lab.endpoints, header='rpo = "15m"\n'))
    return path


def discovering(lab):
    path = os.path.join(HOME, f"lab-{lab.east}-discover.toml")
    with open(path, "w") as f:
        f.write('discover = true\nrpo = "15m"\n' + "".join(
            f'[regions.{region}]\nendpoint = "{endpoint}"\n' for region, endpoint in lab.endpoints.items()))
    return path


def server_cpu(lab):
    with open(f"/proc/{lab.process.pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def run(lab, command, pair):
    """Runs `command` once: (wall s, exit status, drtop requests, of them about `pair`, requests by API, drtop's
    CPU s, the lab's CPU s in the same interval)."""
    before = status(lab)
    server = server_cpu(lab)
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
    err = process.stderr.read()
    _, wait_status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(wait_status)
    server = server_cpu(lab) - server
    after = status(lab)
    def delta(table):
        return {k: v - before[table].get(k, 0) for k, v in after[table].items()
                if k.startswith("drtop ") and v != before[table].get(k, 0)}
    by_api = {}
    for key, count in delta("requests_by_region").items():
        api = key.split(" ", 2)[2]
        by_api[api] = by_api.get(api, 0) + count
    buckets = {f"{pair}-use1", f"{pair}-usw2"}
    about = 0
    for key, count in delta("requests_by_buckets").items():
        named = key.split(" ", 2)[2]
        if named != "-" and set(named.split(",")) <= buckets:
            about += count
    if code not in (0, 1, 2):
        sys.exit(f"verdict.py: {' '.join(command)} exited {code}: {err.decode()[:500]}")
    return wall, code, sum(by_api.values()), about, by_api, usage.ru_utime + usage.ru_stime, server


def until_go(lab, command, pair, seconds=120):
    """Waits for the lab's first published metrics: until then the verdict is UNKNOWN (no lag data)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV).returncode == 0:
            return
        time.sleep(1)
    sys.exit(f"verdict.py: {' '.join(command)} gave no GO within {seconds} s")


def measure(pairs, metrics_period):
    started = time.monotonic()
    lab = RunningLab(pairs, delay=0.5, metrics_period=metrics_period)
    setup = time.monotonic() - started
    try:
        path = config(lab, pairs)
        pair = f"lab{pairs // 2}"
        one = [DRTOP, "check", "--config", path, "--pair", pair]
        every = [DRTOP, "check", "--config", path, "--timeout", "600"]
        until_go(lab, one, pair)
        singles = [run(lab, one, pair) for _ in range(RUNS)]
        # Discovery names a pair by its primary bucket.
        found = [run(lab, [DRTOP, "check", "--config", discovering(lab), "--pair", f"{pair}-use1"], pair)
                 for _ in range(RUNS)]
        # The whole fleet at 1,000 pairs takes tens of seconds a run against the lab (one request at a time).
        alls = [run(lab, every, pair) for _ in range(RUNS if pairs < 100 else 1)]
        return pair, setup, singles, found, alls
    finally:
        lab.stop()


def main():
    sys.stdout.reconfigure(line_buffering=True)
    few = measure(8, metrics_period=5)
    many = measure(MANY, metrics_period=20)
    print("## Time to a verdict: `drtop check --pair` (`bench/verdict.py`)")
    print()
    print("A whole `drtop check` process, cold (process start to exit, no credentials files: the keys come from the")
    print("environment), against the replication lab; requests counted at the lab's endpoints. *about the pair*:")
    print("requests whose every named bucket is one of the pair's two (an S3 request's bucket, GetMetricData's")
    print(f"SourceBucket and DestinationBucket dimensions). `--pair` medians of {RUNS} runs; `check` of every pair")
    print(f"{RUNS} runs at 8 pairs, one at {MANY:,}.")
    print()
    print("| pairs configured | command | requests | of which about the pair | wall median | drtop CPU | the lab's CPU | target |")
    print("|---:|---|---:|---:|---:|---:|---:|---|")
    rows = []
    for pairs, (pair, setup, singles, found, alls) in ((8, few), (MANY, many)):
        for label, results, target in ((f"`check --pair {pair}`", singles, "≤ 0.5 s; requests of one pair"),
                                       (f"`check --discover --pair {pair}-use1`", found, "the same"),
                                       ("`check` (every pair)", alls, "")):
            requests = statistics.median(r[2] for r in results)
            about = statistics.median(r[3] for r in results)
            wall = statistics.median(r[0] for r in results)
            cpu = statistics.median(r[5] for r in results)
            server = statistics.median(r[6] for r in results)
            rows.append((pairs, label, requests, about, wall, cpu, server))
            print(f"| {pairs:,} | {label} | {requests:g} | {about:g} | {wall * 1000:.0f} ms | {cpu * 1000:.0f} ms | "
                  f"{server * 1000:.0f} ms | {target} |")
    print()
    print("Requests of `check --pair` by API (the median run's; the same at both sizes when the verdict costs one pair):")
    print()
    single_few, single_many = few[2][len(few[2]) // 2][4], many[2][len(many[2]) // 2][4]
    print(f"| API | 8 pairs | {MANY:,} pairs |")
    print("|---|---:|---:|")
    for api in sorted(set(single_few) | set(single_many)):
        print(f"| {api} | {single_few.get(api, 0)} | {single_many.get(api, 0)} |")
    print()
    walls = [r[0] for r in few[2]] + [r[0] for r in many[2]]
    print("Discovery names a pair by its primary bucket; `--pair` with discovery reads that bucket and the ones its")
    print("rules replicate to, not the account's list (a name that is no pair discovers everything, to list the known")
    print("names).")
    print()
    print(f"`check --pair` runs: {' / '.join(f'{w * 1000:.0f}' for w in walls)} ms. Setting the lab up took "
          f"{few[1]:.0f} s for 8 pairs and {many[1]:.0f} s for {MANY:,}.")
    print()
    print("*drtop CPU*: user+sys of the drtop process (wait4); *the lab's CPU*: the lab server's (one Python process")
    print("answering one request at a time) in the same interval.")
    print()
    for pairs, label, requests, about, wall, cpu, server in rows:
        if "--pair" in label and wall > 0.5:
            print(f"- Note: {label} with {pairs:,} pairs took {wall * 1000:.0f} ms, above 0.5 s: the lab's own CPU in "
                  f"that time was {server * 1000:.0f} ms for the same {requests:g} requests that take it "
                  f"{min(r[6] for r in rows if r[0] == 8 and '--pair' in r[1]) * 1000:.0f} ms with 8 pairs "
                  f"(it holds {pairs:,} pairs' buckets and metrics, and publishes and replicates for all of them meanwhile), and "
                  f"drtop's CPU {cpu * 1000:.0f} ms; the rest is waiting for it.")
    print()


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""drtop against a server that is not the bottleneck, side by side with the boto3 script (issue 17): the S3
configuration reads (GetBucketLocation, GetBucketVersioning, GetBucketReplication) of 50 buckets, 25 pairs, on one
radosgw gateway (Ceph, C++) of lab/ceph/cluster.sh's realm. Each run is a whole process, `drtop snapshot --json
--no-queue --polls 1` against `bench/boto3_poll.py --no-metrics` (radosgw serves no CloudWatch), alternated;
wall from start to exit, client CPU user+sys from wait4; medians of RUNS.

The gateways are started here, in zone-a of the cluster's folder (their pid files in its run/, so `cluster.sh stop`
stops them too; stopped here either way), with their sync thread off: the CPU they spend is their answers. One is
started with beast's `tcp_nodelay=1`, the other as cluster.sh starts its own (without it); both are measured.
Every drtop run must show every bucket's versioning read and every bucket's replication read without an error,
and every script run the same, or the benchmark fails.

Prints one Markdown section for BENCHMARKS.md (bench/run.sh calls it). Usage: bench/radosgw_s3.py [RUNS]
(DRTOP_BINARY: the drtop to measure, default the release build; DRTOP_CEPH_CLUSTER: a running cluster's
cluster.json, else one is started here and stopped afterwards)
"""
import collections, http.client, json, os, shutil, signal, socket, statistics, subprocess, sys, tempfile, textwrap
import time, urllib.parse

import boto3
from botocore.config import Config

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from ceph_poll import DRTOP, RUNS, cluster  # noqa: E402  (the same cluster start, reuse and stop)

PAIRS = 25
PREFIX = "rgw"     # buckets rgw0-use1 … rgw24-usw2: bench/boto3_poll.py's names
REGION = "zone-a"  # the region both sides are signed for, drtop's name for the gateway's endpoint
APIS = ("GetBucketLocation", "GetBucketVersioning", "GetBucketReplication")
TICK = os.sysconf("SC_CLK_TCK")
CLUSTER_SH = os.path.join(ROOT, "lab/ceph/cluster.sh")


def fail(message):
    sys.exit(f"radosgw_s3.py: {message}")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_of(pid):
    """A process's CPU time so far (utime + stime, seconds)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except OSError:
        return False


class Gateway:
    """A radosgw of zone-a started here, its sync thread off; `nodelay`: beast's tcp_nodelay=1."""

    def __init__(self, info, name, nodelay):
        self.folder = info["folder"]
        self.name = f"client.rgw.{name}"
        self.nodelay = nodelay
        self.pidfile = os.path.join(self.folder, "run", f"{self.name}.pid")
        self.pid = None
        self.url = None

    def start(self):
        if os.path.exists(self.pidfile):
            old = int(open(self.pidfile).read().strip() or 0)
            if old and alive(old):
                fail(f"{self.name} is already running in {self.folder} (pid {old}): another benchmark of this cluster?")
            os.remove(self.pidfile)
        self.started = True
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        frontends = f"beast endpoint=127.0.0.1:{port}" + (" tcp_nodelay=1" if self.nodelay else "")
        subprocess.run(["radosgw", "-c", os.path.join(self.folder, "ceph.conf"), "-n", self.name, f"--rgw-zone={REGION}",
                        f"--rgw-frontends={frontends}", "--ms_mon_client_mode=crc", "--ms_client_mode=crc",
                        "--rgw_run_sync_thread=false"], check=True)
        deadline = time.time() + 60
        while True:
            try:
                if self.pid is None and os.path.exists(self.pidfile):
                    self.pid = int(open(self.pidfile).read().strip())
                if self.pid is not None:
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                    connection.request("GET", "/")
                    if connection.getresponse().status == 200:
                        connection.close()
                        break
            except (OSError, ValueError, http.client.HTTPException):
                pass
            if time.time() > deadline:
                log = os.path.join(self.folder, "log", f"{self.name}.log")
                tail = open(log).read()[-1500:] if os.path.exists(log) else ""
                self.stop()
                fail(f"{self.name} did not answer on {self.url} within 60 s\n{tail}")
            time.sleep(0.25)

    def cpu(self):
        return cpu_of(self.pid)

    def requests(self):
        """The requests this gateway has answered so far (its perf counter rgw.req)."""
        out = subprocess.run(["ceph", "--admin-daemon", os.path.join(self.folder, "run", f"{self.name}.asok"),
                              "perf", "dump", "rgw"], check=True, capture_output=True, text=True).stdout
        return json.loads(out)["rgw"]["req"]

    def kept_latency(self, count=20):
        """Anonymous GET / on one kept connection: the first answer's time and the median of the next `count`."""
        parts = urllib.parse.urlsplit(self.url)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
        times = []
        for _ in range(count + 1):
            started = time.perf_counter()
            connection.request("GET", "/")
            connection.getresponse().read()
            times.append(time.perf_counter() - started)
        connection.close()
        return times[0], statistics.median(times[1:])

    def stop(self):
        if not getattr(self, "started", False):
            return  # never started here: a pid file found is another's
        pid = self.pid
        if pid is None and os.path.exists(self.pidfile):
            try:
                pid = int(open(self.pidfile).read().strip())
            except ValueError:
                pid = None
        if pid is not None and alive(pid):
            os.kill(pid, signal.SIGTERM)
            for _ in range(40):
                if not alive(pid):
                    break
                time.sleep(0.25)
            else:
                os.kill(pid, signal.SIGKILL)
        if os.path.exists(self.pidfile):
            os.remove(self.pidfile)


def osd_cpu(folder):
    """CPU time so far of the cluster's OSDs (their pid files in the cluster's run/)."""
    total = 0.0
    run = os.path.join(folder, "run")
    for name in os.listdir(run):
        if name.startswith("osd.") and name.endswith(".pid"):
            try:
                total += cpu_of(int(open(os.path.join(run, name)).read().strip()))
            except (OSError, ValueError):
                pass
    return total


def prepare(info, url):
    """The 50 buckets, versioning enabled, made through `url`; returns one GetBucketReplication answer as radosgw
    gives it (status, body) and what it answers PutBucketReplication."""
    s3 = boto3.client("s3", endpoint_url=url, region_name=REGION, aws_access_key_id=info["data"]["access_key"],
                      aws_secret_access_key=info["data"]["secret_key"],
                      config=Config(retries={"max_attempts": 10, "mode": "standard"}))
    names = [f"{PREFIX}{i}-{side}" for i in range(PAIRS) for side in ("use1", "usw2")]
    have = {b["Name"] for b in s3.list_buckets()["Buckets"]}
    for name in names:
        if name not in have:
            s3.create_bucket(Bucket=name)
        s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
    # What the store says to a replication configuration (on a bucket of its own, removed after).
    scratch = f"{PREFIX}-replication-probe"
    if scratch not in have:  # (left by an interrupted run of a reused cluster)
        s3.create_bucket(Bucket=scratch)
    try:
        s3.put_bucket_versioning(Bucket=scratch, VersioningConfiguration={"Status": "Enabled"})
        s3.put_bucket_replication(Bucket=scratch, ReplicationConfiguration={"Role": "", "Rules": [{
            "ID": "probe", "Status": "Enabled", "Priority": 1, "Filter": {"Prefix": ""},
            "DeleteMarkerReplication": {"Status": "Disabled"}, "Destination": {"Bucket": f"arn:aws:s3:::{names[1]}"}}]})
        put = "accepts PutBucketReplication"
    except s3.exceptions.ClientError as error:
        put = (f"answers PutBucketReplication {error.response['ResponseMetadata']['HTTPStatusCode']} "
               f"{error.response['Error'].get('Code', '')}")
    finally:
        s3.delete_bucket(Bucket=scratch)
    answers = []
    s3.meta.events.register("after-call.s3.GetBucketReplication",
                            lambda http_response, **_: answers.append((http_response.status_code,
                                                                       http_response.content.decode(errors="replace"))))
    try:
        s3.get_bucket_replication(Bucket=names[0])
    except s3.exceptions.ClientError:
        pass
    return answers[0] + (put,)


def drtop_config(home, url, name, pairs=PAIRS):
    path = os.path.join(home, f"{name}-{pairs}.toml")
    with open(path, "w") as f:
        f.write(f'rpo = "15m"\n[regions.{REGION}]\nendpoint = "{url}"\n')
        for i in range(pairs):
            f.write(f'[[pair]]\nname = "{PREFIX}{i}"\n'
                    f'primary = {{ bucket = "{PREFIX}{i}-use1", region = "{REGION}" }}\n'
                    f'secondary = {{ bucket = "{PREFIX}{i}-usw2", region = "{REGION}" }}\n')
    return path


def timed(command, env, gateway, folder):
    """One whole process: wall (start to exit), CPU user+sys (wait4), its stdout, and in the same interval the
    gateway's CPU, the OSDs' CPU and the requests the gateway answered."""
    requests = gateway.requests()
    server, osd = gateway.cpu(), osd_cpu(folder)
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=err, env=env)
        out = process.stdout.read()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        server, osd = gateway.cpu() - server, osd_cpu(folder) - osd
        if os.waitstatus_to_exitcode(status) != 0:
            err.seek(0)
            fail(f"{' '.join(command[:3])} … exited {os.waitstatus_to_exitcode(status)}: {err.read().decode()[-800:]}")
    return dict(wall=wall, cpu=usage.ru_utime + usage.ru_stime, out=out, server=server, osd=osd,
                requests=gateway.requests() - requests)


def check_drtop(run, pairs=PAIRS):
    """What one drtop run of `pairs` pairs read; fails the benchmark unless every bucket's configuration was read."""
    doc = json.loads(run["out"])
    regions = doc["regions"]
    if [r["name"] for r in regions] != [REGION] or regions[0]["status"] != "up":
        fail(f"drtop: regions {[(r['name'], r['status'], r['error']) for r in regions]}, not {REGION} up")
    names = {p["name"] for p in doc["pairs"]}
    if names != {f"{PREFIX}{i}" for i in range(pairs)}:
        fail(f"drtop: {len(names)} pairs ({', '.join(sorted(names)[:5])}…), not the {pairs} configured")
    versioning = collections.Counter(b["versioning"] for p in doc["pairs"] for b in p["buckets"])
    if versioning != {"Enabled": 2 * pairs}:
        fail(f"drtop: versioning read {dict(versioning)}, not Enabled for all {2 * pairs} buckets")
    directions = [d for p in doc["pairs"] for d in p["directions"]]
    errors = [f"{d['source_bucket']}: {d['rules_error'] or 'rules not read'}" for d in directions
              if d["rules_error"] or d["rules"] is None]
    if len(directions) != 2 * pairs or errors:
        fail(f"drtop: {len(directions)} directions, replication read errors: {'; '.join(errors[:3])}")
    counts = collections.Counter()
    for r in doc["requests"]:
        counts[r["api"]] += r["count"]
    if any(counts[api] < 2 * pairs for api in APIS):
        fail(f"drtop: requests {dict(counts)}: not every bucket's {', '.join(APIS)}")
    run["counts"] = counts
    run["rules"] = sum(len(d["rules"]) for d in directions)
    run["poll"] = doc["poll_duration_seconds"]
    return run


def check_script(run):
    """What one boto3_poll.py run read; fails the benchmark unless every bucket's configuration was read."""
    tick = json.loads(run["out"].splitlines()[0])
    if tick["buckets"] != 2 * PAIRS or tick["versioning"] != {"Enabled": 2 * PAIRS} \
            or sum(tick["replication"].values()) != 2 * PAIRS or tick["datapoints"] \
            or set(tick["replication"]) - {"empty", "rules", "ReplicationConfigurationNotFoundError"}:
        fail(f"boto3_poll.py read {tick}")
    run["replication"] = tick["replication"]
    run["reads_wall"], run["reads_cpu"] = tick["wall"], tick["cpu"]
    return run


def note(text):
    print(textwrap.fill("- Note: " + text, width=115, subsequent_indent="  ", break_long_words=False,
                        break_on_hyphens=False))
    print()


def med(runs, key):
    return statistics.median(r[key] for r in runs)


def ms(seconds):
    return f"{seconds * 1000:.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"


def listed(runs, key):
    return " / ".join(f"{r[key] * 1000:.0f}" for r in runs)


def main():
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # the finally below stops what was started
    info, own = cluster()
    gateways = []
    home = tempfile.mkdtemp(prefix="drtop-bench-home-")
    try:
        folder = info["folder"]
        fast = Gateway(info, "bench-s3-nodelay", nodelay=True)
        stock = Gateway(info, "bench-s3-stock", nodelay=False)
        for gateway in (fast, stock):
            gateways.append(gateway)
            gateway.start()
        status, body, put = prepare(info, fast.url)
        version = subprocess.run(["radosgw", "--version"], capture_output=True, text=True).stdout.split()
        version = version[2] if len(version) > 2 and version[0] == "ceph" else "?"
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        env.update(HOME=home, AWS_ACCESS_KEY_ID=info["data"]["access_key"],
                   AWS_SECRET_ACCESS_KEY=info["data"]["secret_key"], AWS_EC2_METADATA_DISABLED="true")
        commands = {}
        for gateway in gateways:
            config = drtop_config(home, gateway.url, gateway.name)
            drtop = [DRTOP, "snapshot", "--json", "--no-queue", "--polls", "1", "--config", config]
            script = [sys.executable, os.path.join(HERE, "boto3_poll.py"), "--no-metrics", "--east", gateway.url,
                      "--west", gateway.url, "--east-region", REGION, "--west-region", REGION, "--prefix", PREFIX,
                      "--pairs", str(PAIRS), "--access-key", info["data"]["access_key"],
                      "--secret-key", info["data"]["secret_key"]]
            commands[gateway] = (drtop, script)
            # Not counted: the gateway's metadata cache filled and drtop's binary read once, by one checked run.
            check_drtop(timed(drtop, env, gateway, folder))
        # drtop's fixed part: one pair (its 6 reads), and the process alone (--version).
        one_pair = [DRTOP, "snapshot", "--json", "--no-queue", "--polls", "1", "--config",
                    drtop_config(home, fast.url, fast.name, pairs=1)]
        check_drtop(timed(one_pair, env, fast, folder), pairs=1)
        latency = {g: g.kept_latency() for g in gateways}
        runs = {g: ([], []) for g in gateways}
        ones, bare = [], []
        for _ in range(RUNS):
            for gateway in gateways:
                drtop, script = commands[gateway]
                runs[gateway][0].append(check_drtop(timed(drtop, env, gateway, folder)))
                runs[gateway][1].append(check_script(timed(script, env, gateway, folder)))
            ones.append(check_drtop(timed(one_pair, env, fast, folder), pairs=1))
            bare.append(timed([DRTOP, "--version"], env, fast, folder))
        a, b = runs[fast]
        sa, sb = runs[stock]
        counts = {tuple(sorted(r["counts"].items())) for g in gateways for r in runs[g][0]}
        metrics = max(r["counts"].get("GetMetricData", 0) for g in gateways for r in runs[g][0])
        rules = max(r["rules"] for g in gateways for r in runs[g][0])
        answers = {tuple(sorted(r["replication"].items())) for g in gateways for r in runs[g][1]}

        wa, wb = med(a, "wall"), med(b, "wall")
        ca, cb = med(a, "cpu"), med(b, "cpu")
        print("## A server that is not the bottleneck: radosgw (`bench/radosgw_s3.py`)")
        print()
        replies = "; ".join(", ".join(f"{k} ×{v}" for k, v in shown) for shown in sorted(answers))
        metric_part = (f"and sent {metrics} GetMetricData here, which radosgw does not serve: counted in drtop's figures."
                       if metrics else "so it sent none here (its JSON's request counts, every run): nothing to exclude.")
        paragraph = (
            f"The S3 configuration reads of {2 * PAIRS} buckets ({PAIRS} pairs, versioning enabled) on one radosgw "
            f"gateway (Ceph {version}, C++) of zone-a of lab/ceph/cluster.sh's realm on loopback, started for this with "
            "its sync thread off: one whole process each, `drtop snapshot --json --no-queue --polls 1` against "
            "`bench/boto3_poll.py --no-metrics` (sequential: GetBucketLocation, GetBucketVersioning, "
            f"GetBucketReplication of each bucket), alternated, medians of {RUNS}; wall from process start to exit, "
            "client CPU user+sys from wait4 (Python's start and imports included). Both sides sign for one region, "
            f"`{REGION}`, the gateway's endpoint. radosgw answers GetBucketReplication of a bucket without rules "
            f"{status} with `{body.split('?>', 1)[-1]}` (and {put}): drtop read {rules} rules "
            f"from it, the script {replies} (per run). drtop's configuration has no switch for metrics; it asks "
            f"GetMetricData only for enabled rules, {metric_part} *radosgw CPU* is the gateway process's own CPU time "
            "(utime+stime from /proc) during the run, *ceph-osd CPU* the OSD's; *requests* the gateway's own count "
            "(its perf counter `rgw.req`). The main rows are a gateway started with beast's `tcp_nodelay=1`; the "
            "*stock gateway* rows one started as cluster.sh starts its gateways, without it.")
        print(textwrap.fill(paragraph, width=115, break_long_words=False, break_on_hyphens=False))
        print()
        print("| measure | drtop | boto3 script | ratio | target |")
        print("|---|---:|---:|---:|---|")
        print(f"| wall, whole process | {ms(wa)} | {ms(wb)} | {wb / wa:.1f}× | ≥ 3× faster |")
        print(f"| client CPU (user+sys) | {ms(ca)} | {ms(cb)} | {cb / ca:.1f}× | ≥ 10× less |")
        print(f"| the reads alone, wall (drtop's `poll_duration_seconds`; the script's own clock) | "
              f"{ms(med(a, 'poll'))} | {ms(med(b, 'reads_wall'))} | {med(b, 'reads_wall') / med(a, 'poll'):.1f}× | |")
        print(f"| the script's CPU for the reads alone (its `process_time`, after imports) | | "
              f"{ms(med(b, 'reads_cpu'))} | | |")
        print(f"| radosgw CPU in that time | {ms(med(a, 'server'))} | {ms(med(b, 'server'))} | | |")
        print(f"| ceph-osd CPU in that time | {ms(med(a, 'osd'))} | {ms(med(b, 'osd'))} | | |")
        print(f"| requests the gateway answered | {med(a, 'requests'):.0f} | {med(b, 'requests'):.0f} | | |")
        print(f"| drtop's fixed part: client CPU of one pair (6 reads) / of `drtop --version` | "
              f"{ms(med(ones, 'cpu'))} / {ms(med(bare, 'cpu'))} | | | |")
        print(f"| every bucket's versioning (Enabled) and replication read, every run | yes | yes | | |")
        print(f"| runs (wall, ms) | {listed(a, 'wall')} | {listed(b, 'wall')} | | |")
        print(f"| runs (client CPU, ms) | {listed(a, 'cpu')} | {listed(b, 'cpu')} | | |")
        swa, swb = med(sa, "wall"), med(sb, "wall")
        print(f"| stock gateway: wall, whole process | {ms(swa)} | {ms(swb)} | {swb / swa:.1f}× | |")
        print(f"| stock gateway: client CPU (user+sys) | {ms(med(sa, 'cpu'))} | {ms(med(sb, 'cpu'))} | "
              f"{med(sb, 'cpu') / med(sa, 'cpu'):.1f}× | |")
        print(f"| stock gateway: radosgw CPU in that time | {ms(med(sa, 'server'))} | {ms(med(sb, 'server'))} | | |")
        print(f"| stock gateway: runs (wall, ms) | {listed(sa, 'wall')} | {listed(sb, 'wall')} | | |")
        print()
        (fast_first, fast_next), (stock_first, stock_next) = latency[fast], latency[stock]
        after = " ".join(
            [f"drtop's requests (its JSON, per run): {', '.join(f'{api} {n}' for api, n in shown)}; GetMetricData "
             f"{dict(shown).get('GetMetricData', 0)}." for shown in sorted(counts)]
            + [f"radosgw's CPU over drtop's reads (its CPU in the run / drtop's poll): "
               f"{med(a, 'server') / med(a, 'poll'):.2f} cores of the machine's {os.cpu_count()}, drtop's and the "
               "OSD's beside it.",
               f"One kept connection, anonymous `GET /` (the first answer, then the median of the next 20): "
               f"tcp_nodelay {ms(fast_first)}, then {ms(fast_next)}; stock {ms(stock_first)}, then {ms(stock_next)}."])
        print(textwrap.fill(after, width=115, break_long_words=False, break_on_hyphens=False))
        print()
        if stock_next > 5 * fast_next:
            reads = len(APIS) * 2 * PAIRS
            in_flight = reads * stock_next / med(sa, "poll")
            note(f"the stock gateway answers each request after a connection's first in {ms(stock_next)} (with "
                 f"tcp_nodelay, the only difference: {ms(fast_next)}): without TCP_NODELAY, Nagle's algorithm holds "
                 "part of each answer until the client's delayed ACK. There the server is the bottleneck: the "
                 f"script's {reads} sequential reads wait that long each, and drtop had {in_flight:.1f} requests in "
                 f"flight on average ({reads} × {ms(stock_next)} / its poll of {ms(med(sa, 'poll'))}), as its "
                 "adaptive limit lowers the requests in flight while answers take more than three times the "
                 "quickest seen (a connection's first).")
        if wb / wa < 3:
            note(f"missed (wall ≥ 3×): drtop {ms(wa)} against the script's {ms(wb)}; drtop's reads took "
                 f"{ms(med(a, 'poll'))} of its {ms(wa)}, the script's {ms(med(b, 'reads_wall'))} of its {ms(wb)}.")
        if cb / ca < 10:
            more = len(APIS) * 2 * (PAIRS - 1)
            per = (ca - med(ones, "cpu")) / more
            note(f"missed (client CPU ≥ 10×): drtop {ms(ca)} against the script's {ms(cb)} (its reads "
                 f"{ms(med(b, 'reads_cpu'))}, its start and imports the rest). Of drtop's, {ms(med(bare, 'cpu'))} is "
                 f"the process alone (`--version`) and {ms(med(ones, 'cpu'))} a run of one pair; the {more} more reads "
                 f"cost {ms(ca - med(ones, 'cpu'))}, {per * 1000:.2f} ms each, against "
                 f"{med(b, 'reads_cpu') / (len(APIS) * 2 * PAIRS) * 1000:.2f} ms a read in the script.")
    finally:
        for gateway in gateways:
            gateway.stop()
        shutil.rmtree(home, ignore_errors=True)
        if own:
            subprocess.run([CLUSTER_SH, "stop", own], check=False)
            shutil.rmtree(os.path.dirname(own), ignore_errors=True)


if __name__ == "__main__":
    main()

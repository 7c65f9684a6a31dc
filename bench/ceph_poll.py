#!/usr/bin/env python3
"""drtop's poll of a real two-zone Ceph RGW multisite realm with 20 buckets (lab/ceph/cluster.sh).

Prints one Markdown section for BENCHMARKS.md: requests per steady poll (drtop's own counts, by zone and API,
from `drtop snapshot --json`) and the client's CPU (user+sys from wait4) and wall time per poll. A steady poll
is the difference between `--polls N+1` and `--polls 1` divided by N (the first poll also reads the period and
each bucket's instance once). Every figure is measured in this run.
Usage: bench/ceph_poll.py [RUNS]   (DRTOP_BINARY: the drtop to measure, default the release build;
DRTOP_CEPH_CLUSTER: a running cluster's cluster.json, else one is started here and stopped afterwards)
"""
import json, os, shutil, statistics, subprocess, sys, tempfile, time
import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DRTOP = os.environ.get("DRTOP_BINARY", os.path.join(ROOT, ".build-release/release/drtop"))
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
BUCKETS = 20
POLLS = 5


def cluster():
    path = os.environ.get("DRTOP_CEPH_CLUSTER")
    if path:
        return json.load(open(path)), None
    folder = os.path.join(tempfile.mkdtemp(prefix="drtop-ceph-bench-"), "cluster")
    script = os.path.join(ROOT, "lab/ceph/cluster.sh")
    try:
        done = subprocess.run([script, "start", folder], capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"{os.path.basename(sys.argv[0])}: lab/ceph/cluster.sh start failed:\n{done.stderr[-2000:]}")
        return json.loads(done.stdout[done.stdout.index("{\n"):]), folder
    except BaseException:  # a start that failed half way (or was interrupted) leaves no daemon behind
        subprocess.run([script, "stop", folder], check=False)
        shutil.rmtree(os.path.dirname(folder), ignore_errors=True)
        raise


def prepare(info):
    """20 buckets made through zone-a-2, one object each, until zone-b lists them all."""
    def s3(gateway):
        return boto3.client("s3", endpoint_url=info["gateways"][gateway], region_name=gateway.removesuffix("-2"),
                            aws_access_key_id=info["data"]["access_key"],
                            aws_secret_access_key=info["data"]["secret_key"],
                            config=Config(retries={"max_attempts": 10, "mode": "standard"}))
    a, b = s3("zone-a-2"), s3("zone-b")
    names = [f"bench-{i:02d}" for i in range(BUCKETS)]
    have = {x["Name"] for x in a.list_buckets()["Buckets"]}
    for name in names:
        if name not in have:
            a.create_bucket(Bucket=name)
        a.put_object(Bucket=name, Key="one", Body=b"drtop bench")
    deadline = time.time() + 120
    while True:
        try:  # the data user, too, reaches zone-b by metadata sync
            if set(names) <= {x["Name"] for x in b.list_buckets()["Buckets"]}:
                break
        except ClientError:
            pass
        if time.time() > deadline:
            sys.exit("ceph_poll.py: zone-b did not list the 20 buckets within 120 s")
        time.sleep(2)
    return names


def run(config, env, polls):
    started = time.monotonic()
    process = subprocess.Popen([DRTOP, "snapshot", "--json", "--config", config, "--polls", str(polls), "--refresh", "1"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    out = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - started
    if status != 0:
        sys.exit(f"ceph_poll.py: drtop snapshot exited {status}")
    doc = json.loads(out)
    return doc, usage.ru_utime + usage.ru_stime, wall


def main():
    info, own = cluster()
    try:
        names = prepare(info)
        home = tempfile.mkdtemp(prefix="drtop-bench-home-")
        config = os.path.join(home, "drtop.toml")
        with open(config, "w") as f:
            f.write(f'rpo = "5m"\n[ceph]\nendpoint = "{info["gateways"]["zone-a"]}"\n')
        env = dict(os.environ, HOME=home, AWS_ACCESS_KEY_ID=info["system"]["access_key"],
                   AWS_SECRET_ACCESS_KEY=info["system"]["secret_key"], AWS_EC2_METADATA_DISABLED="true")
        requests, cpus, walls, apis = [], [], [], {}
        for _ in range(RUNS):
            one, cpu1, _ = run(config, env, 1)
            many, cpun, _ = run(config, env, POLLS + 1)
            buckets = [p for p in many["pairs"] if p["name"] in names]
            if len(buckets) != BUCKETS:
                sys.exit(f"ceph_poll.py: {len(buckets)} bucket pairs, not {BUCKETS}")
            # Exactly 20: a realm holding other buckets too (a test cluster's) would be measured as a bigger one.
            others = [p["name"] for p in many["pairs"] if p["name"] != info["zonegroup"] and p["name"] not in names]
            if others:
                sys.exit(f"ceph_poll.py: the realm holds {len(others)} other buckets ({', '.join(sorted(others)[:5])}…), "
                         f"not {BUCKETS} alone: use a fresh cluster (unset DRTOP_CEPH_CLUSTER) or delete them")
            count = lambda doc: {(r["region"], r["api"]): r["count"] for r in doc["requests"]}
            c1, cn = count(one), count(many)
            per = {k: (cn.get(k, 0) - c1.get(k, 0)) / POLLS for k in cn}
            requests.append(sum(per.values()))
            cpus.append((cpun - cpu1) / POLLS)
            walls.append(many["poll_duration_seconds"])
            apis = per
        print("## A Ceph realm: 2 zones, 20 buckets (`bench/ceph_poll.py`)")
        print()
        print(f"`drtop snapshot --json --polls N` against lab/ceph/cluster.sh's realm (Ceph 16.2, loopback, one memstore")
        print(f"OSD) with {BUCKETS} buckets of one object each: the zone pair and {BUCKETS} bucket pairs, both directions.")
        print(f"Per steady poll (the difference of {POLLS + 1} polls and 1, over {POLLS}); medians of {RUNS} runs.")
        print()
        print("| measure | value |")
        print("|---|---:|")
        print(f"| requests per poll | {statistics.median(requests):.0f} |")
        print(f"| client CPU per poll (user+sys) | {statistics.median(cpus) * 1000:.0f} ms |")
        print(f"| poll duration (the last poll's, as drtop reports it) | {statistics.median(walls) * 1000:.0f} ms |")
        print()
        print("Requests are counted per zone at the end of that zone's poll, so a zone's share can move by a batch")
        print("between polls (fractions below); the total is what the gateways answered.")
        print()
        print("| zone | API | requests per poll |")
        print("|---|---|---:|")
        for (zone, api), n in sorted(apis.items()):
            if n:
                print(f"| {zone} | {api} | {n:g} |")
    finally:
        if own:
            subprocess.run([os.path.join(ROOT, "lab/ceph/cluster.sh"), "stop", own], check=False)
            shutil.rmtree(os.path.dirname(own), ignore_errors=True)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""drtop against a slow, single-threaded server, side by side with the sequential boto3 script: a plain moto
server (`moto_server`, one Python process, no lab in front) holding 50 replicating pairs and three minutes of
their replication metrics, as a new user would try drtop. Each run is a whole process: `drtop snapshot --json
--no-queue --polls 1` against `bench/boto3_poll.py`, alternated; medians of RUNS.

Prints a Markdown section for BENCHMARKS.md (bench/run.sh calls it). Usage: bench/slow_server.py [RUNS]
(DRTOP_BINARY: the release drtop)
"""
import datetime, json, os, shutil, statistics, subprocess, sys, time, urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PAIRS = 50
MINUTES = 3
sys.path.insert(0, HERE)
from fleet import DRTOP, ENV, RUNS, TICK, timed  # noqa: E402  (the same runner and environment as fleet.py)
from running import free_port, pairs_toml  # noqa: E402


class Server:
    """The moto process, for `timed`: its CPU time so far."""

    def __init__(self, process):
        self.process = process

    def cpu(self):
        with open(f"/proc/{self.process.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICK


def put_metrics(url):
    """MINUTES minutes of the four replication metrics of every rule, as S3 would have published them."""
    import boto3
    from botocore.config import Config
    config = Config(disable_request_compression=True)
    now = datetime.datetime.now(datetime.timezone.utc).replace(second=0, microsecond=0)
    for region, a, b in (("us-west-2", "use1", "usw2"), ("us-east-1", "usw2", "use1")):
        session = dict(region_name=region, endpoint_url=url, aws_access_key_id="testing",
                       aws_secret_access_key="testing", config=config)
        cw, s3 = boto3.client("cloudwatch", **session), boto3.client("s3", **session)
        for i in range(PAIRS):
            source, destination = f"lab{i}-{a}", f"lab{i}-{b}"
            rule = s3.get_bucket_replication(Bucket=source)["ReplicationConfiguration"]["Rules"][0]["ID"]
            dims = [{"Name": "SourceBucket", "Value": source}, {"Name": "DestinationBucket", "Value": destination},
                    {"Name": "RuleId", "Value": rule}]
            data = [{"MetricName": name, "Dimensions": dims, "Timestamp": now - datetime.timedelta(minutes=m),
                     "Value": float(m)}
                    for m in range(MINUTES) for name in ("ReplicationLatency", "OperationsPendingReplication",
                                                         "BytesPendingReplication", "OperationsFailedReplication")]
            cw.put_metric_data(Namespace="AWS/S3", MetricData=data)


def main():
    moto = shutil.which("moto_server") or sys.exit("slow_server.py: moto_server not found (pip install 'moto[server]')")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([moto, "-H", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "/moto-api/", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        subprocess.run([sys.executable, os.path.join(ROOT, "lab", "setup.py"), "--east", url, "--west", url,
                        "--pairs", str(PAIRS)], check=True, stdout=subprocess.DEVNULL, env=ENV)
        put_metrics(url)
        config = os.path.join(ENV["HOME"], "plain.toml")
        with open(config, "w") as f:
            f.write(pairs_toml(PAIRS, {"us-east-1": url, "us-west-2": url}, header='rpo = "15m"\n'))
        drtop = [DRTOP, "snapshot", "--json", "--no-queue", "--config", config,
                 "--polls", "1"]
        script = [sys.executable, os.path.join(HERE, "boto3_poll.py"),
                  "--east", url, "--west", url, "--pairs", str(PAIRS)]
        a, b = [], []
        moto_cpu = Server(server)
        for _ in range(RUNS):  # (wall, client CPU, peak RSS, stdout, server CPU)
            a.append(timed(drtop, moto_cpu, env=ENV))
            b.append(timed(script, moto_cpu, env=ENV))
        measured = [json.loads(run[3]) for run in a]
        complete = all(d["regions"] and all(r["status"] == "up" for r in d["regions"])
                       and all(x["lag_seconds"] is not None for p in d["pairs"] for x in p["directions"])
                       for d in measured)
        wa, wb = statistics.median(r[0] for r in a), statistics.median(r[0] for r in b)
        sa, sb = statistics.median(r[4] for r in a), statistics.median(r[4] for r in b)
        first = json.loads(b[0][3].splitlines()[0])
        print("## A slow, single-threaded server: plain moto (`bench/slow_server.py`)")
        print()
        print(f"`moto_server` alone (one Python process, no lab in front), {PAIRS} pairs, {MINUTES} minutes of their")
        print(f"replication metrics ({first['datapoints']} datapoints): one whole process each, `drtop snapshot --json")
        print(f"--no-queue --polls 1` against `bench/boto3_poll.py` (sequential), alternated, medians of {RUNS}.")
        print("*server CPU* is moto's own CPU time during the run.")
        print()
        print("| measure | drtop | boto3 script | ratio | target |")
        print("|---|---:|---:|---:|---|")
        print(f"| first poll, wall | {wa * 1000:.0f} ms | {wb * 1000:.0f} ms | {wb / wa:.2f}× | drtop never slower |")
        ca, cb = statistics.median(r[1] for r in a), statistics.median(r[1] for r in b)
        print(f"| client CPU (user+sys) | {ca * 1000:.0f} ms | {cb * 1000:.0f} ms | {cb / ca:.1f}× | |")
        print(f"| server CPU in that time | {sa * 1000:.0f} ms | {sb * 1000:.0f} ms | | |")
        print(f"| every direction's lag read, both regions up | {'yes' if complete else 'NO'} | yes | | |")
        print(f"| runs (wall) | {' / '.join(f'{r[0] * 1000:.0f}' for r in a)} | "
              f"{' / '.join(f'{r[0] * 1000:.0f}' for r in b)} | | |")
        print()
        if sa > sb * 1.2:
            print(f"- Note: moto spent {sa * 1000:.0f} ms of CPU answering drtop against {sb * 1000:.0f} ms for the "
                  "script, for the same 300 configuration reads and 2 GetMetricData calls: drtop sends up to 16 "
                  "requests at once to one Python process (its limit falls only once answers slow down), and asks "
                  "GetMetricData in CloudWatch's query protocol (an XML answer) where boto3 uses its newer one; "
                  "the two were not measured apart. The wall is moto's either way.")
            print()
        if wa > wb:
            print(f"- Note: missed: drtop {wa * 1000:.0f} ms against the script's {wb * 1000:.0f} ms.")
            print()
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()

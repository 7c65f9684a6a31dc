"""A replication lab running as a child process, for the lab's own tests, the soak and the benchmarks: free
loopback ports, drtoplab.py started and waited for, setup.py run, and drtop configurations written for it."""
import json, os, socket, subprocess, sys, time, urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
# drlab.arc.ENDPOINT_REGIONS, in the order of drtoplab.py's --arc-ports
ARC_REGIONS = ("us-east-1", "us-west-2", "eu-west-1", "ap-northeast-1", "ap-southeast-2")

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

def free_ports(count):
    """`count` distinct free loopback ports (each held until all are chosen, so none is handed out twice)."""
    sockets = [socket.socket() for _ in range(count)]
    try:
        for s in sockets:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()

def pairs_toml(pairs, endpoints, header="", prefix="lab"):
    """A drtop configuration: `header` lines, an endpoint per region, and `pairs` pairs PREFIXi-use1 <-> PREFIXi-usw2."""
    out = header
    for region, endpoint in endpoints.items():
        out += f'[regions.{region}]\nendpoint = "{endpoint}"\n'
    for i in range(pairs):
        out += (f'[[pair]]\nname = "{prefix}{i}"\nprimary = {{ bucket = "{prefix}{i}-use1", region = "us-east-1" }}\n'
                f'secondary = {{ bucket = "{prefix}{i}-usw2", region = "us-west-2" }}\n')
    return out

class RunningLab:
    """drtoplab.py on free ports with `pairs` pairs set up; stop() ends it. `lab_args` go to drtoplab.py (e.g.
    ["--rtc-threshold", "2"]), `setup_args` to setup.py (e.g. ["--events", "--fanout"]); setup.py's output is kept
    in `setup_output` (queue URLs: `events REGION URL`). `regions` are more regions to serve (e.g.
    ["ap-southeast-2"], url(region) their endpoint); the ARC cluster's five endpoints get free ports (arc_url).
    `tls=True`: every AWS endpoint is HTTPS with keep-alive (drtoplab.py --tls), `ca_bundle` the certificate to
    trust (AWS_CA_BUNDLE; `env` is the environment with it set); `keep_alive=True`: plain HTTP with keep-alive."""

    def __init__(self, pairs, delay=0.5, metrics_period=5, tick=None, lab_args=(), setup_args=(), regions=(),
                 tls=False, keep_alive=False):
        ports = free_ports(3 + len(regions) + len(ARC_REGIONS))
        self.east, self.west, self.control = ports[:3]
        self.extra = dict(zip(regions, ports[3:3 + len(regions)]))      # more regions served (--region REGION=PORT)
        self.arc = dict(zip(ARC_REGIONS, ports[3 + len(regions):]))     # the ARC cluster's endpoints
        command = [sys.executable, os.path.join(HERE, "drtoplab.py"), "--east-port", str(self.east),
                   "--west-port", str(self.west), "--control-port", str(self.control), "--delay", str(delay),
                   "--metrics-period", str(metrics_period), "--arc-ports", ",".join(map(str, self.arc.values()))]
        for region, port in self.extra.items():
            command += ["--region", f"{region}={port}"]
        if tick is not None:
            command += ["--tick", str(tick)]
        if tls:
            command += ["--tls"]
        if keep_alive:
            command += ["--keep-alive"]
        command += list(lab_args)
        self.scheme = "https" if tls else "http"
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.control), timeout=0.2).close()
                break
            except OSError:
                if time.time() > deadline or self.process.poll() is not None:
                    self.stop()
                    sys.exit("the lab did not start (pip install 'moto[server]==5.2.1')")
                time.sleep(0.1)
        self.ca_bundle = (self.status().get("tls") or {}).get("ca_bundle")
        self.env = dict(os.environ, AWS_CA_BUNDLE=self.ca_bundle) if self.ca_bundle else dict(os.environ)
        self.setup_output = subprocess.run(
            [sys.executable, os.path.join(HERE, "setup.py"), "--east", self.url("us-east-1"), "--west",
             self.url("us-west-2"), "--control", f"http://127.0.0.1:{self.control}", "--pairs", str(pairs),
             *setup_args], check=True, stdout=subprocess.PIPE, env=self.env,
            text=True).stdout

    def status(self):
        """The control API's GET /status."""
        with urllib.request.urlopen(f"http://127.0.0.1:{self.control}/status", timeout=10) as answer:
            return json.load(answer)

    def queue(self, region):
        """The URL of the region's event queue (setup.py --events)."""
        for line in self.setup_output.splitlines():
            if line.startswith(f"events {region} "):
                return line.split()[2]
        return None

    def url(self, region):
        if region in self.extra:
            return f"{self.scheme}://127.0.0.1:{self.extra[region]}"
        return f"{self.scheme}://127.0.0.1:{self.east if region == 'us-east-1' else self.west}"

    def arc_url(self, region):
        """The ARC cluster endpoint in `region` (as DescribeCluster names it)."""
        return f"{self.scheme}://127.0.0.1:{self.arc[region]}/v1"

    @property
    def endpoints(self):
        return {"us-east-1": self.url("us-east-1"), "us-west-2": self.url("us-west-2")}

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
        self.process.wait(timeout=10)

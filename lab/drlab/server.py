"""drtop's two-region replication lab: moto's S3 + CloudWatch behind one loopback port per region, plus a
replicator that enacts S3 replication from the buckets' own replication configurations, and fault controls.

usage: drtoplab.py [--east-port 5001] [--west-port 5002] [--control-port 5009] [--delay 2] [--bandwidth 0]
                   [--metrics-period 60] [--tick 0.2] [--rtc-threshold 900] [--region REGION=PORT ...]
                   [--arc-ports 5011,5012,5013,5014,5015] [--tls [--tls-dir DIR]] [--keep-alive]
                   [--idle-timeout 60]

- A new version in a bucket with an enabled, matching rule is PENDING (HEAD/GET show x-amz-replication-status),
  is copied to the destination after --delay seconds (plus size / --bandwidth MB/s when set), then the source is
  COMPLETED and the copy REPLICA. Replicas are never replicated again. Every enabled rule whose prefix filter
  matches applies, one per destination bucket (priority decides between rules with the same destination); with
  several destinations the source is PENDING until all are done, COMPLETED when all are, FAILED when any fails.
  A destination that is missing or unversioned fails (DstBucketNotFound, DstBucketUnversioned).
- S3 event notifications go to SQS as S3 sends them (moto's queues, same ports): s3:ObjectCreated:* with version
  IDs, and s3:Replication:OperationFailedReplication (failure reason, destination bucket); for RTC rules
  OperationMissedThreshold after --rtc-threshold seconds and OperationReplicatedAfterThreshold when such an
  object completes; OperationNotTracked for objects /direction/.../untrack takes out of the metrics.
- The four AWS/S3 replication metrics are published per rule every --metrics-period seconds: latency and backlog
  in the destination's region, failures in the source's.
- PutObject as S3 checks it: to a bucket with Object Lock and a default retention (or with Object Lock headers)
  without Content-MD5 or an x-amz-checksum-* header, 400 InvalidRequest; an x-amz-checksum-sha256 that is not the
  body's, 400 BadDigest.
- Controls on --control-port (POST, answers JSON):
    /region/REGION/ok | refuse | hang | slowdown      the region's endpoint works, refuses connections,
                                                      accepts and never answers, or answers 503 SlowDown
    /direction/SRC-BUCKET/DST-BUCKET/ok | pause | fail?reason=DstKmsKeyNotFound | slow?delay=SECONDS | untrack
    /seed/BUCKET?count=5000&prefix=old/&per_key=1&age=SECONDS&copies=1   old versions, already replicated
    /deny/API | /allow/API                            API (ListBuckets, HeadBucket, GetMetricData, ...) answers
                                                      AccessDenied in every region, or no longer
    /metric-status/METRIC/InternalError|Forbidden|PartialData|ok?source=BUCKET&message=TEXT&per_page=N
                                                      GetMetricData answers those queries with that StatusCode
                                                      (PartialData: N datapoints a page behind NextToken)
    /mrap/NAME/dial?bucket=BUCKET&percent=0..100      that route's TrafficDialPercentage (GetMultiRegionAccessPointRoutes)
    /health-check/ID/fail?reason=TEXT | /health-check/ID/ok
                                                      Route 53 health check ID unhealthy: HealthCheckStatus 0 (AWS/Route53,
                                                      us-east-1) and GetHealthCheckStatus Failure; ok: 1 again
    /arc/control?name=NAME&state=On|Off               a routing control of the lab's ARC cluster; answers its ARN
    /arc/control/NAME/On | Off                        flips it (GetRoutingControlState at every cluster endpoint)
    /arc/endpoint/REGION/ok | refuse | hang           one of the cluster's five endpoints refuses or never answers
    /accelerator?name=NAME&regions=us-east-1,us-west-2
                                                      a Global Accelerator: a TCP 443 listener, a group per region
    /accelerator/NAME/dial?region=REGION&percent=P    that endpoint group's TrafficDialPercentage
    /accelerator/NAME/health?region=REGION&state=UNHEALTHY&reason=TEXT
                                                      that group's endpoints' HealthState (HEALTHY, UNHEALTHY, INITIAL)
    /backup/BUCKET/recovery-point?age=SECONDS&type=periodic|continuous&vault=NAME&status=COMPLETED&size=BYTES
                                                      an AWS Backup recovery point of the bucket (periodic: with its
                                                      COMPLETED job; continuous: CreationDate is protection's start)
    /backup/BUCKET/fail?message=TEXT                  a newer backup job, FAILED with that StatusMessage
    /backup/BUCKET/stop                               continuous protection STOPPED
  and GET /status (objects by status, faults in force, routing and backup state).
- Stand-ins for what moto lacks: S3 MRAP routes (s3control at every region endpoint, answered in the five failover
  control regions only), AWS Backup's ListRecoveryPointsByResource / ListBackupJobs / DescribeProtectedResource (each
  region's endpoint), Global Accelerator and ARC's DescribeCluster (the us-west-2 endpoint), and an ARC cluster whose
  five endpoints (us-east-1, us-west-2, eu-west-1, ap-northeast-1, ap-southeast-2) listen on --arc-ports.
- --region REGION=PORT serves one more region on PORT (e.g. ap-southeast-2, a third MRAP control plane region).
- --tls: every endpoint that stands in for AWS (the regions' and ARC's cluster endpoints; not the control API) is
  HTTPS with HTTP/1.1 keep-alive, as AWS's are, with a self-signed certificate for 127.0.0.1 and localhost made
  with openssl at start, in --tls-dir (default: a temporary directory, removed when the lab ends). Its path is
  printed (ca_bundle PATH) and in GET /status (tls.ca_bundle): set AWS_CA_BUNDLE to it. --keep-alive: plain HTTP
  with keep-alive. Without either the endpoints close every connection after one answer (werkzeug's server). A
  kept-alive connection idle --idle-timeout seconds is closed. /status's `endpoints` counts each endpoint's
  connections and requests (and TLS handshakes that failed).
moto ties neither ports nor buckets to regions; the region of a request comes from its signature, so point each
region's drtop endpoint at its own port (lab/drtop.toml).
"""
import argparse, shutil, signal, sys, tempfile, threading
from http.server import ThreadingHTTPServer

from moto.server import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import make_server

from . import arc, motopatches, tls
from .control import control_handler
from .gate import RegionGate
from .metrics import MetricsPublisher
from .persistent import PersistentServer
from .replicator import Replicator
from .world import ACCOUNT, World


class Listening:
    """How the lab's AWS endpoints listen: werkzeug's server, closing every connection (the default), or
    PersistentServer's keep-alive, over TLS when `ssl_context` is set."""
    def __init__(self, keep_alive=False, ssl_context=None, idle_timeout=60.0, ca_bundle=None):
        self.keep_alive = keep_alive or ssl_context is not None
        self.ssl_context, self.idle_timeout, self.ca_bundle = ssl_context, idle_timeout, ca_bundle

    @property
    def scheme(self):
        return "https" if self.ssl_context is not None else "http"


class Endpoint:
    """A loopback port serving a WSGI application. stop() closes the listener (connections refused) and, with
    keep-alive, every open connection; start() opens it again. counts(): connections and requests so far (keep-alive
    only: without it every request is a connection of its own)."""
    def __init__(self, application, port, listening=None):
        self.application, self.port, self.server = application, port, None
        self.listening = listening or Listening()
        self._counts = {"connections": 0, "requests": 0, "tls_failures": 0, "tls_resumed": 0}
        self._lock = threading.Lock()  # start/stop come from control threads
        self.start()

    @property
    def url(self):
        return f"{self.listening.scheme}://127.0.0.1:{self.port}"

    def start(self):
        with self._lock:
            if self.server is None:
                if self.listening.keep_alive:
                    self.server = PersistentServer("127.0.0.1", self.port, self.application,
                                                   ssl_context=self.listening.ssl_context,
                                                   idle_timeout=self.listening.idle_timeout)
                else:
                    self.server = make_server("127.0.0.1", self.port, self.application, threaded=True)
                threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        with self._lock:
            if self.server is not None:
                if isinstance(self.server, PersistentServer):
                    for name, value in self.server.counts().items():
                        self._counts[name] += value
                    self.server.stop()
                else:
                    self.server.shutdown()
                    self.server.server_close()
                self.server = None

    def counts(self):
        """{"connections", "requests", "tls_failures", "tls_resumed"} since the lab started, or None without keep-alive."""
        if not self.listening.keep_alive:
            return None
        with self._lock:
            live = self.server.counts() if isinstance(self.server, PersistentServer) else {}
            return {name: value + live.get(name, 0) for name, value in self._counts.items()}


class RegionEndpoint(Endpoint):
    """One region's loopback port: moto's application behind the region's gate."""
    def __init__(self, world, app, region, port, listening=None):
        self.region = region
        super().__init__(RegionGate(world, app, region), port, listening)


def parse_arguments(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--east-port", type=int, default=5001)
    parser.add_argument("--west-port", type=int, default=5002)
    parser.add_argument("--control-port", type=int, default=5009)
    parser.add_argument("--delay", type=float, default=2.0, help="seconds before an object replicates")
    parser.add_argument("--bandwidth", type=float, default=0.0, help="MB/s per object copy (0: unlimited)")
    parser.add_argument("--metrics-period", type=float, default=60.0, help="seconds between metric publications")
    parser.add_argument("--tick", type=float, default=0.2, help="replicator scan interval")
    parser.add_argument("--rtc-threshold", type=float, default=900.0,
                        help="seconds before an object of an RTC rule is OperationMissedThreshold (S3: 900)")
    parser.add_argument("--account", action="append", default=[], metavar="KEY=ACCOUNT",
                        help="requests signed with access key KEY belong to ACCOUNT (repeatable; others: "
                             f"{ACCOUNT}): its own buckets, 403 on others'")
    parser.add_argument("--list-buckets-without-region", action="store_true",
                        help="ListBuckets without BucketRegion, as S3 before 2024 and S3-compatible stores answer")
    parser.add_argument("--region", action="append", default=[], metavar="REGION=PORT",
                        help="serve one more region on PORT (repeatable), e.g. ap-southeast-2=5003")
    parser.add_argument("--arc-ports", default="5011,5012,5013,5014,5015",
                        help="the ARC cluster's five endpoints' ports (us-east-1, us-west-2, eu-west-1, "
                             "ap-northeast-1, ap-southeast-2)")
    parser.add_argument("--tls", action="store_true",
                        help="HTTPS with keep-alive at every AWS endpoint, a self-signed certificate for 127.0.0.1")
    parser.add_argument("--tls-dir", help="where --tls writes cert.pem and key.pem (default: a temporary directory)")
    parser.add_argument("--keep-alive", action="store_true", help="plain HTTP/1.1 with keep-alive")
    parser.add_argument("--idle-timeout", type=float, default=60.0,
                        help="seconds a kept-alive connection may stay idle before the lab closes it")
    return parser.parse_args(argv)


def listening(args):
    """The endpoints' Listening for the arguments, and the temporary directory to remove at exit (or None)."""
    if not args.tls:
        return Listening(keep_alive=args.keep_alive, idle_timeout=args.idle_timeout), None
    made = None if args.tls_dir else tempfile.mkdtemp(prefix="drtoplab-tls-")
    cert, key = tls.make_certificate(args.tls_dir or made)
    return Listening(ssl_context=tls.server_context(cert, key), idle_timeout=args.idle_timeout, ca_bundle=cert), made


def main(argv=None):
    """Runs the lab until interrupted: the world, moto patched for it, both regions' endpoints, the replicator,
    the metrics publisher, and the control API in the foreground."""
    args = parse_arguments(argv)
    # SIGTERM (RunningLab.stop, kill) ends the lab as Ctrl-C does, so that what it made is removed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    listen, made = listening(args)
    try:
        serve(args, listen)
    finally:
        if made:
            shutil.rmtree(made, ignore_errors=True)


def serve(args, listen):
    """The world, moto patched for it, the endpoints, the replicator, the publisher; the control API until the lab
    is interrupted."""
    accounts = {}
    for item in args.account:
        key, _, account = item.partition("=")
        accounts[key] = account
    world = World(rtc_threshold=args.rtc_threshold, list_without_region=args.list_buckets_without_region,
                  access_key_accounts=accounts)
    motopatches.apply(world)
    app = DomainDispatcherApplication(create_backend_app)
    endpoints = {"us-east-1": RegionEndpoint(world, app, "us-east-1", args.east_port, listen),
                 "us-west-2": RegionEndpoint(world, app, "us-west-2", args.west_port, listen)}
    for item in args.region:
        region, _, port = item.partition("=")
        endpoints[region] = RegionEndpoint(world, app, region, int(port), listen)
    arc_ports = [int(p) for p in args.arc_ports.split(",")]
    if len(arc_ports) != len(arc.ENDPOINT_REGIONS):
        raise SystemExit(f"--arc-ports needs {len(arc.ENDPOINT_REGIONS)} ports")
    arc.add_cluster(world, arc_ports, listen.scheme)
    arc_endpoints = {region: Endpoint(arc.ClusterEndpoint(world, region), port, listen)
                     for region, port in zip(arc.ENDPOINT_REGIONS, arc_ports)}
    Replicator(world, args.delay, args.bandwidth, args.tick).start()
    MetricsPublisher(world, args.metrics_period).start()
    control = ThreadingHTTPServer(("127.0.0.1", args.control_port),
                                  control_handler(world, endpoints, arc_endpoints, listen.ca_bundle))
    regions = "  ".join(f"{r} {e.url}" for r, e in endpoints.items())
    bundle = f"  ca_bundle {listen.ca_bundle}" if listen.ca_bundle else ""
    print(f"drtoplab: {regions}  control http://127.0.0.1:{args.control_port}  arc {','.join(map(str, arc_ports))}"
          f"{bundle}", flush=True)
    try:
        control.serve_forever()
    except KeyboardInterrupt:
        pass

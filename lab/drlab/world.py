"""The lab's world: everything the replicator, the metrics publisher, the region endpoints and the control API
share, in one object. moto's own stores (buckets, versions, metrics, queues) stay moto's; `World` holds what the
lab adds beside them — replication state per version, the counters behind the published metrics, the faults in
force, accounts, and the request audit — and the lock every reader and writer of it (and of moto's S3) takes."""
import threading

from moto.backends import get_backend

ACCOUNT = "123456789012"   # moto's account: every bucket lives in its S3 store; the default owner of buckets


class World:
    def __init__(self, rtc_threshold=900.0, list_without_region=False, access_key_accounts=None):
        # Held around every moto request (region endpoints), every replicator tick and metrics publication, and
        # every control call: moto's S3 store and the state below change under it only.
        self.lock = threading.RLock()

        # Replication, per version.
        self.status = {}        # (bucket, key, version) -> "PENDING" | "COMPLETED" | "FAILED" | "REPLICA" (a source's: all destinations')
        self.destinations = {}  # (bucket, key, version) -> {destination bucket: "PENDING" | "COMPLETED" | "FAILED"}
        self.reason = {}        # (bucket, key, version, destination) -> failure reason
        self.pending = {}       # (bucket, key, version, destination) -> dict(since, rule, size, value, rtc, threshold, missed, tracked)
        self.replicas = set()   # (bucket, key, version) written by the replicator
        self.markers = set()    # (bucket, key, version) delete markers already handled (seen or written by the replicator)
        # seconds an RTC rule's object may take before OperationMissedThreshold (S3: 15 minutes)
        self.rtc_threshold = rtc_threshold

        # The metrics publisher's counters for the current period.
        self.latencies = {}     # (source, destination, rule) -> [seconds] completed in the current period
        self.failures = {}      # (source, destination, rule) -> count failed in the current period

        # Faults in force (the control API sets them).
        self.region_mode = {}   # region -> "ok" | "hang" | "slowdown" | "refuse"
        self.direction = {}     # (source, destination) -> {"mode": ..., "reason": ..., "delay": ...}
        self.denied = set()     # API names that answer AccessDenied in every region ("ListBuckets", "GetMetricData", ...)
        self.metric_status = {}  # (metric name, source bucket or "") -> {"code": ..., "message": ..., "per_page": N}

        # Traffic and recovery: the stand-ins for the services moto lacks, and their controls (mrap.py, arc.py,
        # accelerator.py, backup.py; Route 53's health from metrics.py).
        self.mrap_dials = {}     # (MRAP name, bucket) -> TrafficDialPercentage (0-100); absent: 100, as S3 creates routes
        self.health_failed = {}  # Route 53 health check id -> reason: HealthCheckStatus 0 and GetHealthCheckStatus Failure
        self.arc_clusters = {}   # cluster ARN -> {"name", "endpoints": [(region, url)]}
        self.arc_controls = {}   # routing control ARN -> {"name", "state": "On"|"Off", "panel", "panel_name", "cluster"}
        self.arc_endpoint_mode = {}  # cluster endpoint region -> "ok" | "hang" | "refuse" (refuse: listener stopped)
        self.accelerators = {}   # accelerator ARN -> {"name", "created", "listeners": {ARN: {"groups": {ARN: {...}}}}}
        self.backup_points = []  # dicts: arn, resource, region, vault, created, status, continuous, stopped_at
        self.backup_jobs = []    # dicts: id, resource, region, vault, created, completed, state, message, point

        # How S3 answers (flags of drtoplab.py).
        # --list-buckets-without-region: answer as S3 did before BucketRegion (2024) and as S3-compatible stores do.
        self.list_without_region = list_without_region

        # Accounts: moto keeps one S3 world for every caller; the lab gives buckets owners (motopatches, gate).
        self.access_key_accounts = dict(access_key_accounts or {})  # access key id -> account id
        self.bucket_owners = {}  # bucket -> account id (buckets not listed belong to ACCOUNT)

        # The request audit (GET /status), under its own lock: counted before a request waits for `lock`.
        self.audit_lock = threading.Lock()
        self.requests = {}      # "drtop S3 GET", "drtop Query GetMetricData", ... -> count, by user agent family
        self.by_region = {}     # "drtop us-east-1 GetBucketVersioning" -> count: which API, at which region's endpoint
        self.by_buckets = {}    # "drtop GetMetricData lab0-use1,lab0-usw2" -> count: which buckets a request names ("-": none)

        # The last error of the replicator or the publisher (a lab keeps running; GET /status shows it).
        self.last_error = None

    # moto's stores
    def s3(self):
        return get_backend("s3")[ACCOUNT]["aws"]

    def cloudwatch(self, region):
        return get_backend("cloudwatch")[ACCOUNT][region]

    def region_of(self, bucket_name):
        bucket = self.s3().buckets.get(bucket_name)
        return bucket.region_name if bucket is not None else None

    # accounts
    def caller_account(self, authorization):
        """The account of a SigV4 Authorization header's access key."""
        marker = "Credential="
        start = authorization.find(marker)
        key = authorization[start + len(marker):].split("/", 1)[0] if start >= 0 else ""
        return self.access_key_accounts.get(key, ACCOUNT)

    def owner_of(self, bucket):
        return self.bucket_owners.get(bucket, ACCOUNT)

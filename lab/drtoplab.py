#!/usr/bin/env python3
"""drtop's two-region replication lab: moto's S3 + CloudWatch behind one loopback port per region, plus a
replicator that enacts S3 replication from the buckets' own replication configurations, and fault controls.

usage: drtoplab.py [--east-port 5001] [--west-port 5002] [--control-port 5009] [--delay 2] [--bandwidth 0]
                   [--metrics-period 60] [--tick 0.2] [--rtc-threshold 900]

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
  and GET /status (objects by status, faults in force).
moto ties neither ports nor buckets to regions; the region of a request comes from its signature, so point each
region's drtop endpoint at its own port (lab/drtop.toml).
"""
import argparse, datetime, hashlib, io, json, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from moto.backends import get_backend
from moto.server import DomainDispatcherApplication, create_backend_app
from moto.s3.models import FakeDeleteMarker, FakeKey
from werkzeug.serving import make_server

ACCOUNT = "123456789012"
LOCK = threading.RLock()
STATUS = {}        # (bucket, key, version) -> "PENDING" | "COMPLETED" | "FAILED" | "REPLICA" (a source's: all destinations')
DESTINATIONS = {}  # (bucket, key, version) -> {destination bucket: "PENDING" | "COMPLETED" | "FAILED"}
REASON = {}        # (bucket, key, version, destination) -> failure reason
PENDING = {}       # (bucket, key, version, destination) -> dict(since, rule, size, value, rtc, missed, tracked)
RTC_THRESHOLD = [900.0]  # seconds an RTC rule's object may take before OperationMissedThreshold (S3: 15 minutes)
REPLICAS = set()   # (bucket, key, version) written by the replicator
MARKERS = set()    # (bucket, key, version) delete markers already handled (seen or written by the replicator)
LATENCIES = {}     # (source, destination, rule) -> [seconds] completed in the current period
FAILURES = {}      # (source, destination, rule) -> count failed in the current period
REGION_MODE = {}   # region -> "ok" | "hang" | "slowdown" | "refuse"
DIRECTION = {}     # (source, destination) -> {"mode": ..., "reason": ..., "delay": ...}
REQUESTS = {}      # "S3 GET", "S3 PUT", "CloudWatch GetMetricData", ... -> count, by user agent family
BY_REGION = {}     # "drtop us-east-1 GetBucketVersioning" -> count: which API, at which region's endpoint
AUDIT_LOCK = threading.Lock()

_original = FakeKey.response_dict.fget
def _response_dict(self):
    headers = _original(self)
    status = STATUS.get((self.bucket_name, self.name, str(self.version_id)))
    if status:
        headers["x-amz-replication-status"] = status
    return headers
FakeKey.response_dict = property(_response_dict)

# moto 5.2.1 answers GetBucketReplication with DeleteMarkerReplication always Disabled, the filter always empty,
# and no SourceSelectionCriteria or ExistingObjectReplication; a rule of the first schema (V1: a top-level Prefix, no
# Filter, no Priority) comes back as a V2 rule with Priority 1, an empty Filter and its prefix lost. S3 answers with
# the rule as it was put, V1 as V1 (ID, Prefix, Status, Destination, no Priority and no DeleteMarkerReplication):
# so does the lab.
from moto.s3.responses import S3Response
from moto.core.responses import ActionResult
from moto.s3.exceptions import ReplicationConfigurationNotFoundError

def _faithful_replication(self):
    self.data["Action"] = "GetBucketReplication"
    replication = self.backend.get_bucket_replication(self.bucket_name)
    if not replication:
        raise ReplicationConfigurationNotFoundError(bucket_name=self.bucket_name)
    rules = []
    for rule in as_list(replication.get("Rule")):
        if is_v1(rule):
            out = {"ID": rule["ID"], "Prefix": rule.get("Prefix") or "", "Status": rule["Status"],
                   "Destination": rule["Destination"]}
            for name in ("SourceSelectionCriteria", "ExistingObjectReplication"):
                if rule.get(name):
                    out[name] = rule[name]
            rules.append(out)
            continue
        out = {"ID": rule["ID"], "Priority": rule["Priority"], "Status": rule["Status"],
               "Destination": rule["Destination"], "Filter": {"Prefix": prefix_of(rule)},
               "DeleteMarkerReplication": rule.get("DeleteMarkerReplication") or {"Status": "Disabled"}}
        for name in ("SourceSelectionCriteria", "ExistingObjectReplication"):
            if rule.get(name):
                out[name] = rule[name]
        rules.append(out)
    return self.serialized(ActionResult({"ReplicationConfiguration": {"Role": replication["Role"], "Rules": rules}}))
S3Response.get_bucket_replication = _faithful_replication

# S3's event records carry the version ID of a versioned bucket's new version and a UTC time with milliseconds
# and a Z; moto 5.2.1's carry neither. The lab's records do, as S3's.
from moto.s3 import notifications
_original_event = notifications._get_s3_event
def _faithful_event(event_name, bucket, key, notification_id):
    body = _original_event(event_name, bucket, key, notification_id)
    for record in body["Records"]:
        record["eventTime"] = aws_time()
        if getattr(key, "version_id", None) not in (None, "null"):
            record["s3"]["object"]["versionId"] = str(key.version_id)
    return body
notifications._get_s3_event = _faithful_event

# moto 5.2.1 answers ListBuckets in creation order, without BucketRegion, ContinuationToken or Prefix, and cuts the
# list at max-buckets with no way to the rest. S3 answers in name order, each Bucket with its BucketRegion; with
# max-buckets (1-10000) it pages, a ContinuationToken in the answer while more remain; prefix and bucket-region
# filter, and a Prefix sent is echoed. So does the lab.
import base64
from moto.s3.exceptions import InvalidArgumentError, InvalidContinuationToken

# --list-buckets-without-region: answer as S3 did before BucketRegion (2024) and as S3-compatible stores still do.
LIST_WITHOUT_REGION = [False]

def _faithful_list_buckets(self):
    self.data["Action"] = "ListAllMyBuckets"
    self._authenticate_and_authorize_s3_action()
    prefix = self._get_param("prefix")
    region = self._get_param("bucket-region")
    limit = self._get_param("max-buckets")
    token = self._get_param("continuation-token")
    if limit is not None:
        if not str(limit).isdigit() or not 1 <= int(limit) <= 10000:
            raise InvalidArgumentError("Argument max-buckets must be an integer between 1 and 10000.",
                                       "max-buckets", str(limit))
        limit = int(limit)
    after = None
    if token is not None:
        try:
            after = base64.urlsafe_b64decode(token.encode()).decode()
            if not after.startswith("v1:"):
                raise ValueError(token)
            after = after[3:]
        except ValueError:
            raise InvalidContinuationToken()
    buckets = sorted(self.backend.buckets.values(), key=lambda b: b.name)
    buckets = [b for b in buckets if (not prefix or b.name.startswith(prefix))
               and (not region or b.region_name == region) and (after is None or b.name > after)]
    result = {"Owner": {"ID": "bcaf1ffd86f41161ca5fb16fd081034f", "DisplayName": "webfile"}}
    if limit is not None and len(buckets) > limit:
        buckets = buckets[:limit]
        result["ContinuationToken"] = base64.urlsafe_b64encode(f"v1:{buckets[-1].name}".encode()).decode()
    result["Buckets"] = [{"Name": b.name, "CreationDate": b.creation_date_ISO8601}
                         | ({} if LIST_WITHOUT_REGION[0] else {"BucketRegion": b.region_name}) for b in buckets]
    if prefix is not None:
        result["Prefix"] = prefix
    self.data["Action"] = "ListBuckets"
    return self.serialized(ActionResult(result))
S3Response.all_buckets = _faithful_list_buckets

# Accounts. moto 5.2.1 keeps one S3 world for every caller: each account sees every bucket. S3 does not: a
# bucket belongs to the account that created it, ListBuckets lists the caller's own, and another account's
# bucket answers 403 AccessDenied (without a bucket policy granting access, which the lab does not model). With
# `--account KEY=ACCOUNT`, requests signed with access key KEY are that account's; other keys are ACCOUNT's.
ACCESS_KEY_ACCOUNTS = {}  # access key id -> account id
BUCKET_OWNERS = {}        # bucket -> account id (buckets not listed belong to ACCOUNT)

def caller_account(authorization):
    """The account of a SigV4 Authorization header's access key."""
    marker = "Credential="
    start = authorization.find(marker)
    key = authorization[start + len(marker):].split("/", 1)[0] if start >= 0 else ""
    return ACCESS_KEY_ACCOUNTS.get(key, ACCOUNT)

def owner_of(bucket):
    return BUCKET_OWNERS.get(bucket, ACCOUNT)

_all_buckets_for_everyone = S3Response.all_buckets
def _own_buckets(self):
    answer = _all_buckets_for_everyone(self)
    caller = caller_account(self.headers.get("Authorization", ""))
    if not BUCKET_OWNERS and caller == ACCOUNT:
        return answer
    status, headers, body = answer if isinstance(answer, tuple) else (200, {}, answer)
    import xml.etree.ElementTree as ET
    ns = "{http://s3.amazonaws.com/doc/2006-03-01/}"
    root = ET.fromstring(body)
    ET.register_namespace("", ns.strip("{}"))
    buckets = root.find(f"{ns}Buckets")
    for bucket in list(buckets if buckets is not None else []):
        if owner_of(bucket.find(f"{ns}Name").text) != caller:
            buckets.remove(bucket)
    return status, headers, ET.tostring(root, encoding="unicode")
S3Response.all_buckets = _own_buckets

def other_accounts_bucket(environ, start_response, protocol, api, region):
    """403 AccessDenied for a request about another account's bucket, as S3 answers it; records the owner of
    a bucket an account other than the default creates. None when the request may go on."""
    if protocol != "s3":
        return None
    bucket, _ = s3_target(environ)
    if not bucket:
        return None
    caller = caller_account(environ.get("HTTP_AUTHORIZATION", ""))
    if api == "CreateBucket":
        if bucket not in s3().buckets and caller != ACCOUNT:
            BUCKET_OWNERS[bucket] = caller
        return None
    if bucket in s3().buckets and owner_of(bucket) != caller:
        return access_denied(environ, start_response, protocol, api, region)
    return None

# moto 5.2.1's ListObjectVersions copies every version of the bucket (values included) on each call, starts a
# key-marker-only page with the marker's own later versions and drops the first key after the marker, and ignores
# encoding-type. S3 starts after the marker (after the marker's version with version-id-marker), keys in order and
# each key's versions newest first, and URL-encodes keys, prefixes and markers when asked (EncodingType=url in the
# answer). The lab answers as S3, from the stored versions without copying them.
from moto.s3.models import FakeKey as _FakeKey  # noqa: E402
from urllib.parse import quote as _quote

def _faithful_list_object_versions(self):
    query = self._get_querystring(self.request, self.uri)
    def param(name, default=None):
        return query.get(name, [default])[0]
    delimiter, key_marker, version_marker = param("delimiter") or None, param("key-marker"), param("version-id-marker")
    prefix, encoding = param("prefix", "") or "", param("encoding-type")
    raw_max = param("max-keys", "1000")
    if not str(raw_max).isdigit():
        raise InvalidArgumentError("Provided max-keys not an integer or within integer range", "max-keys", raw_max)
    max_keys = min(int(raw_max), 1000)
    if version_marker and not key_marker:
        raise InvalidArgumentError("A version-id marker cannot be specified without a key marker.",
                                   "version-id-marker", version_marker)
    if encoding is not None and encoding != "url":
        raise InvalidArgumentError("Invalid Encoding Method specified in Request", "encoding-type", encoding)
    bucket = self.backend.get_bucket(self.bucket_name)
    encode = (lambda s: _quote(s, safe="/")) if encoding == "url" else (lambda s: s)
    owner = {"ID": "75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a", "DisplayName": "webfile"}
    versions, markers, prefixes, count = [], [], [], 0
    next_key = next_version = None
    truncated = False
    for name in sorted(n for n in bucket.keys.keys() if n.startswith(prefix)):
        if key_marker is not None and name < key_marker:
            continue
        if key_marker is not None and name == key_marker and not version_marker:
            continue
        common = None
        if delimiter and delimiter in name[len(prefix):]:
            common = name[:len(prefix) + name[len(prefix):].index(delimiter) + len(delimiter)]
            if common == key_marker or (prefixes and prefixes[-1] == common):
                continue
            if count >= max_keys:
                truncated = True
                break
            prefixes.append(common)
            count += 1
            next_key, next_version = common, None
            continue
        history = list(reversed(bucket.keys.getlist(name, [])))
        if key_marker is not None and name == key_marker:
            ids = [str(v.version_id) for v in history]
            history = history[ids.index(version_marker) + 1:] if version_marker in ids else []
            latest = False
        else:
            latest = True
        stop = False
        for position, version in enumerate(history):
            if count >= max_keys:
                truncated, stop = True, True
                break
            entry = {"Key": encode(name), "VersionId": str(version.version_id),
                     "IsLatest": latest and position == 0, "LastModified": version.last_modified_ISO8601,
                     "Owner": owner}
            if isinstance(version, _FakeKey):
                entry.update({"ETag": version.etag, "Size": version.size, "StorageClass": version.storage_class})
                versions.append(entry)
            else:
                markers.append(entry)
            count += 1
            next_key, next_version = name, str(version.version_id)
        if stop:
            break
    result = {"Name": bucket.name, "Prefix": encode(prefix), "KeyMarker": encode(key_marker or ""),
              "VersionIdMarker": version_marker or "", "MaxKeys": max_keys, "IsTruncated": truncated,
              "Versions": versions, "DeleteMarkers": markers}
    if delimiter:
        result["Delimiter"] = encode(delimiter)
    if prefixes:
        result["CommonPrefixes"] = [{"Prefix": encode(p)} for p in prefixes]
    if truncated:
        result["NextKeyMarker"] = encode(next_key)
        if next_version is not None:
            result["NextVersionIdMarker"] = next_version
    if encoding:
        result["EncodingType"] = encoding
    self.data["Action"] = "ListObjectVersions"
    return self.serialized(ActionResult(result))
S3Response.list_object_versions = _faithful_list_object_versions

def aws_time(when=None):
    moment = datetime.datetime.fromtimestamp(when or time.time(), datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"

def notify_replication(event, source, name, version, size, data):
    """Sends s3:Replication:EVENT, as S3 does (event version 2.2, replicationEventData), to the source bucket's
    queues whose configuration matches it."""
    bucket = s3().buckets.get(source)
    config = bucket.notification_configuration if bucket is not None else None
    if config is None:
        return
    from urllib.parse import quote_plus
    for target in config.queue:
        if not target.matches(f"s3:Replication:{event}", name):
            continue
        record = {"eventVersion": "2.2", "eventSource": "aws:s3", "awsRegion": bucket.region_name,
                  "eventTime": aws_time(), "eventName": f"Replication:{event}",
                  "userIdentity": {"principalId": "s3.amazonaws.com"},
                  "requestParameters": {"sourceIPAddress": "s3.amazonaws.com"},
                  "responseElements": {"x-amz-request-id": request_id().replace("-", "")[:16].upper(),
                                       "x-amz-id-2": "lab"},
                  "s3": {"s3SchemaVersion": "1.0", "configurationId": target.id,
                         "bucket": {"name": source, "ownerIdentity": {"principalId": ACCOUNT},
                                    "arn": f"arn:aws:s3:::{source}"},
                         "object": {"key": quote_plus(name), "size": size, "versionId": version}},
                  "replicationEventData": data}
        arn = target.arn.split(":")
        notifications._send_sqs_message(ACCOUNT, {"Records": [record]}, arn[-1], arn[3])

def replication_event_data(item, destination, **extra):
    """replicationEventData of S3's replication events: the rule, the destination bucket's ARN, the operation and
    the time of the request that wrote the object, and per event failureReason or threshold and replicationTime."""
    return {"replicationRuleId": item["rule"], "destinationBucket": f"arn:aws:s3:::{destination}",
            "s3Operation": "OBJECT_PUT", "requestTime": aws_time(item["since"]), **extra}

# moto 5.2.1 answers GetMetricData by scanning every datapoint of the region once per query and period
# (O(queries x periods x datapoints)): with hundreds of rules a call takes seconds, and benchmarks would measure
# moto. The lab indexes the datapoints by metric and dimensions first and answers each query from its own
# series, with moto's own code; the answers are the same.
from moto.cloudwatch.models import CloudWatchBackend
_original_get_metric_data = CloudWatchBackend.get_metric_data
def _indexed_get_metric_data(self, queries, start_time, end_time, scan_by="TimestampAscending"):
    if any("MetricStat" not in q for q in queries):
        return _original_get_metric_data(self, queries, start_time, end_time, scan_by)
    index = {}
    for datum in self.get_all_metrics():
        key = (datum.namespace, datum.name, tuple(sorted((d.name, d.value) for d in datum.dimensions)))
        index.setdefault(key, []).append(datum)
    results = []
    for query in queries:
        metric = query["MetricStat"]["Metric"]
        if not metric.get("Dimensions"):
            results += _original_get_metric_data(self, [query], start_time, end_time, scan_by)
            continue
        key = (metric["Namespace"], metric["MetricName"],
               tuple(sorted((d["Name"], d["Value"]) for d in metric.get("Dimensions", []))))
        series = index.get(key, [])
        self.get_all_metrics = lambda series=series: series
        try:
            results += _original_get_metric_data(self, [query], start_time, end_time, scan_by)
        finally:
            del self.get_all_metrics
    return results
CloudWatchBackend.get_metric_data = _indexed_get_metric_data

# moto 5.2.1 answers every GetMetricData query Complete, on one page. CloudWatch gives each MetricDataResults member
# a StatusCode (Complete, PartialData: more datapoints behind NextToken, InternalError, Forbidden) and Messages
# (Code, Value), and pages datapoints behind NextToken. /metric-status/METRIC/CODE makes the queries of METRIC (of one
# source bucket with ?source=) answer so: InternalError and Forbidden with no datapoints (and ?message= as the
# member's Messages), PartialData ?per_page=N datapoints a page, PartialData while more remain, then Complete; every
# page answers every query (queries with nothing left: no datapoints, Complete); /metric-status/METRIC/ok undoes.
METRIC_STATUS = {}  # (metric name, source bucket or "") -> {"code": ..., "message": ..., "per_page": N}
from moto.cloudwatch.responses import CloudWatchResponse  # noqa: E402
_original_get_metric_data_response = CloudWatchResponse.get_metric_data

def metric_status_of(query):
    """The StatusCode fault in force for a GetMetricData query, or None."""
    metric = (query.get("MetricStat") or {}).get("Metric") or {}
    source = next((d.get("Value") for d in metric.get("Dimensions") or [] if d.get("Name") == "SourceBucket"), "")
    return METRIC_STATUS.get((metric.get("MetricName"), source)) or METRIC_STATUS.get((metric.get("MetricName"), ""))

def _status_get_metric_data(self):
    answer = _original_get_metric_data_response(self)
    with LOCK:
        if not METRIC_STATUS:
            return answer
        queries = {q["Id"]: q for q in self._get_params().get("MetricDataQueries", [])}
        faults = {ident: metric_status_of(q) for ident, q in queries.items()}
    token = self._get_param("NextToken")
    page = int(base64.urlsafe_b64decode(token.encode()).decode().split(":")[1]) if token else 0
    members, more = [], False
    for result in answer.result["MetricDataResults"]:
        ident = result["id"]
        fault = faults.get(ident)
        times, values = list(result["timestamps"]), list(result["values"])
        member = {"Id": ident, "Label": result["label"], "StatusCode": "Complete"}
        if fault and fault["code"] in ("InternalError", "Forbidden"):
            member["StatusCode"], times, values = fault["code"], [], []
            if fault.get("message"):
                member["Messages"] = [{"Code": fault["code"], "Value": fault["message"]}]
        elif fault and fault["code"] == "PartialData":
            size = fault["per_page"]
            times, values = times[page * size:(page + 1) * size], values[page * size:(page + 1) * size]
            if len(result["timestamps"]) > (page + 1) * size:
                member["StatusCode"], more = "PartialData", True
        elif page > 0:
            times, values = [], []
        member["Timestamps"], member["Values"] = times, values
        members.append(member)
    out = {"MetricDataResults": members}
    if more:
        out["NextToken"] = base64.urlsafe_b64encode(f"page:{page + 1}".encode()).decode()
    return ActionResult(out)
CloudWatchResponse.get_metric_data = _status_get_metric_data

def s3():
    return get_backend("s3")[ACCOUNT]["aws"]

def cloudwatch(region):
    return get_backend("cloudwatch")[ACCOUNT][region]

def as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]

def rules_of(bucket):
    config = getattr(bucket, "replication", None) or {}
    return [r for r in as_list(config.get("Rule")) if isinstance(r, dict)]

def prefix_of(rule):
    filt = rule.get("Filter") or {}
    if not isinstance(filt, dict):
        return ""
    prefix = filt.get("Prefix")
    if prefix is None and isinstance(filt.get("And"), dict):
        prefix = filt["And"].get("Prefix")
    if prefix is None:
        prefix = rule.get("Prefix")
    return prefix or ""

def is_v1(rule):
    """Whether a rule is of the first replication configuration schema (V1): no Filter element."""
    return "Filter" not in rule

def destination_of(rule):
    arn = ((rule.get("Destination") or {}).get("Bucket")) or ""
    return arn.split(":::")[-1]

def matching_rules(bucket, key):
    """The rules S3 applies to a new version: every enabled rule whose filter matches, one per destination bucket;
    between rules with the same destination the highest Priority wins."""
    chosen = {}
    for rule in rules_of(bucket):
        if rule.get("Status") != "Enabled" or not key.startswith(prefix_of(rule)):
            continue
        destination = destination_of(rule)
        if destination not in chosen or int(rule.get("Priority") or 0) > int(chosen[destination].get("Priority") or 0):
            chosen[destination] = rule
    return list(chosen.values())

def rtc_enabled(rule):
    return (((rule.get("Destination") or {}).get("ReplicationTime") or {}).get("Status")) == "Enabled"

def rtc_minutes(rule):
    destination = rule.get("Destination") or {}
    threshold = ((destination.get("Metrics") or {}).get("EventThreshold") or {}).get("Minutes") \
        or ((destination.get("ReplicationTime") or {}).get("Time") or {}).get("Minutes") or 15
    return str(threshold)

def settle(ident):
    """A source version's x-amz-replication-status over its destinations: FAILED when any failed, PENDING until
    every one is done, then COMPLETED (S3's rule for several destinations)."""
    states = DESTINATIONS.get(ident, {}).values()
    STATUS[ident] = "FAILED" if "FAILED" in states else "PENDING" if "PENDING" in states else "COMPLETED"

class Replicator(threading.Thread):
    def __init__(self, delay, bandwidth, tick):
        super().__init__(daemon=True)
        self.delay, self.bandwidth, self.tick = delay, bandwidth, tick

    def run(self):
        while True:
            try:
                with LOCK:
                    self.scan()
                    self.deliver()
            except Exception as error:  # a lab keeps running; the error is visible in /status
                LAST_ERROR[0] = repr(error)
            time.sleep(self.tick)

    def scan(self):
        backend = s3()
        for bucket in list(backend.buckets.values()):
            if not rules_of(bucket):
                continue
            for name, versions in list(bucket.keys.iterlists()):
                for key in versions:
                    ident = (bucket.name, name, str(key.version_id))
                    if ident in STATUS or ident in REPLICAS or ident in MARKERS:
                        continue
                    rules = matching_rules(bucket, name)
                    if not rules:
                        continue
                    if isinstance(key, FakeDeleteMarker):
                        MARKERS.add(ident)
                        for rule in rules:
                            self.replicate_marker(backend, rule, name)
                        continue
                    if not isinstance(key, FakeKey):
                        continue
                    STATUS[ident] = "PENDING"
                    DESTINATIONS[ident] = {destination_of(rule): "PENDING" for rule in rules}
                    value = key.value
                    for rule in rules:
                        PENDING[ident + (destination_of(rule),)] = {
                            "since": time.time(), "rule": rule.get("ID") or "", "size": key.size, "value": value,
                            "rtc": rtc_enabled(rule), "threshold": rtc_minutes(rule), "missed": False, "tracked": True}

    @staticmethod
    def replicate_marker(backend, rule, name):
        """A delete marker replicates when the rule's DeleteMarkerReplication is Enabled, or the rule is V1 (no
        Filter: S3 replicates the delete markers of V1 rules), as in S3."""
        if not is_v1(rule) and (rule.get("DeleteMarkerReplication") or {}).get("Status") != "Enabled":
            return
        destination = destination_of(rule)
        target = backend.buckets.get(destination)
        if target is None or target.versioning_status != "Enabled":
            return
        _, meta = backend.delete_object(destination, name)
        marker = (destination, name, str(meta.get("version-id")))
        MARKERS.add(marker)
        for key in target.keys.getlist(name, []):
            if isinstance(key, FakeDeleteMarker):
                MARKERS.add((destination, name, str(key.version_id)))

    def deliver(self):
        backend = s3()
        now = time.time()
        for entry, item in list(PENDING.items()):
            source, name, version, destination = entry
            ident = (source, name, version)
            if item["rtc"] and item["tracked"] and not item["missed"] and now - item["since"] > RTC_THRESHOLD[0]:
                item["missed"] = True
                notify_replication("OperationMissedThreshold", source, name, version, item["size"],
                                   replication_event_data(item, destination, threshold=item["threshold"]))
            fault = DIRECTION.get((source, destination), {"mode": "ok"})
            if fault["mode"] == "pause":
                continue
            if REGION_MODE.get(region_of(source)) == "refuse" or REGION_MODE.get(region_of(destination)) == "refuse":
                continue
            wait = fault.get("delay", self.delay) if fault["mode"] == "slow" else self.delay
            if self.bandwidth > 0:
                wait += item["size"] / (self.bandwidth * 1024 * 1024)
            if now - item["since"] < wait:
                continue
            counter = (source, destination, item["rule"])
            target = backend.buckets.get(destination)
            reason = None
            if fault["mode"] == "fail":
                reason = fault.get("reason") or "DstKmsKeyNotFound"
            elif target is None:
                reason = "DstBucketNotFound"
            elif target.versioning_status != "Enabled":
                reason = "DstBucketUnversioned"
            del PENDING[entry]
            if reason:
                DESTINATIONS[ident][destination] = "FAILED"
                settle(ident)
                REASON[entry] = reason
                FAILURES[counter] = FAILURES.get(counter, 0) + 1
                notify_replication("OperationFailedReplication", source, name, version, item["size"],
                                   replication_event_data(item, destination, failureReason=reason))
                continue
            copy = backend.put_object(destination, name, item["value"], disable_notification=True)
            keep_version(copy, version)
            replica = (destination, name, str(copy.version_id))
            REPLICAS.add(replica)
            STATUS[replica] = "REPLICA"
            DESTINATIONS[ident][destination] = "COMPLETED"
            settle(ident)
            if item["tracked"]:
                LATENCIES.setdefault(counter, []).append(now - item["since"])
            if item["missed"]:
                notify_replication("OperationReplicatedAfterThreshold", source, name, version, item["size"],
                                   replication_event_data(item, destination, threshold=item["threshold"],
                                                          replicationTime=aws_time(now)))

LAST_ERROR = [None]

def keep_version(copy, version):
    """A replica keeps its source's version ID, as S3 replication does (moto would give it a new one)."""
    if version and version != "null":
        copy._version_id = version

def seed_old_versions(bucket_name, count, prefix="old/", per_key=1, age=7 * 86400, size=16, copies=True):
    """Puts `count` old versions straight into moto's store (no HTTP): keys PREFIX000001, ... with `per_key`
    versions each, last modified `age` seconds ago and earlier (one second apart, oldest first), already
    replicated: COMPLETED for every destination of the rules matching them, and with `copies` their REPLICA copies
    in those destinations (a second later). Returns what was made."""
    import uuid
    backend = s3()
    bucket = backend.buckets[bucket_name]
    base = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None) - datetime.timedelta(seconds=age + count)
    body = b"o" * size
    keys = max(1, -(-count // per_key))
    made, copied, step = 0, 0, 0
    def new_key(bucket, name, moment):
        key = FakeKey(name=name, value=body, account_id=ACCOUNT, region_name=bucket.region_name,
                      is_versioned=True, version_id=uuid.uuid4().hex, bucket_name=bucket.name)
        key.last_modified = moment
        bucket.keys.setlist(name, bucket.keys.getlist(name, []) + [key])
        return key
    for index in range(keys):
        name = f"{prefix}{index + 1:06d}"
        rules = matching_rules(bucket, name)
        for _ in range(min(per_key, count - made)):
            moment = base + datetime.timedelta(seconds=step)
            step += 1
            key = new_key(bucket, name, moment)
            ident = (bucket.name, name, str(key.version_id))
            made += 1
            if not rules:
                continue
            DESTINATIONS[ident] = {}
            for rule in rules:
                destination = destination_of(rule)
                DESTINATIONS[ident][destination] = "COMPLETED"
                target = backend.buckets.get(destination)
                if copies and target is not None:
                    copy = new_key(target, name, moment + datetime.timedelta(seconds=1))
                    keep_version(copy, str(key.version_id))
                    replica = (destination, name, str(copy.version_id))
                    REPLICAS.add(replica)
                    STATUS[replica] = "REPLICA"
                    copied += 1
            STATUS[ident] = "COMPLETED"
    return {"bucket": bucket_name, "versions": made, "keys": keys, "first": f"{prefix}{1:06d}",
            "last": f"{prefix}{keys:06d}", "copies": copied}

def region_of(bucket_name):
    bucket = s3().buckets.get(bucket_name)
    return bucket.region_name if bucket is not None else None

class MetricsPublisher(threading.Thread):
    def __init__(self, period):
        super().__init__(daemon=True)
        self.period = period

    def run(self):
        while True:
            time.sleep(self.period)
            try:
                with LOCK:
                    self.publish()
            except Exception as error:
                LAST_ERROR[0] = repr(error)

    def publish(self):
        stamp = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)  # naive UTC, as moto needs
        backend = s3()
        directions = set()
        for bucket in backend.buckets.values():
            for rule in rules_of(bucket):
                # S3 publishes replication metrics only for rules with Metrics (or RTC, which needs them) on.
                metrics = ((rule.get("Destination") or {}).get("Metrics") or {}).get("Status") == "Enabled"
                if rule.get("Status") == "Enabled" and metrics:
                    directions.add((bucket.name, destination_of(rule), rule.get("ID") or ""))
        now = time.time()
        for source, destination, rule in directions:
            dest_region, source_region = region_of(destination), region_of(source)
            dims = [{"Name": "SourceBucket", "Value": source}, {"Name": "DestinationBucket", "Value": destination},
                    {"Name": "RuleId", "Value": rule}]
            waiting = [p for (b, _, _, d), p in PENDING.items()
                       if b == source and d == destination and p["rule"] == rule and p["tracked"]]
            latencies = LATENCIES.pop((source, destination, rule), [])
            oldest = max((now - p["since"] for p in waiting), default=0.0)
            latency = max(latencies + [oldest]) if (latencies or waiting) else 0.0
            if dest_region:
                cloudwatch(dest_region).put_metric_data("AWS/S3", [
                    {"MetricName": "ReplicationLatency", "Dimensions": dims, "Timestamp": stamp, "Value": latency},
                    {"MetricName": "OperationsPendingReplication", "Dimensions": dims, "Timestamp": stamp,
                     "Value": float(len(waiting))},
                    {"MetricName": "BytesPendingReplication", "Dimensions": dims, "Timestamp": stamp,
                     "Value": float(sum(p["size"] for p in waiting))},
                ])
            if source_region:
                cloudwatch(source_region).put_metric_data("AWS/S3", [
                    {"MetricName": "OperationsFailedReplication", "Dimensions": dims, "Timestamp": stamp,
                     "Value": float(FAILURES.pop((source, destination, rule), 0))},
                ])

S3_SUBRESOURCES = {"location": "GetBucketLocation", "versioning": "GetBucketVersioning",
                   "replication": "GetBucketReplication", "versions": "ListObjectVersions",
                   "notification": "GetBucketNotificationConfiguration"}

def s3_api(method, environ):
    """The S3 API a request calls, as far as the audit needs: bucket subresources, HEAD, GET, PUT, DELETE."""
    query = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
    if method == "GET":
        for name, api in S3_SUBRESOURCES.items():
            if name in query:
                return api
        path = [p for p in environ.get("PATH_INFO", "").split("/") if p]
        return "GetObject" if len(path) > 1 else ("ListObjects" if path else "ListBuckets")
    return {"HEAD": "HeadObject", "PUT": "PutObject", "DELETE": "DeleteObject"}.get(method, f"S3 {method}")

# The S3 API a request calls, by the REST API's routes (path-style, as the lab's clients address buckets).
BUCKET_GET = {"location": "GetBucketLocation", "versioning": "GetBucketVersioning", "replication": "GetBucketReplication",
              "versions": "ListObjectVersions", "notification": "GetBucketNotificationConfiguration",
              "tagging": "GetBucketTagging", "policy": "GetBucketPolicy", "acl": "GetBucketAcl",
              "lifecycle": "GetBucketLifecycleConfiguration", "encryption": "GetBucketEncryption", "cors": "GetBucketCors",
              "website": "GetBucketWebsite", "logging": "GetBucketLogging", "object-lock": "GetObjectLockConfiguration",
              "ownershipControls": "GetBucketOwnershipControls", "publicAccessBlock": "GetPublicAccessBlock",
              "accelerate": "GetBucketAccelerateConfiguration", "requestPayment": "GetBucketRequestPayment",
              "uploads": "ListMultipartUploads", "metrics": "GetBucketMetricsConfiguration",
              "inventory": "GetBucketInventoryConfiguration", "analytics": "GetBucketAnalyticsConfiguration",
              "intelligent-tiering": "GetBucketIntelligentTieringConfiguration", "policyStatus": "GetBucketPolicyStatus"}
BUCKET_PUT = {"versioning": "PutBucketVersioning", "replication": "PutBucketReplication",
              "notification": "PutBucketNotificationConfiguration", "tagging": "PutBucketTagging",
              "policy": "PutBucketPolicy", "acl": "PutBucketAcl", "lifecycle": "PutBucketLifecycleConfiguration",
              "encryption": "PutBucketEncryption", "cors": "PutBucketCors", "website": "PutBucketWebsite",
              "logging": "PutBucketLogging", "object-lock": "PutObjectLockConfiguration",
              "ownershipControls": "PutBucketOwnershipControls", "publicAccessBlock": "PutPublicAccessBlock",
              "accelerate": "PutBucketAccelerateConfiguration", "requestPayment": "PutBucketRequestPayment",
              "metrics": "PutBucketMetricsConfiguration"}
BUCKET_DELETE = {"replication": "DeleteBucketReplication", "tagging": "DeleteBucketTagging",
                 "policy": "DeleteBucketPolicy", "lifecycle": "DeleteBucketLifecycle", "encryption": "DeleteBucketEncryption",
                 "cors": "DeleteBucketCors", "website": "DeleteBucketWebsite", "metrics": "DeleteBucketMetricsConfiguration",
                 "ownershipControls": "DeleteBucketOwnershipControls", "publicAccessBlock": "DeletePublicAccessBlock"}
OBJECT_GET = {"tagging": "GetObjectTagging", "acl": "GetObjectAcl", "retention": "GetObjectRetention",
              "legal-hold": "GetObjectLegalHold", "attributes": "GetObjectAttributes", "uploadId": "ListParts"}
OBJECT_PUT = {"tagging": "PutObjectTagging", "acl": "PutObjectAcl", "retention": "PutObjectRetention",
              "legal-hold": "PutObjectLegalHold"}

def s3_target(environ):
    """(bucket, key) of a path-style S3 request; bucket None for the service (ListBuckets), key "" for a bucket."""
    path = environ.get("PATH_INFO", "").lstrip("/")
    if not path:
        return None, ""
    bucket, _, key = path.partition("/")
    return bucket, key

def s3_operation(environ):
    """The S3 API a request calls: ListBuckets, HeadBucket, GetBucketVersioning, ListObjectVersions, HeadObject, ..."""
    method = environ.get("REQUEST_METHOD", "GET")
    query = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
    bucket, key = s3_target(environ)
    def sub(table, default):
        return next((api for name, api in table.items() if name in query), default)
    if bucket is None:
        return "ListBuckets" if method == "GET" else f"S3 {method}"
    if not key:
        if method == "HEAD":
            return "HeadBucket"
        if method == "GET":
            return sub(BUCKET_GET, "ListObjectsV2" if query.get("list-type") == ["2"] else "ListObjects")
        if method == "PUT":
            return sub(BUCKET_PUT, "CreateBucket")
        if method == "DELETE":
            return sub(BUCKET_DELETE, "DeleteBucket")
        if method == "POST":
            return "DeleteObjects" if "delete" in query else "PostObject"
        return f"S3 {method}"
    if method == "HEAD":
        return "HeadObject"
    if method == "GET":
        return sub(OBJECT_GET, "GetObject")
    if method == "PUT":
        if "partNumber" in query:
            return "UploadPartCopy" if environ.get("HTTP_X_AMZ_COPY_SOURCE") else "UploadPart"
        return sub(OBJECT_PUT, "CopyObject" if environ.get("HTTP_X_AMZ_COPY_SOURCE") else "PutObject")
    if method == "DELETE":
        return "AbortMultipartUpload" if "uploadId" in query else sub({"tagging": "DeleteObjectTagging"}, "DeleteObject")
    if method == "POST":
        return "CreateMultipartUpload" if "uploads" in query else "CompleteMultipartUpload" if "uploadId" in query \
            else "RestoreObject" if "restore" in query else "SelectObjectContent" if "select" in query else "PostObject"
    return f"S3 {method}"

def request_api(environ):
    """(protocol, API) of a request: ("s3", "HeadBucket"), ("query", "GetMetricData"), ("json", "ReceiveMessage").
    A form-encoded body is read and put back for the application."""
    method = environ.get("REQUEST_METHOD", "GET")
    target = environ.get("HTTP_X_AMZ_TARGET", "")
    if target:
        return "json", target.split(".")[-1]
    if method == "POST" and "x-www-form-urlencoded" in environ.get("CONTENT_TYPE", ""):
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        environ["wsgi.input"] = io.BytesIO(body)
        return "query", parse_qs(body.decode("utf-8", "replace")).get("Action", ["?"])[0]
    return "s3", s3_operation(environ)

DENIED = set()     # API names that answer AccessDenied in every region ("ListBuckets", "GetMetricData", ...)
S3_ACTIONS = {"ListBuckets": "s3:ListAllMyBuckets", "HeadBucket": "s3:ListBucket", "ListObjects": "s3:ListBucket",
              "ListObjectsV2": "s3:ListBucket", "ListObjectVersions": "s3:ListBucketVersions",
              "HeadObject": "s3:GetObject", "GetBucketNotificationConfiguration": "s3:GetBucketNotification",
              "GetBucketReplication": "s3:GetReplicationConfiguration",
              "GetBucketLifecycleConfiguration": "s3:GetLifecycleConfiguration",
              "GetBucketEncryption": "s3:GetEncryptionConfiguration"}
IAM_PREFIX = {"monitoring": "cloudwatch", "sts": "sts", "sqs": "sqs"}

def request_id():
    import uuid
    return str(uuid.uuid4())

def error_answer(start_response, status, body, content_type, extra=()):
    start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(body))),
                            ("x-amz-request-id", request_id().replace("-", "")[:16].upper()), *extra])
    return [body]

def signing_service(environ):
    credential = environ.get("HTTP_AUTHORIZATION", "").split("Credential=")[-1].split(",")[0].split("/")
    return credential[3] if len(credential) > 3 else "s3"

def access_denied(environ, start_response, protocol, api, region):
    """AccessDenied as the service answers it: S3's XML <Error> (HEAD: status only; HeadBucket with the bucket's
    region), the Query API's <ErrorResponse>, or the JSON protocol's __type with the Query error code in
    x-amzn-query-error (CloudWatch and SQS are Query-compatible)."""
    service = signing_service(environ)
    action = S3_ACTIONS.get(api, f"s3:{api}") if protocol == "s3" else f"{IAM_PREFIX.get(service, service)}:{api}"
    message = (f"User: arn:aws:iam::{ACCOUNT}:user/testing is not authorized to perform: {action} because no "
               f"identity-based policy allows the {action} action")
    if protocol == "s3":
        extra = []
        bucket, _ = s3_target(environ)
        if api == "HeadBucket" and bucket in s3().buckets:
            extra.append(("x-amz-bucket-region", s3().buckets[bucket].region_name))
        body = b"" if environ.get("REQUEST_METHOD") == "HEAD" else (
            f'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>{message}</Message>'
            f"<RequestId>{request_id()}</RequestId><HostId>lab</HostId></Error>").encode()
        return error_answer(start_response, "403 Forbidden", body, "application/xml", extra)
    if protocol == "query":
        body = (f"<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>{message}</Message>"
                f"</Error><RequestId>{request_id()}</RequestId></ErrorResponse>").encode()
        return error_answer(start_response, "403 Forbidden", body, "text/xml")
    body = json.dumps({"__type": "com.amazon.coral.service#AccessDeniedException", "message": message}).encode()
    return error_answer(start_response, "400 Bad Request", body, "application/x-amz-json-1.0",
                        [("x-amzn-query-error", "AccessDenied;Sender")])

def wrong_region(environ, start_response, region):
    """HeadBucket at the endpoint of another region than the bucket's: 301 with x-amz-bucket-region, as S3."""
    bucket, _ = s3_target(environ)
    found = s3().buckets.get(bucket) if bucket else None
    if found is None or found.region_name == region:
        return None
    start_response("301 Moved Permanently", [("x-amz-bucket-region", found.region_name), ("Content-Length", "0"),
                                             ("Content-Type", "application/xml")])
    return [b""]

LOCK_MESSAGE = "Content-MD5 OR x-amz-checksum- HTTP header is required for Put Object requests with Object Lock parameters"

def put_object_refusal(environ, start_response):
    """PutObject as S3 checks it before storing (moto 5.2.1 asks for x-amz-sdk-checksum-algorithm instead, answers
    with its own code, and verifies no checksum): to a bucket with Object Lock whose default retention applies, or
    with Object Lock headers, Content-MD5 or an x-amz-checksum-* header is required (400 InvalidRequest); an
    x-amz-checksum-sha256 that is not the body's SHA-256 is 400 BadDigest. None when the request may go on."""
    bucket_name, _ = s3_target(environ)
    headers = {k[5:].replace("_", "-").lower(): v for k, v in environ.items() if k.startswith("HTTP_")}
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(length) if length else b""
    environ["wsgi.input"] = io.BytesIO(body)
    with LOCK:
        bucket = s3().buckets.get(bucket_name)
        if bucket is None:
            return None
        lock_headers = any(headers.get(h) for h in ("x-amz-object-lock-mode", "x-amz-object-lock-retain-until-date")) \
            or headers.get("x-amz-object-lock-legal-hold") == "ON"
        locked = bucket.object_lock_enabled and (lock_headers or bucket.has_default_lock)
    def refuse(code, message):
        answer = (f'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>{code}</Code><Message>{message}</Message>'
                  f"<RequestId>{request_id()}</RequestId><HostId>lab</HostId></Error>").encode()
        return error_answer(start_response, "400 Bad Request", answer, "application/xml")
    has_checksum = "content-md5" in headers or any(h.startswith("x-amz-checksum-") for h in headers)
    if locked and not has_checksum:
        return refuse("InvalidRequest", LOCK_MESSAGE)
    sent = headers.get("x-amz-checksum-sha256")
    if sent and "aws-chunked" not in headers.get("content-encoding", "") \
            and sent != base64.b64encode(hashlib.sha256(body).digest()).decode():
        return refuse("BadDigest", "The sha256 you specified did not match the calculated checksum.")
    return None

class FaultWrapper:
    """WSGI middleware: answers 503 SlowDown or never answers, as the region's mode says."""
    def __init__(self, app, region):
        self.app, self.region = app, region

    def __call__(self, environ, start_response):
        self.audit(environ)
        mode = REGION_MODE.get(self.region, "ok")
        if mode == "hang":
            while REGION_MODE.get(self.region) == "hang":
                time.sleep(0.1)
        elif mode == "slowdown":
            body = b"<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>"
            start_response("503 Slow Down", [("Content-Type", "application/xml"), ("Content-Length", str(len(body)))])
            return [body]
        protocol, api = request_api(environ)
        if api in DENIED:
            return access_denied(environ, start_response, protocol, api, self.region)
        foreign = other_accounts_bucket(environ, start_response, protocol, api, self.region)
        if foreign is not None:
            return foreign
        if protocol == "s3" and api == "HeadBucket":
            moved = wrong_region(environ, start_response, self.region)
            if moved is not None:
                return moved
        if protocol == "s3" and api == "PutObject":
            refused = put_object_refusal(environ, start_response)
            if refused is not None:
                return refused
        with LOCK:
            return self.app(environ, start_response)

    def audit(self, environ):
        return FaultWrapper.count(environ, self.region)

    @staticmethod
    def count(environ, region):
        """Counts requests by client ("drtop" or "other") and kind: "S3 GET", "S3 PUT", "CloudWatch GetMetricData"."""
        method = environ.get("REQUEST_METHOD", "GET")
        agent = environ.get("HTTP_USER_AGENT", "")
        client = "drtop" if "drtop/" in agent else "baseline" if "baseline-script" in agent else "other"
        kind = f"S3 {method}"
        if method in ("PUT", "POST", "DELETE") and "/drtop-canary/" in environ.get("PATH_INFO", ""):
            kind += " drtop-canary/"
        target = environ.get("HTTP_X_AMZ_TARGET", "")
        if target:
            kind = f"JSON {target.split('.')[-1]}"
        elif method == "POST" and "x-www-form-urlencoded" in environ.get("CONTENT_TYPE", ""):
            length = int(environ.get("CONTENT_LENGTH") or 0)
            body = environ["wsgi.input"].read(length) if length else b""
            environ["wsgi.input"] = io.BytesIO(body)
            action = parse_qs(body.decode("utf-8", "replace")).get("Action", ["?"])[0]
            kind = f"Query {action}"
        api = kind.split(" ", 1)[1] if kind.startswith(("Query ", "JSON ")) else s3_api(method, environ)
        with AUDIT_LOCK:
            REQUESTS[f"{client} {kind}"] = REQUESTS.get(f"{client} {kind}", 0) + 1
            detail = f"{client} {region} {api}"
            BY_REGION[detail] = BY_REGION.get(detail, 0) + 1

class RegionEndpoint:
    def __init__(self, app, region, port):
        self.app, self.region, self.port, self.server = app, region, port, None
        self.start()

    def start(self):
        if self.server is None:
            self.server = make_server("127.0.0.1", self.port, FaultWrapper(self.app, self.region), threaded=True)
            threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

def control_handler(endpoints):
    class Control(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def answer(self, status, payload):
            body = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            if urlparse(self.path).path != "/status":
                return self.answer(404, {"error": "GET /status"})
            with LOCK:
                counts = {}
                for status in STATUS.values():
                    counts[status] = counts.get(status, 0) + 1
                with AUDIT_LOCK:
                    requests = dict(REQUESTS)
                    by_region = dict(BY_REGION)
                self.answer(200, {"objects": counts, "regions": REGION_MODE, "requests": requests,
                                  "requests_by_region": by_region,
                                  "directions": {f"{s}->{d}": v for (s, d), v in DIRECTION.items()},
                                  "denied": sorted(DENIED),
                                  "last_error": LAST_ERROR[0]})

        def do_POST(self):
            url = urlparse(self.path)
            parts = [p for p in url.path.split("/") if p]
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            if len(parts) == 3 and parts[0] == "region" and parts[1] in endpoints \
                    and parts[2] in ("ok", "refuse", "hang", "slowdown"):
                region, mode = parts[1], parts[2]
                REGION_MODE[region] = mode
                if mode == "refuse":
                    endpoints[region].stop()
                else:
                    endpoints[region].start()
                return self.answer(200, {"region": region, "mode": mode})
            if len(parts) == 4 and parts[0] == "direction" and parts[3] == "untrack":
                return self.untrack(parts[1], parts[2])
            if len(parts) == 4 and parts[0] == "direction" and parts[3] in ("ok", "pause", "fail", "slow"):
                fault = {"mode": parts[3]}
                if "reason" in query:
                    fault["reason"] = query["reason"]
                if "delay" in query:
                    fault["delay"] = float(query["delay"])
                with LOCK:
                    DIRECTION[(parts[1], parts[2])] = fault
                return self.answer(200, {"direction": f"{parts[1]}->{parts[2]}", **fault})
            if len(parts) == 2 and parts[0] == "seed":
                return self.seed(parts[1], query)
            if len(parts) == 3 and parts[0] == "metric-status" \
                    and parts[2] in ("ok", "InternalError", "Forbidden", "PartialData"):
                return self.metric_status(parts[1], parts[2], query)
            if len(parts) == 2 and parts[0] in ("deny", "allow"):
                return self.deny(parts[1], parts[0] == "deny")
            self.answer(400, {"error": "POST /region/REGION/ok|refuse|hang|slowdown, "
                                       "/direction/SRC/DST/ok|pause|fail|slow, /deny/API or /allow/API, "
                                       "/metric-status/METRIC/ok|InternalError|Forbidden|PartialData"})

        def do_DELETE(self):
            parts = [p for p in urlparse(self.path).path.split("/") if p]
            if len(parts) == 2 and parts[0] == "deny":
                return self.deny(parts[1], False)
            self.answer(400, {"error": "DELETE /deny/API"})

        def untrack(self, source, destination):
            """The objects waiting in SOURCE -> DESTINATION now are no longer tracked by replication metrics: each
            sends s3:Replication:OperationNotTracked, and metrics and RTC events leave them out (they still
            replicate)."""
            with LOCK:
                count = 0
                for (b, name, version, d), item in PENDING.items():
                    if b == source and d == destination and item["tracked"]:
                        item["tracked"] = False
                        count += 1
                        notify_replication("OperationNotTracked", b, name, version, item["size"],
                                           replication_event_data(item, d))
                return self.answer(200, {"direction": f"{source}->{destination}", "untracked": count})

        def seed(self, bucket, query):
            """/seed/BUCKET?count=5000&prefix=old/&per_key=1&age=604800&size=16&copies=1: old, replicated versions."""
            started = time.time()
            with LOCK:
                if bucket not in s3().buckets:
                    return self.answer(404, {"error": f"no bucket {bucket}"})
                made = seed_old_versions(bucket, int(query.get("count", 1000)), query.get("prefix", "old/"),
                                         int(query.get("per_key", 1)), float(query.get("age", 7 * 86400)),
                                         int(query.get("size", 16)), query.get("copies", "1") not in ("0", "false"))
            return self.answer(200, {**made, "seconds": round(time.time() - started, 3)})

        def metric_status(self, metric, code, query):
            """/metric-status/ReplicationLatency/InternalError?source=BUCKET&message=TEXT: GetMetricData answers
            those queries with that StatusCode; PartialData pages per_page datapoints (default 1); ok undoes."""
            key = (metric, query.get("source", ""))
            with LOCK:
                if code == "ok":
                    METRIC_STATUS.pop(key, None)
                else:
                    METRIC_STATUS[key] = {"code": code, "message": query.get("message"),
                                          "per_page": max(1, int(query.get("per_page", 1)))}
                return self.answer(200, {"metric_status": {f"{m} {b}".strip(): v for (m, b), v in METRIC_STATUS.items()}})

        def deny(self, api, denied):
            """/deny/ListBuckets: that API answers AccessDenied in every region until /allow/ListBuckets."""
            with LOCK:
                (DENIED.add if denied else DENIED.discard)(api)
                return self.answer(200, {"denied": sorted(DENIED)})
    return Control

def main():
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
    args = parser.parse_args()
    RTC_THRESHOLD[0] = args.rtc_threshold
    LIST_WITHOUT_REGION[0] = args.list_buckets_without_region
    for item in args.account:
        key, _, account = item.partition("=")
        ACCESS_KEY_ACCOUNTS[key] = account
    app = DomainDispatcherApplication(create_backend_app)
    endpoints = {"us-east-1": RegionEndpoint(app, "us-east-1", args.east_port),
                 "us-west-2": RegionEndpoint(app, "us-west-2", args.west_port)}
    Replicator(args.delay, args.bandwidth, args.tick).start()
    MetricsPublisher(args.metrics_period).start()
    control = ThreadingHTTPServer(("127.0.0.1", args.control_port), control_handler(endpoints))
    print(f"drtoplab: us-east-1 http://127.0.0.1:{args.east_port}  us-west-2 http://127.0.0.1:{args.west_port}  "
          f"control http://127.0.0.1:{args.control_port}", flush=True)
    try:
        control.serve_forever()
    except KeyboardInterrupt:
        pass

if __name__ == "__main__":
    main()

"""Every patch the lab makes to moto 5.2.1, in one place: where moto answers differently from AWS, the lab answers
as AWS does. Nothing is patched on import: `apply(world)` installs them all (the lab's server calls it before it
serves), reading and writing `world` where an answer depends on the lab's state (replication status, accounts,
StatusCode faults). Applying again replaces the patches (each wraps moto's original, kept here), never stacks them.

Patched: HEAD/GET's x-amz-replication-status; GetBucketReplication as the rules were put (V1 as V1); S3 event
records' versionId and eventTime; ListBuckets in name order, paged, filtered, with BucketRegion, and per account;
ListObjectVersions as S3 pages it; GetMetricData indexed (fast with many rules) and with per-query StatusCode and
NextToken paging; CreateMultiRegionAccessPoint's bucket regions and alias; Route 53's alias records without a TTL
and GetHealthCheckStatus of a failed health check. The checks the lab makes in front of moto (faults, another account's bucket, the wrong region,
Object Lock's PutObject) are not patches of moto: they are in gate.py."""
import base64, hashlib
import xml.etree.ElementTree as ET
from urllib.parse import quote

from moto.cloudwatch.models import CloudWatchBackend
from moto.cloudwatch.responses import CloudWatchResponse
from moto.core.responses import ActionResult
from moto.s3 import notifications
from moto.s3.exceptions import InvalidArgumentError, InvalidContinuationToken, ReplicationConfigurationNotFoundError
from moto.s3.models import FakeKey
from moto.s3.responses import S3Response
from moto.route53.models import RecordSet
from moto.route53.responses import Route53
from moto.s3control.models import S3ControlBackend

from .rules import as_list, is_v1, prefix_of
from .wire import aws_time
from .world import ACCOUNT

# moto's own, before any patch: what the patches wrap.
ORIGINAL_RESPONSE_DICT = FakeKey.response_dict.fget
ORIGINAL_S3_EVENT = notifications._get_s3_event
ORIGINAL_GET_METRIC_DATA = CloudWatchBackend.get_metric_data
ORIGINAL_GET_METRIC_DATA_RESPONSE = CloudWatchResponse.get_metric_data
ORIGINAL_CREATE_MRAP = S3ControlBackend.create_multi_region_access_point
ORIGINAL_RECORD_SET_INIT = RecordSet.__init__
ORIGINAL_HEALTH_CHECK_STATUS = Route53.get_health_check_status


def apply(world):
    """Installs every patch below into moto's classes and modules, reading `world`."""
    FakeKey.response_dict = property(lambda key: replication_status_headers(world, key))
    S3Response.get_bucket_replication = faithful_replication
    notifications._get_s3_event = faithful_event
    S3Response.all_buckets = lambda response: own_buckets(world, response)
    S3Response.list_object_versions = faithful_list_object_versions
    CloudWatchBackend.get_metric_data = indexed_get_metric_data
    CloudWatchResponse.get_metric_data = lambda response: status_get_metric_data(world, response)
    S3ControlBackend.create_multi_region_access_point = (
        lambda backend, *args, **kwargs: faithful_create_mrap(world, backend, *args, **kwargs))
    RecordSet.__init__ = faithful_record_set
    Route53.get_health_check_status = lambda response: health_check_status(world, response)


# HEAD and GET answer x-amz-replication-status, as S3 does for a version replication has seen (moto: never).
def replication_status_headers(world, self):
    headers = ORIGINAL_RESPONSE_DICT(self)
    status = world.status.get((self.bucket_name, self.name, str(self.version_id)))
    if status:
        headers["x-amz-replication-status"] = status
    return headers

# moto 5.2.1 answers GetBucketReplication with DeleteMarkerReplication always Disabled, the filter always empty,
# and no SourceSelectionCriteria or ExistingObjectReplication; a rule of the first schema (V1: a top-level Prefix, no
# Filter, no Priority) comes back as a V2 rule with Priority 1, an empty Filter and its prefix lost. S3 answers with
# the rule as it was put, V1 as V1 (ID, Prefix, Status, Destination, no Priority and no DeleteMarkerReplication):
# so does the lab.
def faithful_replication(self):
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


# S3's event records carry the version ID of a versioned bucket's new version and a UTC time with milliseconds
# and a Z; moto 5.2.1's carry neither. The lab's records do, as S3's.
def faithful_event(event_name, bucket, key, notification_id):
    body = ORIGINAL_S3_EVENT(event_name, bucket, key, notification_id)
    for record in body["Records"]:
        record["eventTime"] = aws_time()
        if getattr(key, "version_id", None) not in (None, "null"):
            record["s3"]["object"]["versionId"] = str(key.version_id)
    return body


# moto 5.2.1 answers ListBuckets in creation order, without BucketRegion, ContinuationToken or Prefix, and cuts the
# list at max-buckets with no way to the rest. S3 answers in name order, each Bucket with its BucketRegion; with
# max-buckets (1-10000) it pages, a ContinuationToken in the answer while more remain; prefix and bucket-region
# filter, and a Prefix sent is echoed. So does the lab.
def faithful_list_buckets(world, self):
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
                         | ({} if world.list_without_region else {"BucketRegion": b.region_name}) for b in buckets]
    if prefix is not None:
        result["Prefix"] = prefix
    self.data["Action"] = "ListBuckets"
    return self.serialized(ActionResult(result))


# Accounts. moto 5.2.1 keeps one S3 world for every caller: each account sees every bucket. S3 does not: a
# bucket belongs to the account that created it, ListBuckets lists the caller's own, and another account's
# bucket answers 403 AccessDenied (without a bucket policy granting access, which the lab does not model). With
# `--account KEY=ACCOUNT`, requests signed with access key KEY are that account's; other keys are ACCOUNT's.
def own_buckets(world, self):
    answer = faithful_list_buckets(world, self)
    caller = world.caller_account(self.headers.get("Authorization", ""))
    if not world.bucket_owners and caller == ACCOUNT:
        return answer
    status, headers, body = answer if isinstance(answer, tuple) else (200, {}, answer)
    ns = "{http://s3.amazonaws.com/doc/2006-03-01/}"
    root = ET.fromstring(body)
    ET.register_namespace("", ns.strip("{}"))
    buckets = root.find(f"{ns}Buckets")
    for bucket in list(buckets if buckets is not None else []):
        if world.owner_of(bucket.find(f"{ns}Name").text) != caller:
            buckets.remove(bucket)
    return status, headers, ET.tostring(root, encoding="unicode")


# moto 5.2.1's ListObjectVersions copies every version of the bucket (values included) on each call, starts a
# key-marker-only page with the marker's own later versions and drops the first key after the marker, and ignores
# encoding-type. S3 starts after the marker (after the marker's version with version-id-marker), keys in order and
# each key's versions newest first, and URL-encodes keys, prefixes and markers when asked (EncodingType=url in the
# answer). The lab answers as S3, from the stored versions without copying them.
def faithful_list_object_versions(self):
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
    encode = (lambda s: quote(s, safe="/")) if encoding == "url" else (lambda s: s)
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
            if isinstance(version, FakeKey):
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


# moto 5.2.1 answers GetMetricData by scanning every datapoint of the region once per query and period
# (O(queries x periods x datapoints)): with hundreds of rules a call takes seconds, and benchmarks would measure
# moto. The lab indexes the datapoints by metric and dimensions first and answers each query from its own
# series, with moto's own code; the answers are the same.
def indexed_get_metric_data(self, queries, start_time, end_time, scan_by="TimestampAscending"):
    if any("MetricStat" not in q for q in queries):
        return ORIGINAL_GET_METRIC_DATA(self, queries, start_time, end_time, scan_by)
    index = {}
    for datum in self.get_all_metrics():
        key = (datum.namespace, datum.name, tuple(sorted((d.name, d.value) for d in datum.dimensions)))
        index.setdefault(key, []).append(datum)
    results = []
    for query in queries:
        metric = query["MetricStat"]["Metric"]
        if not metric.get("Dimensions"):
            results += ORIGINAL_GET_METRIC_DATA(self, [query], start_time, end_time, scan_by)
            continue
        key = (metric["Namespace"], metric["MetricName"],
               tuple(sorted((d["Name"], d["Value"]) for d in metric.get("Dimensions", []))))
        series = index.get(key, [])
        self.get_all_metrics = lambda series=series: series
        try:
            results += ORIGINAL_GET_METRIC_DATA(self, [query], start_time, end_time, scan_by)
        finally:
            del self.get_all_metrics
    return results


# moto 5.2.1 answers every GetMetricData query Complete, on one page. CloudWatch gives each MetricDataResults member
# a StatusCode (Complete, PartialData: more datapoints behind NextToken, InternalError, Forbidden) and Messages
# (Code, Value), and pages datapoints behind NextToken. /metric-status/METRIC/CODE makes the queries of METRIC (of one
# source bucket with ?source=) answer so: InternalError and Forbidden with no datapoints (and ?message= as the
# member's Messages), PartialData ?per_page=N datapoints a page, PartialData while more remain, then Complete; every
# page answers every query (queries with nothing left: no datapoints, Complete); /metric-status/METRIC/ok undoes.
def metric_status_of(world, query):
    """The StatusCode fault in force for a GetMetricData query, or None."""
    metric = (query.get("MetricStat") or {}).get("Metric") or {}
    source = next((d.get("Value") for d in metric.get("Dimensions") or [] if d.get("Name") == "SourceBucket"), "")
    return world.metric_status.get((metric.get("MetricName"), source)) or world.metric_status.get((metric.get("MetricName"), ""))

def status_get_metric_data(world, self):
    answer = ORIGINAL_GET_METRIC_DATA_RESPONSE(self)
    with world.lock:
        if not world.metric_status:
            return answer
        queries = {q["Id"]: q for q in self._get_params().get("MetricDataQueries", [])}
        faults = {ident: metric_status_of(world, q) for ident, q in queries.items()}
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


# moto 5.2.1's CreateMultiRegionAccessPoint looks for each bucket in region-keyed S3 stores it does not have (its S3
# is one store per partition), so every Region it reports is us-east-1, and its alias is NAME-<10 hex>.mrap. S3
# reports each bucket's own region (and BucketAccountId), and an alias of 13 lowercase letters and digits
# (mfzwi23gnjvgw.mrap), which the MRAP's ARN is made of: arn:aws:s3::ACCOUNT:accesspoint/ALIAS.
def faithful_create_mrap(world, backend, account_id, name, public_access_block, regions, region_name):
    operation = ORIGINAL_CREATE_MRAP(backend, account_id, name, public_access_block, regions, region_name)
    mrap = backend.multi_region_access_points[account_id][name]
    for report in mrap.regions:
        report["Region"] = world.region_of(report["Bucket"]) or report["Region"]
        report["BucketAccountId"] = world.owner_of(report["Bucket"])
    digest = hashlib.sha256(f"{account_id}/{name}".encode()).digest()
    mrap.alias = "".join("abcdefghijklmnopqrstuvwxyz0123456789"[b % 36] for b in digest[:13]) + ".mrap"
    return operation


# moto 5.2.1 gives a record without a TTL (an alias record, which takes its target's) TTL 0, and answers it in
# ListResourceRecordSets; Route 53 answers an alias record without TTL. (A TTL of 0 would read as "switches at once".)
def faithful_record_set(self, kwargs):
    ORIGINAL_RECORD_SET_INIT(self, kwargs)
    if "TTL" not in kwargs:
        self.ttl = None


# GetHealthCheckStatus: moto 5.2.1 always answers one checker's Success. A health check failed by the control API
# (/health-check/ID/fail) answers as Route 53's checkers report a failing endpoint: "Failure: ..." from each.
def health_check_status(world, self):
    answer = ORIGINAL_HEALTH_CHECK_STATUS(self)
    reason = world.health_failed.get(self._get_param("HealthCheckId"))
    if reason is not None:
        for observation in answer.result["HealthCheckObservations"]:
            observation["StatusReport"]["Status"] = f"Failure: {reason}"
    return answer

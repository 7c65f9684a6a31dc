"""The lab enacts S3 replication: PENDING -> COMPLETED / REPLICA, failures with reasons, metrics in the regions
AWS uses, and region faults. Run: python3 -m pytest -q lab (scripts/test.sh does)."""
import datetime, json, time, urllib.request

import boto3
import pytest
from botocore.config import Config

from running import RunningLab

CONFIG = Config(retries={"total_max_attempts": 1}, disable_request_compression=True, connect_timeout=1,
                read_timeout=2)

@pytest.fixture(scope="module")
def lab():
    running = RunningLab(pairs=2, delay=0.5, metrics_period=1, tick=0.1)
    yield {"east": running.url("us-east-1"), "west": running.url("us-west-2"),
           "control": f"http://127.0.0.1:{running.control}"}
    running.stop()

def s3(endpoint, region):
    return boto3.client("s3", region_name=region, endpoint_url=endpoint, aws_access_key_id="testing",
                        aws_secret_access_key="testing", config=CONFIG)

def control(lab, path):
    request = urllib.request.Request(lab["control"] + path, method="POST", data=b"")
    return json.load(urllib.request.urlopen(request, timeout=5))

def status(client, bucket, key):
    return client.head_object(Bucket=bucket, Key=key).get("ReplicationStatus")

def wait_for(predicate, seconds=10):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False

def test_replicates_both_ways_without_loops(lab):
    east, west = s3(lab["east"], "us-east-1"), s3(lab["west"], "us-west-2")
    east.put_object(Bucket="lab0-use1", Key="docs/a.txt", Body=b"from east")
    assert wait_for(lambda: status(east, "lab0-use1", "docs/a.txt") == "COMPLETED")
    assert status(west, "lab0-usw2", "docs/a.txt") == "REPLICA"
    assert west.get_object(Bucket="lab0-usw2", Key="docs/a.txt")["Body"].read() == b"from east"
    west.put_object(Bucket="lab0-usw2", Key="docs/b.txt", Body=b"from west")
    assert wait_for(lambda: status(west, "lab0-usw2", "docs/b.txt") == "COMPLETED")
    assert status(east, "lab0-use1", "docs/b.txt") == "REPLICA"
    time.sleep(1)
    versions = east.list_object_versions(Bucket="lab0-use1", Prefix="docs/a.txt").get("Versions", [])
    assert len(versions) == 1, "a replica is never replicated back"

def test_pending_then_failed_with_reason(lab):
    east = s3(lab["east"], "us-east-1")
    control(lab, "/direction/lab1-use1/lab1-usw2/pause")
    east.put_object(Bucket="lab1-use1", Key="held.txt", Body=b"x")
    assert wait_for(lambda: status(east, "lab1-use1", "held.txt") == "PENDING")
    time.sleep(1)
    assert status(east, "lab1-use1", "held.txt") == "PENDING", "a paused direction holds objects"
    control(lab, "/direction/lab1-use1/lab1-usw2/fail?reason=DstKmsKeyNotFound")
    assert wait_for(lambda: status(east, "lab1-use1", "held.txt") == "FAILED")
    control(lab, "/direction/lab1-use1/lab1-usw2/ok")

def test_metrics_in_the_regions_aws_uses(lab):
    east = s3(lab["east"], "us-east-1")
    east.put_object(Bucket="lab0-use1", Key="m.txt", Body=b"metrics")
    time.sleep(2.5)
    now = datetime.datetime.now(datetime.timezone.utc)
    def values(endpoint, region, metric, stat):
        cw = boto3.client("cloudwatch", region_name=region, endpoint_url=endpoint, aws_access_key_id="testing",
                          aws_secret_access_key="testing", config=CONFIG)
        result = cw.get_metric_data(StartTime=now - datetime.timedelta(minutes=5), EndTime=now + datetime.timedelta(minutes=1),
            MetricDataQueries=[{"Id": "m", "MetricStat": {"Metric": {"Namespace": "AWS/S3", "MetricName": metric,
                "Dimensions": [{"Name": "SourceBucket", "Value": "lab0-use1"},
                               {"Name": "DestinationBucket", "Value": "lab0-usw2"},
                               {"Name": "RuleId", "Value": "to-usw2"}]}, "Period": 60, "Stat": stat}}])
        return result["MetricDataResults"][0]["Values"]
    assert values(lab["west"], "us-west-2", "ReplicationLatency", "Maximum"), "latency in the destination's region"
    assert values(lab["west"], "us-west-2", "OperationsPendingReplication", "Maximum") != []
    assert values(lab["east"], "us-east-1", "OperationsFailedReplication", "Sum") != [], "failures in the source's"
    assert values(lab["east"], "us-east-1", "ReplicationLatency", "Maximum") == []

def test_region_faults(lab):
    west = s3(lab["west"], "us-west-2")
    control(lab, "/region/us-west-2/slowdown")
    with pytest.raises(Exception) as raised:
        west.list_buckets()
    assert "SlowDown" in str(raised.value) or "503" in str(raised.value)
    control(lab, "/region/us-west-2/refuse")
    with pytest.raises(Exception) as raised:
        west.list_buckets()
    assert "connect" in str(raised.value).lower()
    control(lab, "/region/us-west-2/ok")
    assert wait_for(lambda: bool(west.list_buckets()["Buckets"]))

def test_delete_markers_replicate_only_when_enabled(lab):
    east, west = s3(lab["east"], "us-east-1"), s3(lab["west"], "us-west-2")
    east.put_object(Bucket="lab0-use1", Key="gone.txt", Body=b"x")
    assert wait_for(lambda: status(east, "lab0-use1", "gone.txt") == "COMPLETED")
    east.delete_object(Bucket="lab0-use1", Key="gone.txt")
    def deleted_in_west():
        markers = west.list_object_versions(Bucket="lab0-usw2", Prefix="gone.txt").get("DeleteMarkers", [])
        return any(m["IsLatest"] for m in markers)
    assert wait_for(deleted_in_west), "rule has DeleteMarkerReplication Enabled"
    time.sleep(1)
    markers = east.list_object_versions(Bucket="lab0-use1", Prefix="gone.txt").get("DeleteMarkers", [])
    assert len(markers) == 1, "the replicated marker does not come back"

def test_requests_counted_by_the_buckets_they_name(lab):
    def counts():
        return json.load(urllib.request.urlopen(lab["control"] + "/status", timeout=5))["requests_by_buckets"]
    before = counts()
    east = s3(lab["east"], "us-east-1")
    east.get_bucket_versioning(Bucket="lab1-use1")
    east.list_buckets()
    now = datetime.datetime.now(datetime.timezone.utc)
    from test_metric_status import query_protocol_cloudwatch  # drtop's protocol: the audit reads its form
    query_protocol_cloudwatch(lab["west"]).get_metric_data(StartTime=now - datetime.timedelta(minutes=5), EndTime=now, MetricDataQueries=[
        {"Id": f"m{i}", "MetricStat": {"Metric": {"Namespace": "AWS/S3", "MetricName": "ReplicationLatency",
            "Dimensions": [{"Name": "SourceBucket", "Value": source}, {"Name": "DestinationBucket", "Value": destination},
                           {"Name": "RuleId", "Value": "to-usw2"}]}, "Period": 60, "Stat": "Maximum"}}
        for i, (source, destination) in enumerate([("lab1-use1", "lab1-usw2"), ("lab0-use1", "lab0-usw2")])])
    after = counts()
    grown = {key: value - before.get(key, 0) for key, value in after.items() if value != before.get(key, 0)}
    assert grown == {"other GetBucketVersioning lab1-use1": 1, "other ListBuckets -": 1,
                     "other GetMetricData lab0-use1,lab0-usw2,lab1-use1,lab1-usw2": 1}, grown

#!/usr/bin/env python3
"""Builds a two-region replication world in moto's server and prints what drtop should see, as JSON.

usage: world.py ENDPOINT PAIRS
Pair i: bucket w{i}-use1 (us-east-1) <-> w{i}-usw2 (us-west-2), versioning on, a rule each way with metrics and
RTC, and the four AWS/S3 replication metrics published in the regions AWS uses (latency and backlog in the
destination's region, failures in the source's). Misconfigurations: pair 0 has versioning suspended on its
secondary, pair 1 has its primary -> secondary rule disabled, pair 2 replicates one way only.
"""
import datetime, json, sys
import boto3
from botocore.config import Config

endpoint, count = sys.argv[1], int(sys.argv[2])
config = Config(retries={"total_max_attempts": 1}, disable_request_compression=True)
def client(service, region):
    return boto3.client(service, region_name=region, endpoint_url=endpoint, aws_access_key_id="testing",
                        aws_secret_access_key="testing", config=config)
s3 = {r: client("s3", r) for r in ("us-east-1", "us-west-2")}
cw = {r: client("cloudwatch", r) for r in ("us-east-1", "us-west-2")}
now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None, second=0, microsecond=0)
role = "arn:aws:iam::123456789012:role/replication"

def rule(rule_id, destination, enabled=True):
    return {"ID": rule_id, "Priority": 1, "Status": "Enabled" if enabled else "Disabled", "Filter": {"Prefix": ""},
            "DeleteMarkerReplication": {"Status": "Enabled"},
            "Destination": {"Bucket": f"arn:aws:s3:::{destination}", "StorageClass": "STANDARD",
                            "ReplicationTime": {"Status": "Enabled", "Time": {"Minutes": 15}},
                            "Metrics": {"Status": "Enabled", "EventThreshold": {"Minutes": 15}}}}

def metrics(region, source, destination, rule_id, lag, pending, failed_region, failed):
    dims = [{"Name": "SourceBucket", "Value": source}, {"Name": "DestinationBucket", "Value": destination},
            {"Name": "RuleId", "Value": rule_id}]
    data = []
    for age, scale in ((180, 0.5), (120, 0.75), (60, 1.0)):
        t = now - datetime.timedelta(seconds=age)
        data += [{"MetricName": "ReplicationLatency", "Dimensions": dims, "Timestamp": t, "Value": lag * scale},
                 {"MetricName": "OperationsPendingReplication", "Dimensions": dims, "Timestamp": t,
                  "Value": pending * scale},
                 {"MetricName": "BytesPendingReplication", "Dimensions": dims, "Timestamp": t,
                  "Value": pending * 1000 * scale}]
    cw[region].put_metric_data(Namespace="AWS/S3", MetricData=data)
    fails = [{"MetricName": "OperationsFailedReplication", "Dimensions": dims,
              "Timestamp": now - datetime.timedelta(seconds=age), "Value": failed} for age in (120, 60)]
    cw[failed_region].put_metric_data(Namespace="AWS/S3", MetricData=fails)

expected = []
for i in range(count):
    a, b = f"w{i}-use1", f"w{i}-usw2"
    s3["us-east-1"].create_bucket(Bucket=a)
    s3["us-west-2"].create_bucket(Bucket=b, CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
    for region, bucket in (("us-east-1", a), ("us-west-2", b)):
        s3[region].put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    s3["us-east-1"].put_bucket_replication(Bucket=a, ReplicationConfiguration={
        "Role": role, "Rules": [rule("to-usw2", b, enabled=(i != 1))]})
    if i != 2:
        s3["us-west-2"].put_bucket_replication(Bucket=b, ReplicationConfiguration={
            "Role": role, "Rules": [rule("to-use1", a)]})
    if i == 0:
        s3["us-east-1"].put_object(Bucket=a, Key="probe/hello world.txt", Body=b"hello")
        s3["us-west-2"].put_bucket_versioning(Bucket=b, VersioningConfiguration={"Status": "Suspended"})
    lag_out, pending_out, failed_out = 10.0 + i, 100 + i, i % 3
    metrics("us-west-2", a, b, "to-usw2", lag_out, pending_out, "us-east-1", failed_out)
    if i != 2:
        metrics("us-east-1", b, a, "to-use1", 5.0 + i, 50 + i, "us-west-2", 0)
    expected.append({"name": f"pair-{i}", "primary": a, "secondary": b,
                     "lag": lag_out, "pending": pending_out, "pending_bytes": pending_out * 1000,
                     "failed": failed_out * 2, "back_lag": None if i == 2 else 5.0 + i})
print(json.dumps(expected))

"""Replication as S3 does it beyond one pair, read through boto3: one source with two destinations (every
matching rule applies, the source's status is the aggregate), and the events S3 sends to SQS: failures naming
the destination, RTC's missed threshold and replicated-after-threshold, and objects no longer tracked."""
import json, time, urllib.request

import boto3
import pytest

from running import RunningLab
from test_lab import CONFIG, s3, status, wait_for

RTC_SECONDS = 1.5

@pytest.fixture(scope="module")
def lab():
    running = RunningLab(pairs=1, delay=0.3, metrics_period=5, tick=0.1,
                         lab_args=["--rtc-threshold", str(RTC_SECONDS)], setup_args=["--events", "--fanout"])
    assert "fan-use1 -> fan-usw2 fan-arch-usw2" in running.setup_output
    yield {"east": running.url("us-east-1"), "west": running.url("us-west-2"),
           "control": f"http://127.0.0.1:{running.control}", "queue": running.queue("us-east-1")}
    running.stop()

def control(lab, path):
    request = urllib.request.Request(lab["control"] + path, method="POST", data=b"")
    return json.load(urllib.request.urlopen(request, timeout=5))

class Events:
    """The us-east-1 queue's S3 event records, read with boto3's SQS client and kept."""
    def __init__(self, lab):
        self.sqs = boto3.client("sqs", region_name="us-east-1", endpoint_url=lab["east"], aws_access_key_id="testing",
                                aws_secret_access_key="testing", config=CONFIG)
        self.url, self.records = lab["queue"], []

    def find(self, event, key, seconds=8):
        deadline = time.time() + seconds
        while time.time() < deadline:
            for record in self.records:
                if record["eventName"] == event and record["s3"]["object"]["key"] == key:
                    return record
            answer = self.sqs.receive_message(QueueUrl=self.url, MaxNumberOfMessages=10, WaitTimeSeconds=0)
            for message in answer.get("Messages", []):
                self.records += json.loads(message["Body"]).get("Records", [])
                self.sqs.delete_message(QueueUrl=self.url, ReceiptHandle=message["ReceiptHandle"])
            time.sleep(0.1)
        return None

@pytest.fixture(scope="module")
def events(lab):
    return Events(lab)

def test_fanout_replicates_to_every_destination(lab):
    east, west = s3(lab["east"], "us-east-1"), s3(lab["west"], "us-west-2")
    put = east.put_object(Bucket="fan-use1", Key="both.txt", Body=b"fan")
    assert wait_for(lambda: status(east, "fan-use1", "both.txt") == "COMPLETED")
    for destination in ("fan-usw2", "fan-arch-usw2"):
        assert status(west, destination, "both.txt") == "REPLICA"
        assert west.get_object(Bucket=destination, Key="both.txt")["Body"].read() == b"fan"
    assert east.head_object(Bucket="fan-use1", Key="both.txt", VersionId=put["VersionId"])["ReplicationStatus"] \
        == "COMPLETED"

def test_one_failed_destination_fails_the_source(lab, events):
    east, west = s3(lab["east"], "us-east-1"), s3(lab["west"], "us-west-2")
    control(lab, "/direction/fan-use1/fan-arch-usw2/pause")
    try:
        east.put_object(Bucket="fan-use1", Key="half.txt", Body=b"x")
        assert wait_for(lambda: status_or_none(west, "fan-usw2", "half.txt") == "REPLICA")
        assert status(east, "fan-use1", "half.txt") == "PENDING", "PENDING until every destination is done"
        control(lab, "/direction/fan-use1/fan-arch-usw2/fail?reason=DstKmsKeyNotFound")
        assert wait_for(lambda: status(east, "fan-use1", "half.txt") == "FAILED"), "FAILED when any destination fails"
        assert status(west, "fan-usw2", "half.txt") == "REPLICA", "the healthy destination keeps its copy"
        source_version = east.head_object(Bucket="fan-use1", Key="half.txt")["VersionId"]
        replica = west.head_object(Bucket="fan-usw2", Key="half.txt", VersionId=source_version)
        assert replica["VersionId"] == source_version, "a replica keeps its source's version ID, as S3's do"
        assert status_or_none(west, "fan-arch-usw2", "half.txt") is None
    finally:
        control(lab, "/direction/fan-use1/fan-arch-usw2/ok")
    record = events.find("Replication:OperationFailedReplication", "half.txt")
    assert record is not None and record["eventVersion"] == "2.2"
    data = record["replicationEventData"]
    assert data["destinationBucket"] == "arn:aws:s3:::fan-arch-usw2"
    assert data["replicationRuleId"] == "to-arch-usw2" and data["failureReason"] == "DstKmsKeyNotFound"
    assert data["s3Operation"] == "OBJECT_PUT" and data["requestTime"].endswith("Z")

def status_or_none(client, bucket, key):
    from botocore.exceptions import ClientError
    try:
        return status(client, bucket, key)
    except ClientError:
        return None

def test_rtc_missed_threshold_then_replicated_after(lab, events):
    east = s3(lab["east"], "us-east-1")
    control(lab, "/direction/lab0-use1/lab0-usw2/pause")
    try:
        east.put_object(Bucket="lab0-use1", Key="rtc/slow.txt", Body=b"late")
        missed = events.find("Replication:OperationMissedThreshold", "rtc%2Fslow.txt", seconds=RTC_SECONDS + 5)
        assert missed is not None, "an RTC rule's object past the threshold"
        assert missed["replicationEventData"]["threshold"] == "15"
        assert missed["replicationEventData"]["destinationBucket"] == "arn:aws:s3:::lab0-usw2"
        assert status(east, "lab0-use1", "rtc/slow.txt") == "PENDING"
    finally:
        control(lab, "/direction/lab0-use1/lab0-usw2/ok")
    assert wait_for(lambda: status(east, "lab0-use1", "rtc/slow.txt") == "COMPLETED")
    after = events.find("Replication:OperationReplicatedAfterThreshold", "rtc%2Fslow.txt")
    assert after is not None
    data = after["replicationEventData"]
    assert data["replicationRuleId"] == "to-usw2" and data["replicationTime"].endswith("Z")
    assert data["replicationTime"] > data["requestTime"]
    east.put_object(Bucket="lab0-use1", Key="rtc/fast.txt", Body=b"in time")
    assert wait_for(lambda: status(east, "lab0-use1", "rtc/fast.txt") == "COMPLETED")
    assert events.find("Replication:OperationMissedThreshold", "rtc%2Ffast.txt", seconds=1) is None

def test_not_tracked(lab, events):
    east = s3(lab["east"], "us-east-1")
    control(lab, "/direction/lab0-use1/lab0-usw2/pause")
    try:
        east.put_object(Bucket="lab0-use1", Key="untracked.txt", Body=b"x")
        assert wait_for(lambda: status(east, "lab0-use1", "untracked.txt") == "PENDING")
        assert control(lab, "/direction/lab0-use1/lab0-usw2/untrack")["untracked"] == 1
        record = events.find("Replication:OperationNotTracked", "untracked.txt")
        assert record is not None
        assert record["replicationEventData"]["destinationBucket"] == "arn:aws:s3:::lab0-usw2"
        time.sleep(RTC_SECONDS + 0.5)
        assert events.find("Replication:OperationMissedThreshold", "untracked.txt", seconds=0.5) is None
    finally:
        control(lab, "/direction/lab0-use1/lab0-usw2/ok")
    assert wait_for(lambda: status(east, "lab0-use1", "untracked.txt") == "COMPLETED"), "it still replicates"

"""Replication rules of the first schema (V1: a top-level Prefix, no Filter), read through boto3: GetBucketReplication
answers them as they were put (moto turns them into V2 rules and loses the prefix), and their delete markers
replicate, as S3 replicates a V1 rule's delete markers."""
import time

import pytest

from running import RunningLab
from test_lab import s3, wait_for

ROLE = "arn:aws:iam::123456789012:role/replication"

@pytest.fixture(scope="module")
def lab():
    running = RunningLab(pairs=0, delay=0.3, metrics_period=5, tick=0.1)
    east, west = s3(running.url("us-east-1"), "us-east-1"), s3(running.url("us-west-2"), "us-west-2")
    east.create_bucket(Bucket="v1-use1")
    west.create_bucket(Bucket="v1-usw2", CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
    east.put_bucket_versioning(Bucket="v1-use1", VersioningConfiguration={"Status": "Enabled"})
    west.put_bucket_versioning(Bucket="v1-usw2", VersioningConfiguration={"Status": "Enabled"})
    east.put_bucket_replication(Bucket="v1-use1", ReplicationConfiguration={"Role": ROLE, "Rules": [
        {"ID": "legacy", "Prefix": "logs/", "Status": "Enabled", "Destination": {"Bucket": "arn:aws:s3:::v1-usw2"}}]})
    yield {"east": east, "west": west}
    running.stop()

def test_v1_rule_is_answered_as_put(lab):
    answer = lab["east"].get_bucket_replication(Bucket="v1-use1")["ReplicationConfiguration"]
    assert answer["Role"] == ROLE
    assert answer["Rules"] == [{"ID": "legacy", "Prefix": "logs/", "Status": "Enabled",
                                "Destination": {"Bucket": "arn:aws:s3:::v1-usw2"}}], \
        "V1: top-level Prefix, no Filter, no Priority, no DeleteMarkerReplication"

def test_v1_rule_replicates_its_prefix_and_delete_markers(lab):
    east, west = lab["east"], lab["west"]
    east.put_object(Bucket="v1-use1", Key="logs/a.txt", Body=b"a")
    east.put_object(Bucket="v1-use1", Key="other/b.txt", Body=b"b")
    assert wait_for(lambda: east.head_object(Bucket="v1-use1", Key="logs/a.txt").get("ReplicationStatus")
                    == "COMPLETED")
    assert "ReplicationStatus" not in east.head_object(Bucket="v1-use1", Key="other/b.txt"), "outside the prefix"
    east.delete_object(Bucket="v1-use1", Key="logs/a.txt")
    def deleted_in_west():
        markers = west.list_object_versions(Bucket="v1-usw2", Prefix="logs/a.txt").get("DeleteMarkers", [])
        return any(m["IsLatest"] for m in markers)
    assert wait_for(deleted_in_west), "a V1 rule replicates delete markers"
    time.sleep(0.5)
    markers = east.list_object_versions(Bucket="v1-use1", Prefix="logs/a.txt").get("DeleteMarkers", [])
    assert len(markers) == 1, "the replicated marker does not come back"

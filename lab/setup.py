#!/usr/bin/env python3
"""Creates replicating bucket pairs in a running lab: lab{i}-use1 (us-east-1) <-> lab{i}-usw2 (us-west-2),
versioning on, one rule each way with metrics and RTC (delete markers and replica modifications synced).

usage: setup.py [--east http://127.0.0.1:5001] [--west http://127.0.0.1:5002] [--pairs 3] [--one-way]
"""
import argparse
import boto3
from botocore.config import Config

CONFIG = Config(retries={"total_max_attempts": 1}, disable_request_compression=True)
ROLE = "arn:aws:iam::123456789012:role/replication"

def client(endpoint, region):
    return boto3.client("s3", region_name=region, endpoint_url=endpoint, aws_access_key_id="testing",
                        aws_secret_access_key="testing", config=CONFIG)

def rule(rule_id, destination):
    return {"ID": rule_id, "Priority": 1, "Status": "Enabled", "Filter": {"Prefix": ""},
            "DeleteMarkerReplication": {"Status": "Enabled"},
            "SourceSelectionCriteria": {"ReplicaModifications": {"Status": "Enabled"}},
            "Destination": {"Bucket": f"arn:aws:s3:::{destination}", "StorageClass": "STANDARD",
                            "ReplicationTime": {"Status": "Enabled", "Time": {"Minutes": 15}},
                            "Metrics": {"Status": "Enabled", "EventThreshold": {"Minutes": 15}}}}

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--east", default="http://127.0.0.1:5001")
    parser.add_argument("--west", default="http://127.0.0.1:5002")
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--one-way", action="store_true", help="no rule from us-west-2 back to us-east-1")
    args = parser.parse_args()
    east, west = client(args.east, "us-east-1"), client(args.west, "us-west-2")
    for i in range(args.pairs):
        a, b = f"lab{i}-use1", f"lab{i}-usw2"
        east.create_bucket(Bucket=a)
        west.create_bucket(Bucket=b, CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
        east.put_bucket_versioning(Bucket=a, VersioningConfiguration={"Status": "Enabled"})
        west.put_bucket_versioning(Bucket=b, VersioningConfiguration={"Status": "Enabled"})
        east.put_bucket_replication(Bucket=a, ReplicationConfiguration={"Role": ROLE, "Rules": [rule("to-usw2", b)]})
        if not args.one_way:
            west.put_bucket_replication(Bucket=b, ReplicationConfiguration={"Role": ROLE, "Rules": [rule("to-use1", a)]})
        print(f"{a} <-> {b}")

if __name__ == "__main__":
    main()

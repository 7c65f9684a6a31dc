"""Accounts, as S3 keeps them and moto 5.2.1 does not: with `--account KEY=ACCOUNT`, a bucket belongs to the
account that created it, ListBuckets lists the caller's own buckets, and another account's bucket answers 403
AccessDenied. Read through boto3."""
import boto3
import pytest
from botocore.exceptions import ClientError

from running import RunningLab
from test_lab import CONFIG

DR_KEY = "AKIADRACCOUNT0000002"

@pytest.fixture(scope="module")
def lab():
    running = RunningLab(pairs=1, delay=0.3, metrics_period=5, tick=0.1,
                         lab_args=["--account", f"{DR_KEY}=222222222222"])
    yield running
    running.stop()

def client(lab, region, key):
    return boto3.client("s3", region_name=region, endpoint_url=lab.url(region), aws_access_key_id=key,
                        aws_secret_access_key="secret", config=CONFIG)

def test_each_account_lists_and_reads_its_own_buckets(lab):
    dr = client(lab, "us-west-2", DR_KEY)
    main = client(lab, "us-east-1", "testing")
    dr.create_bucket(Bucket="dr-only-usw2", CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
    dr.put_bucket_versioning(Bucket="dr-only-usw2", VersioningConfiguration={"Status": "Enabled"})
    assert [b["Name"] for b in dr.list_buckets()["Buckets"]] == ["dr-only-usw2"]
    mine = [b["Name"] for b in main.list_buckets()["Buckets"]]
    assert "dr-only-usw2" not in mine and "lab0-use1" in mine
    assert dr.get_bucket_versioning(Bucket="dr-only-usw2")["Status"] == "Enabled"
    for call in (lambda: main.get_bucket_versioning(Bucket="dr-only-usw2"),
                 lambda: dr.get_bucket_versioning(Bucket="lab0-use1")):
        with pytest.raises(ClientError) as error:
            call()
        assert error.value.response["Error"]["Code"] == "AccessDenied"
        assert error.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403

def test_list_buckets_without_region_as_older_stores_answer():
    running = RunningLab(pairs=1, delay=0.3, metrics_period=5, tick=0.1, lab_args=["--list-buckets-without-region"])
    try:
        buckets = client(running, "us-east-1", "testing").list_buckets()["Buckets"]
        assert buckets and all("BucketRegion" not in bucket for bucket in buckets)
        west = client(running, "us-west-2", "testing")
        assert west.head_bucket(Bucket="lab0-usw2")["ResponseMetadata"]["HTTPHeaders"]["x-amz-bucket-region"] == "us-west-2"
    finally:
        running.stop()

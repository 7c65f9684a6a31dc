"""PutObject to Object Lock buckets as S3 answers it, read through boto3: without Content-MD5 or an x-amz-checksum-*
header a bucket with a default retention refuses it (400 InvalidRequest, S3's message); with a checksum it is
stored; a wrong x-amz-checksum-sha256 is 400 BadDigest; a bucket without default retention needs none."""
import base64, hashlib

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from running import RunningLab

LOCK_MESSAGE = "Content-MD5 OR x-amz-checksum- HTTP header is required for Put Object requests with Object Lock parameters"

def client(endpoint, checksums):
    """boto3 S3 with checksums as the SDK default (when_supported) or only where the API requires them."""
    return boto3.client("s3", region_name="us-east-1", endpoint_url=endpoint, aws_access_key_id="testing",
                        aws_secret_access_key="testing",
                        config=Config(retries={"total_max_attempts": 1}, request_checksum_calculation=checksums))

@pytest.fixture(scope="module")
def lab():
    running = RunningLab(pairs=0, delay=0.3, metrics_period=5, tick=0.1)
    s3 = client(running.url("us-east-1"), "when_supported")
    s3.create_bucket(Bucket="locked-use1", ObjectLockEnabledForBucket=True)
    s3.put_object_lock_configuration(Bucket="locked-use1", ObjectLockConfiguration={
        "ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": {"Mode": "GOVERNANCE", "Days": 1}}})
    s3.create_bucket(Bucket="lock-no-default-use1", ObjectLockEnabledForBucket=True)
    yield running.url("us-east-1")
    running.stop()

def test_default_retention_needs_a_checksum(lab):
    bare = client(lab, "when_required")
    with pytest.raises(ClientError) as raised:
        bare.put_object(Bucket="locked-use1", Key="drtop-canary/x", Body=b"canary")
    error = raised.value.response
    assert error["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert error["Error"]["Code"] == "InvalidRequest"
    assert error["Error"]["Message"] == LOCK_MESSAGE
    assert "Versions" not in bare.list_object_versions(Bucket="locked-use1"), "nothing stored"

def test_checksums_that_satisfy_it(lab):
    bare = client(lab, "when_required")
    body = b"canary"
    stored = bare.put_object(Bucket="locked-use1", Key="sha256", Body=body, ChecksumAlgorithm="SHA256")
    assert stored["ChecksumSHA256"] == base64.b64encode(hashlib.sha256(body).digest()).decode()
    bare.put_object(Bucket="locked-use1", Key="md5", Body=body,
                    ContentMD5=base64.b64encode(hashlib.md5(body).digest()).decode())
    client(lab, "when_supported").put_object(Bucket="locked-use1", Key="sdk-default", Body=body)
    keys = {v["Key"] for v in bare.list_object_versions(Bucket="locked-use1")["Versions"]}
    assert keys == {"sha256", "md5", "sdk-default"}

def test_wrong_sha256_is_bad_digest(lab):
    bare = client(lab, "when_required")
    wrong = base64.b64encode(hashlib.sha256(b"other").digest()).decode()
    with pytest.raises(ClientError) as raised:
        bare.put_object(Bucket="locked-use1", Key="bad", Body=b"canary", ChecksumSHA256=wrong)
    assert raised.value.response["Error"]["Code"] == "BadDigest"

def test_no_default_retention_needs_none(lab):
    client(lab, "when_required").put_object(Bucket="lock-no-default-use1", Key="plain", Body=b"x")

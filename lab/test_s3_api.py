"""S3 answers the lab gives as AWS does, read through boto3: ListBuckets paged with BucketRegion, AccessDenied
for a denied API, HeadBucket's x-amz-bucket-region on 200, 403 and 301."""
import json, urllib.request

import boto3
import pytest
from botocore.exceptions import ClientError

from running import RunningLab
from test_lab import CONFIG, s3

@pytest.fixture(scope="module")
def lab():
    running = RunningLab(pairs=3, delay=0.5, metrics_period=5, tick=0.1)
    yield {"east": running.url("us-east-1"), "west": running.url("us-west-2"),
           "control": f"http://127.0.0.1:{running.control}"}
    running.stop()

def control(lab, path, method="POST"):
    request = urllib.request.Request(lab["control"] + path, method=method, data=b"" if method == "POST" else None)
    return json.load(urllib.request.urlopen(request, timeout=5))

ALL = ["lab0-use1", "lab0-usw2", "lab1-use1", "lab1-usw2", "lab2-use1", "lab2-usw2"]

def test_list_buckets_pages_in_name_order_with_regions(lab):
    east = s3(lab["east"], "us-east-1")
    west = s3(lab["west"], "us-west-2")
    west.create_bucket(Bucket="aaa-first-usw2", CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
    names = ["aaa-first-usw2"] + ALL
    first = east.list_buckets(MaxBuckets=2)
    assert [b["Name"] for b in first["Buckets"]] == names[:2], "name order, not creation order"
    assert [b["BucketRegion"] for b in first["Buckets"]] == ["us-west-2", "us-east-1"]
    assert first["ContinuationToken"]
    second = east.list_buckets(MaxBuckets=2, ContinuationToken=first["ContinuationToken"])
    assert [b["Name"] for b in second["Buckets"]] == names[2:4]
    pages = list(east.get_paginator("list_buckets").paginate(PaginationConfig={"PageSize": 3}))
    assert len(pages) == 3 and "ContinuationToken" not in pages[-1]
    collected = [b for page in pages for b in page["Buckets"]]
    assert [b["Name"] for b in collected] == names
    assert all(b["BucketRegion"] == ("us-east-1" if b["Name"].endswith("use1") else "us-west-2") for b in collected)
    unpaged = east.list_buckets()
    assert [b["Name"] for b in unpaged["Buckets"]] == names and "ContinuationToken" not in unpaged
    west.delete_bucket(Bucket="aaa-first-usw2")

def test_list_buckets_filters_and_echoes_prefix(lab):
    east = s3(lab["east"], "us-east-1")
    answer = east.list_buckets(Prefix="lab1", MaxBuckets=10)
    assert answer["Prefix"] == "lab1" and [b["Name"] for b in answer["Buckets"]] == ["lab1-use1", "lab1-usw2"]
    answer = east.list_buckets(BucketRegion="us-west-2", MaxBuckets=2)
    assert [b["Name"] for b in answer["Buckets"]] == ["lab0-usw2", "lab1-usw2"] and "Prefix" not in answer
    rest = east.list_buckets(BucketRegion="us-west-2", MaxBuckets=2, ContinuationToken=answer["ContinuationToken"])
    assert [b["Name"] for b in rest["Buckets"]] == ["lab2-usw2"] and "ContinuationToken" not in rest
    with pytest.raises(ClientError) as raised:
        east.list_buckets(MaxBuckets=10001)
    assert raised.value.response["Error"]["Code"] == "InvalidArgument"
    with pytest.raises(ClientError) as raised:
        east.list_buckets(MaxBuckets=5, ContinuationToken="not-a-token")
    assert raised.value.response["Error"]["Code"] == "InvalidArgument"

def test_denied_api_answers_access_denied_in_every_region(lab):
    east, west = s3(lab["east"], "us-east-1"), s3(lab["west"], "us-west-2")
    assert control(lab, "/deny/ListBuckets") == {"denied": ["ListBuckets"]}
    try:
        for client in (east, west):
            with pytest.raises(ClientError) as raised:
                client.list_buckets(MaxBuckets=10)
            assert raised.value.response["Error"]["Code"] == "AccessDenied"
            assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
            assert "s3:ListAllMyBuckets" in raised.value.response["Error"]["Message"]
        assert east.get_bucket_location(Bucket="lab0-usw2")["LocationConstraint"] == "us-west-2", \
            "other APIs still answer: discovery goes on without ListAllMyBuckets"
    finally:
        control(lab, "/deny/ListBuckets", method="DELETE")
    assert east.list_buckets(MaxBuckets=1)["Buckets"]
    control(lab, "/deny/GetBucketVersioning")
    try:
        with pytest.raises(ClientError) as raised:
            east.get_bucket_versioning(Bucket="lab0-use1")
        assert raised.value.response["Error"]["Code"] == "AccessDenied"
    finally:
        assert control(lab, "/allow/GetBucketVersioning") == {"denied": []}
    assert east.get_bucket_versioning(Bucket="lab0-use1")["Status"] == "Enabled"

def test_denied_query_compatible_json_apis(lab):
    """CloudWatch and SQS speak JSON with the Query error code in x-amzn-query-error: boto3 reads AccessDenied."""
    cw = boto3.client("cloudwatch", region_name="us-east-1", endpoint_url=lab["east"], aws_access_key_id="testing",
                      aws_secret_access_key="testing", config=CONFIG)
    control(lab, "/deny/ListMetrics")
    try:
        with pytest.raises(ClientError) as raised:
            cw.list_metrics(Namespace="AWS/S3")
        assert raised.value.response["Error"]["Code"] == "AccessDenied"
        assert "cloudwatch:ListMetrics" in raised.value.response["Error"]["Message"]
    finally:
        control(lab, "/allow/ListMetrics")
    cw.list_metrics(Namespace="AWS/S3")

def test_head_bucket_names_the_region(lab):
    east, west = s3(lab["east"], "us-east-1"), s3(lab["west"], "us-west-2")
    answer = west.head_bucket(Bucket="lab0-usw2")
    assert answer["BucketRegion"] == "us-west-2"
    assert answer["ResponseMetadata"]["HTTPHeaders"]["x-amz-bucket-region"] == "us-west-2"
    with pytest.raises(ClientError) as raised:
        east.head_bucket(Bucket="lab0-usw2")
    error = raised.value.response
    assert error["ResponseMetadata"]["HTTPStatusCode"] == 301, "another region's endpoint: moved"
    assert error["ResponseMetadata"]["HTTPHeaders"]["x-amz-bucket-region"] == "us-west-2"
    control(lab, "/deny/HeadBucket")
    try:
        with pytest.raises(ClientError) as raised:
            west.head_bucket(Bucket="lab0-usw2")
        error = raised.value.response
        assert error["Error"]["Code"] == "403", "a HEAD answer has no body: boto3 names the status"
        assert error["ResponseMetadata"]["HTTPHeaders"]["x-amz-bucket-region"] == "us-west-2"
    finally:
        control(lab, "/allow/HeadBucket")
    with pytest.raises(ClientError) as raised:
        east.head_bucket(Bucket="no-such-bucket")
    assert raised.value.response["Error"]["Code"] == "404"

"""Many old versions, put fast, and ListObjectVersions paging as S3 pages it, read through boto3: key-marker,
version-id-marker, max-keys, prefix, delimiter and encoding-type=url."""
import datetime, json, time, urllib.request

import pytest
from botocore.exceptions import ClientError

from running import RunningLab
from test_lab import s3, status, wait_for

OLD = 5000

@pytest.fixture(scope="module")
def lab():
    running = RunningLab(pairs=2, delay=0.3, metrics_period=5, tick=0.1)
    lab = {"east": running.url("us-east-1"), "west": running.url("us-west-2"),
           "control": f"http://127.0.0.1:{running.control}"}
    lab["seeded"] = control(lab, f"/seed/lab0-use1?count={OLD}&prefix=old/&age={3 * 86400}")
    yield lab
    running.stop()

def control(lab, path):
    request = urllib.request.Request(lab["control"] + path, method="POST", data=b"")
    return json.load(urllib.request.urlopen(request, timeout=30))

def test_old_versions_are_put_fast_and_already_replicated(lab):
    seeded = lab["seeded"]
    assert seeded["versions"] == OLD and seeded["copies"] == OLD and seeded["first"] == "old/000001"
    assert seeded["seconds"] < 5, "straight into the store, not one PUT each"
    east, west = s3(lab["east"], "us-east-1"), s3(lab["west"], "us-west-2")
    head = east.head_object(Bucket="lab0-use1", Key="old/000001")
    assert head["ReplicationStatus"] == "COMPLETED"
    age = datetime.datetime.now(datetime.timezone.utc) - head["LastModified"]
    assert age > datetime.timedelta(days=3)
    assert west.head_object(Bucket="lab0-usw2", Key="old/004999")["ReplicationStatus"] == "REPLICA"
    time.sleep(0.5)
    assert status(east, "lab0-use1", "old/002500") == "COMPLETED", "the replicator leaves them alone"

def test_new_objects_after_the_old_ones_page_last(lab):
    east = s3(lab["east"], "us-east-1")
    control(lab, "/direction/lab0-use1/lab0-usw2/pause")
    try:
        for name in ("zz-new/a", "zz-new/b"):
            east.put_object(Bucket="lab0-use1", Key=name, Body=b"new")
        assert wait_for(lambda: status(east, "lab0-use1", "zz-new/b") == "PENDING")
        started = time.time()
        pages = list(east.get_paginator("list_object_versions").paginate(Bucket="lab0-use1"))
        elapsed = time.time() - started
        assert len(pages) == 6 and elapsed < 10
        versions = [v for page in pages for v in page.get("Versions", [])]
        names = [v["Key"] for v in versions]
        assert len(versions) == OLD + 2 and names == sorted(names)
        assert names[-2:] == ["zz-new/a", "zz-new/b"] and all(v["IsLatest"] for v in versions)
        assert pages[0]["MaxKeys"] == 1000 and pages[0]["IsTruncated"] and not pages[-1]["IsTruncated"]
        assert pages[0]["NextKeyMarker"] == "old/001000"
        tail = east.list_object_versions(Bucket="lab0-use1", KeyMarker="old/004999", MaxKeys=2)
        assert [v["Key"] for v in tail["Versions"]] == ["old/005000", "zz-new/a"]
        assert tail["IsTruncated"] and tail["NextKeyMarker"] == "zz-new/a"
        assert tail["NextVersionIdMarker"] == tail["Versions"][-1]["VersionId"]
        rest = east.list_object_versions(Bucket="lab0-use1", KeyMarker=tail["NextKeyMarker"],
                                         VersionIdMarker=tail["NextVersionIdMarker"], MaxKeys=1000)
        assert [v["Key"] for v in rest["Versions"]] == ["zz-new/b"] and not rest["IsTruncated"]
        new = east.list_object_versions(Bucket="lab0-use1", Prefix="zz-new/")
        assert [v["Key"] for v in new["Versions"]] == ["zz-new/a", "zz-new/b"] and new["Prefix"] == "zz-new/"
    finally:
        control(lab, "/direction/lab0-use1/lab0-usw2/ok")

def test_markers_within_one_keys_versions(lab):
    east = s3(lab["east"], "us-east-1")
    ids = [east.put_object(Bucket="lab1-use1", Key="many", Body=str(i).encode())["VersionId"] for i in range(5)]
    east.put_object(Bucket="lab1-use1", Key="next", Body=b"x")
    east.delete_object(Bucket="lab1-use1", Key="next")
    newest_first = list(reversed(ids))
    page = east.list_object_versions(Bucket="lab1-use1", Prefix="many", MaxKeys=2)
    assert [v["VersionId"] for v in page["Versions"]] == newest_first[:2]
    assert [v["IsLatest"] for v in page["Versions"]] == [True, False]
    page = east.list_object_versions(Bucket="lab1-use1", KeyMarker="many", VersionIdMarker=page["NextVersionIdMarker"])
    assert [v["VersionId"] for v in page["Versions"]] == newest_first[2:] + [page["Versions"][-1]["VersionId"]]
    assert [v["Key"] for v in page["Versions"]][-1] == "next"
    assert [m["Key"] for m in page["DeleteMarkers"]] == ["next"] and page["DeleteMarkers"][0]["IsLatest"]
    assert not [v for v in page["Versions"] if v["Key"] == "next"][0]["IsLatest"]
    only_after = east.list_object_versions(Bucket="lab1-use1", KeyMarker="many")
    assert {v["Key"] for v in only_after["Versions"]} == {"next"}, "key-marker alone starts after that key"
    collected = []
    for page in east.get_paginator("list_object_versions").paginate(Bucket="lab1-use1",
                                                                   PaginationConfig={"PageSize": 2}):
        collected += [(v["Key"], v["VersionId"]) for v in page.get("Versions", []) + page.get("DeleteMarkers", [])]
    assert len(collected) == 7 and len(set(collected)) == 7
    with pytest.raises(ClientError) as raised:
        east.list_object_versions(Bucket="lab1-use1", VersionIdMarker=ids[0])
    assert raised.value.response["Error"]["Code"] == "InvalidArgument"

def test_delimiter_groups_common_prefixes(lab):
    east = s3(lab["east"], "us-east-1")
    for name in ("dir/a/1", "dir/a/2", "dir/b/1", "dir/c"):
        east.put_object(Bucket="lab1-use1", Key=name, Body=b"x")
    page = east.list_object_versions(Bucket="lab1-use1", Prefix="dir/", Delimiter="/", MaxKeys=1)
    assert [p["Prefix"] for p in page["CommonPrefixes"]] == ["dir/a/"] and page["NextKeyMarker"] == "dir/a/"
    page = east.list_object_versions(Bucket="lab1-use1", Prefix="dir/", Delimiter="/", KeyMarker="dir/a/")
    assert [p["Prefix"] for p in page["CommonPrefixes"]] == ["dir/b/"]
    assert [v["Key"] for v in page["Versions"]] == ["dir/c"]

def test_encoding_type_url(lab):
    east = s3(lab["east"], "us-east-1")
    odd = ["enc/a b+c%d", "enc/\u00fcber", "enc/x&y=z"]
    for name in odd:
        east.put_object(Bucket="lab1-use1", Key=name, Body=b"x")
    raw = {}
    def keep(response_dict, **_):
        raw["body"] = response_dict["body"].decode()
    east.meta.events.register("before-parse.s3.ListObjectVersions", keep)
    page = east.list_object_versions(Bucket="lab1-use1", Prefix="enc/", MaxKeys=2)  # botocore asks for url
    assert [v["Key"] for v in page["Versions"]] == sorted(odd)[:2], "boto3 decodes what S3 encoded"
    assert "<EncodingType>url</EncodingType>" in raw["body"]
    assert "<Key>enc/a%20b%2Bc%25d</Key>" in raw["body"] and "<Key>enc/x%26y%3Dz</Key>" in raw["body"]
    assert page["NextKeyMarker"] == sorted(odd)[1]
    rest = east.list_object_versions(Bucket="lab1-use1", Prefix="enc/", KeyMarker=page["NextKeyMarker"],
                                     VersionIdMarker=page["NextVersionIdMarker"])
    assert [v["Key"] for v in rest["Versions"]] == sorted(odd)[2:]
    assert "<Key>enc/%C3%BCber</Key>" in raw["body"] and "<KeyMarker>enc/x%26y%3Dz</KeyMarker>" in raw["body"]

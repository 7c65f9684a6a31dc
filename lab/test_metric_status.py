"""GetMetricData's per-query StatusCode and NextToken paging, as CloudWatch answers them in the Query protocol
(drtop's), read through boto3 with the Query protocol: InternalError and Forbidden with Messages and no
datapoints, PartialData pages behind NextToken until Complete."""
import datetime, gzip, json, os, tempfile, time, urllib.request

import boto3
import botocore.session
import pytest

from running import RunningLab
from test_lab import CONFIG

@pytest.fixture(scope="module")
def lab():
    running = RunningLab(pairs=2, delay=0.3, metrics_period=0.5, tick=0.1)
    yield {"west": running.url("us-west-2"), "control": f"http://127.0.0.1:{running.control}"}
    running.stop()

def control(lab, path):
    request = urllib.request.Request(lab["control"] + path, method="POST", data=b"")
    return json.load(urllib.request.urlopen(request, timeout=5))

def query_protocol_cloudwatch(endpoint):
    """boto3's CloudWatch client speaking the Query protocol (awsquery, form POST and XML answers) as drtop does:
    botocore's own model with its protocol list cut to "query" (it prefers CBOR otherwise)."""
    folder = tempfile.mkdtemp()
    source = os.path.join(os.path.dirname(botocore.__file__), "data", "cloudwatch", "2010-08-01")
    name = next(n for n in os.listdir(source) if n.startswith("service-2"))
    opener = gzip.open if name.endswith(".gz") else open
    with opener(os.path.join(source, name), "rt") as f:
        model = json.load(f)
    model["metadata"]["protocol"], model["metadata"]["protocols"] = "query", ["query"]
    os.makedirs(os.path.join(folder, "cloudwatch", "2010-08-01"))
    with open(os.path.join(folder, "cloudwatch", "2010-08-01", "service-2.json"), "w") as f:
        json.dump(model, f)
    session = botocore.session.Session()
    session.get_component("data_loader").search_paths.insert(0, folder)
    client = boto3.Session(botocore_session=session).client(
        "cloudwatch", region_name="us-west-2", endpoint_url=endpoint, aws_access_key_id="testing",
        aws_secret_access_key="testing", config=CONFIG)
    assert client.meta.service_model.protocol == "query"
    return client

def queries(pairs=(0, 1)):
    return [{"Id": f"m{i}", "MetricStat": {"Metric": {"Namespace": "AWS/S3", "MetricName": "ReplicationLatency",
             "Dimensions": [{"Name": "SourceBucket", "Value": f"lab{i}-use1"},
                            {"Name": "DestinationBucket", "Value": f"lab{i}-usw2"},
                            {"Name": "RuleId", "Value": "to-usw2"}]}, "Period": 1, "Stat": "Maximum"}}
            for i in pairs]

def window():
    now = datetime.datetime.now(datetime.timezone.utc)
    return {"StartTime": now - datetime.timedelta(minutes=5), "EndTime": now + datetime.timedelta(minutes=1),
            "ScanBy": "TimestampAscending"}

def test_status_codes_and_paging(lab):
    cloudwatch = query_protocol_cloudwatch(lab["west"])
    time.sleep(2.5)  # a few datapoints of every rule
    plain = cloudwatch.get_metric_data(MetricDataQueries=queries(), **window())
    assert [r["StatusCode"] for r in plain["MetricDataResults"]] == ["Complete", "Complete"]
    assert "NextToken" not in plain
    full = {r["Id"]: len(r["Timestamps"]) for r in plain["MetricDataResults"]}
    assert full["m0"] >= 3

    control(lab, "/metric-status/ReplicationLatency/InternalError?source=lab1-use1&message=Internal%20failure")
    control(lab, "/metric-status/ReplicationLatency/PartialData?source=lab0-use1&per_page=2")
    first = cloudwatch.get_metric_data(MetricDataQueries=queries(), **window())
    by_id = {r["Id"]: r for r in first["MetricDataResults"]}
    assert by_id["m1"]["StatusCode"] == "InternalError"
    assert by_id["m1"]["Messages"] == [{"Code": "InternalError", "Value": "Internal failure"}]
    assert by_id["m1"]["Values"] == [] and by_id["m1"]["Timestamps"] == []
    assert by_id["m0"]["StatusCode"] == "PartialData" and len(by_id["m0"]["Values"]) == 2
    assert first["NextToken"]
    pages, token, codes = [first], first["NextToken"], []
    while token:
        page = cloudwatch.get_metric_data(MetricDataQueries=queries(), NextToken=token, **window())
        pages.append(page)
        codes.append({r["Id"]: r["StatusCode"] for r in page["MetricDataResults"]})
        token = page.get("NextToken")
    assert codes[-1] == {"m0": "Complete", "m1": "InternalError"}, "every page answers every query"
    assert all(c["m0"] == "PartialData" for c in codes[:-1])
    merged = [t for p in pages for r in p["MetricDataResults"] if r["Id"] == "m0" for t in r["Timestamps"]]
    assert len(merged) >= full["m0"] and merged == sorted(merged), "the pages carry the datapoints in order"

    control(lab, "/metric-status/ReplicationLatency/Forbidden?source=lab1-use1")
    forbidden = cloudwatch.get_metric_data(MetricDataQueries=queries((1,)), **window())
    assert forbidden["MetricDataResults"][0]["StatusCode"] == "Forbidden"
    assert "Messages" not in forbidden["MetricDataResults"][0]
    control(lab, "/metric-status/ReplicationLatency/ok?source=lab1-use1")
    control(lab, "/metric-status/ReplicationLatency/ok?source=lab0-use1")
    again = cloudwatch.get_metric_data(MetricDataQueries=queries(), **window())
    assert [r["StatusCode"] for r in again["MetricDataResults"]] == ["Complete", "Complete"]
    assert "NextToken" not in again

"""The fault proxy, read through boto3: a chosen fault mix (resets, held connections a short timeout gives up
on), and a skewed clock refused as AWS refuses it (S3 RequestTimeTooSkewed, Query SignatureDoesNotMatch, JSON
InvalidSignatureException with the Query code), which a client that corrects its clock gets past."""
import copy, datetime, email.utils, json, time

import boto3
import botocore.auth
import botocore.session
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError, ConnectionClosedError, EndpointConnectionError, ReadTimeoutError

from drlab.faultproxy import FaultProxy
from running import RunningLab

CONFIG = Config(retries={"total_max_attempts": 1}, disable_request_compression=True, connect_timeout=1,
                read_timeout=1)

@pytest.fixture(scope="module")
def lab():
    running = RunningLab(pairs=1, delay=0.3, metrics_period=5, tick=0.2)
    yield running
    running.stop()

def client(service, port, session=None, config=CONFIG):
    return (session or boto3).client(service, region_name="us-east-1", endpoint_url=f"http://127.0.0.1:{port}",
                                     aws_access_key_id="testing", aws_secret_access_key="testing", config=config)

def test_fault_mix_shares():
    proxy = FaultProxy("127.0.0.1:9", faults={"reset": 0.1, "timeout": 0.05}, seed=7)
    try:
        picks = [proxy.pick() for _ in range(20000)]
    finally:
        proxy.stop()
    assert abs(picks.count("reset") / 20000 - 0.1) < 0.01
    assert abs(picks.count("timeout") / 20000 - 0.05) < 0.01
    assert set(picks) == {None, "reset", "timeout"}
    with pytest.raises(ValueError):
        FaultProxy("127.0.0.1:9", faults={"reset": 0.8, "timeout": 0.5})

def test_resets_and_held_connections_reach_boto3(lab):
    resets = FaultProxy(f"127.0.0.1:{lab.east}", faults={"reset": 1.0}, all_clients=True)
    held = FaultProxy(f"127.0.0.1:{lab.east}", faults={"timeout": 1.0}, hold=3, all_clients=True)
    try:
        with pytest.raises((ConnectionClosedError, EndpointConnectionError)):
            client("s3", resets.port).list_buckets()
        started = time.time()
        with pytest.raises(ReadTimeoutError):
            client("s3", held.port, config=CONFIG.merge(Config(read_timeout=0.5))).list_buckets()
        assert time.time() - started < 2.5, "the client's own timeout ends it, not the hold"
        assert resets.stats.faults == {"reset": 1} and held.stats.faults == {"timeout": 1}
    finally:
        resets.stop()
        held.stop()
    quiet = FaultProxy(f"127.0.0.1:{lab.east}", faults={"reset": 1.0})
    try:
        assert client("s3", quiet.port).list_buckets()["Buckets"], "faults hit drtop's requests only by default"
    finally:
        quiet.stop()

@pytest.fixture
def skewed(lab):
    proxy = FaultProxy(f"127.0.0.1:{lab.east}", rate=0.0, skew_seconds=3600)
    yield proxy
    proxy.stop()

def corrected_clock(monkeypatch, offset):
    """Sign as a client that has corrected its clock by `offset` seconds (botocore has no skew correction of its
    own: boto/boto3#1252)."""
    original = botocore.auth.get_current_datetime
    monkeypatch.setattr(botocore.auth, "get_current_datetime",
                        lambda: original() + datetime.timedelta(seconds=offset))

def test_s3_request_time_too_skewed_then_corrected(skewed, monkeypatch):
    s3 = client("s3", skewed.port)
    with pytest.raises(ClientError) as raised:
        s3.list_buckets()
    error = raised.value.response
    assert error["ResponseMetadata"]["HTTPStatusCode"] == 403
    assert error["Error"]["Code"] == "RequestTimeTooSkewed"
    assert error["Error"]["Message"] == "The difference between the request time and the current time is too large."
    assert error["Error"]["MaxAllowedSkewMilliseconds"] == "900000"
    server = datetime.datetime.strptime(error["Error"]["ServerTime"], "%Y-%m-%dT%H:%M:%SZ")
    request = datetime.datetime.strptime(error["Error"]["RequestTime"], "%Y%m%dT%H%M%SZ")
    assert abs((server - request).total_seconds() - 3600) < 5
    date = email.utils.parsedate_to_datetime(error["ResponseMetadata"]["HTTPHeaders"]["date"])
    offset = (date - datetime.datetime.now(datetime.timezone.utc)).total_seconds()
    assert abs(offset - 3600) < 5, "the answer's Date is the proxy's clock"
    with pytest.raises(ClientError) as raised:
        s3.head_bucket(Bucket="lab0-use1")
    assert raised.value.response["Error"]["Code"] == "403", "HEAD: the status, no body"
    corrected_clock(monkeypatch, offset)
    answer = s3.list_buckets()
    assert answer["Buckets"], "with the corrected clock the request passes"
    answer_date = email.utils.parsedate_to_datetime(answer["ResponseMetadata"]["HTTPHeaders"]["date"])
    assert abs((answer_date - datetime.datetime.now(datetime.timezone.utc)).total_seconds() - 3600) < 5

def test_query_api_signature_expired(skewed, monkeypatch):
    sts = client("sts", skewed.port)
    with pytest.raises(ClientError) as raised:
        sts.get_caller_identity()
    error = raised.value.response
    assert error["ResponseMetadata"]["HTTPStatusCode"] == 403
    assert error["Error"]["Code"] == "SignatureDoesNotMatch" and error["Error"]["Type"] == "Sender"
    assert error["Error"]["Message"].startswith("Signature expired: ") and error["Error"]["Message"].endswith(" - 15 min.)")
    assert error["ResponseMetadata"]["RequestId"]
    corrected_clock(monkeypatch, 3600)
    assert sts.get_caller_identity()["Account"] == "123456789012"

def query_cloudwatch(tmp_path):
    """A boto3 CloudWatch client speaking the Query API (form POST, Action=), as drtop does; boto3 itself prefers
    the JSON protocol."""
    data = copy.deepcopy(botocore.session.get_session().get_service_data("cloudwatch"))
    data["metadata"]["protocol"], data["metadata"]["protocols"] = "query", ["query"]
    folder = tmp_path / "cloudwatch" / data["metadata"]["apiVersion"]
    folder.mkdir(parents=True)
    (folder / "service-2.json").write_text(json.dumps(data))
    session = botocore.session.get_session()
    session.get_component("data_loader").search_paths.insert(0, str(tmp_path))
    return boto3.Session(botocore_session=session)

def test_cloudwatch_query_and_json_signature_expired(skewed, monkeypatch, tmp_path):
    query = client("cloudwatch", skewed.port, session=query_cloudwatch(tmp_path))
    assert query.meta.service_model.protocol == "query"
    with pytest.raises(ClientError) as raised:
        query.list_metrics(Namespace="AWS/S3")
    assert raised.value.response["Error"]["Code"] == "SignatureDoesNotMatch"
    assert "Signature expired" in raised.value.response["Error"]["Message"]
    as_json = client("cloudwatch", skewed.port)
    with pytest.raises(ClientError) as raised:
        as_json.list_metrics(Namespace="AWS/S3")
    error = raised.value.response
    assert error["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert error["Error"]["Code"] == "SignatureDoesNotMatch", "Query-compatible: x-amzn-query-error names the code"
    assert "Signature expired" in error["Error"]["Message"]
    corrected_clock(monkeypatch, 3600)
    query.list_metrics(Namespace="AWS/S3")
    as_json.list_metrics(Namespace="AWS/S3")

def test_sqs_json_signature_expired(skewed, monkeypatch):
    sqs = client("sqs", skewed.port)
    with pytest.raises(ClientError) as raised:
        sqs.list_queues()
    error = raised.value.response
    assert error["Error"]["Code"] == "SignatureDoesNotMatch" and error["ResponseMetadata"]["HTTPStatusCode"] == 400
    corrected_clock(monkeypatch, 3600 - 600)
    sqs.list_queues()  # ten minutes off: within the 15 AWS allows

def test_clock_behind_says_not_yet_current(lab):
    proxy = FaultProxy(f"127.0.0.1:{lab.east}", rate=0.0, skew_seconds=-3600)
    try:
        with pytest.raises(ClientError) as raised:
            client("sts", proxy.port).get_caller_identity()
        assert raised.value.response["Error"]["Message"].startswith("Signature not yet current: ")
        assert raised.value.response["Error"]["Message"].endswith(" + 15 min.)")
        with pytest.raises(ClientError) as raised:
            client("s3", proxy.port).list_buckets()
        assert raised.value.response["Error"]["Code"] == "RequestTimeTooSkewed"
    finally:
        proxy.stop()

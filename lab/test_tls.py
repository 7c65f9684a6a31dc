"""drtoplab.py --tls: every AWS endpoint HTTPS with HTTP/1.1 keep-alive, as AWS's are, with a self-signed
certificate for 127.0.0.1 and localhost that clients trust through AWS_CA_BUNDLE (or boto3's verify=). Read through
boto3: bucket replication and GetMetricData (CloudWatch's default protocol and the Query protocol drtop speaks),
ARC's DescribeCluster and a cluster endpoint's GetRoutingControlState, a client without the certificate refused,
connections kept and reused (the lab counts both), answers framed by a correct Content-Length, and a refused region
cutting the connections it kept."""
import datetime, http.client, json, socket, ssl, subprocess, time, urllib.request

import boto3
import botocore.auth, botocore.awsrequest, botocore.credentials, botocore.exceptions
import pytest
from botocore.config import Config

from running import RunningLab

CONFIG = Config(retries={"total_max_attempts": 1}, disable_request_compression=True, connect_timeout=2,
                read_timeout=5)


@pytest.fixture(scope="module")
def lab():
    running = RunningLab(pairs=2, delay=0.5, metrics_period=1, tick=0.1, tls=True, lab_args=["--idle-timeout", "4"])
    time.sleep(2)  # a publication of the metrics
    yield running
    running.stop()


def client(lab, service, region, verify=None):
    return boto3.client(service, region_name=region, endpoint_url=lab.url(region), aws_access_key_id="testing",
                        aws_secret_access_key="testing", config=CONFIG,
                        verify=lab.ca_bundle if verify is None else verify)


def endpoint(lab, name):
    return lab.status()["endpoints"][name]


def control(lab, path):
    request = urllib.request.Request(f"http://127.0.0.1:{lab.control}{path}", method="POST", data=b"")
    return json.load(urllib.request.urlopen(request, timeout=5))


def latency_query(pair=0):
    return {"Id": f"m{pair}", "MetricStat": {"Metric": {"Namespace": "AWS/S3", "MetricName": "OperationsPendingReplication",
            "Dimensions": [{"Name": "SourceBucket", "Value": f"lab{pair}-use1"},
                           {"Name": "DestinationBucket", "Value": f"lab{pair}-usw2"},
                           {"Name": "RuleId", "Value": "to-usw2"}]}, "Period": 60, "Stat": "Maximum"}}


def test_the_certificate_names_loopback_and_is_reported(lab):
    assert lab.url("us-east-1").startswith("https://127.0.0.1:")
    text = subprocess.run(["/usr/bin/openssl", "x509", "-in", lab.ca_bundle, "-noout", "-ext", "subjectAltName"],
                          check=True, capture_output=True, text=True).stdout
    assert "IP Address:127.0.0.1" in text and "DNS:localhost" in text
    status = lab.status()
    assert status["tls"] == {"ca_bundle": lab.ca_bundle}
    assert {e["url"].split(":")[0] for e in status["endpoints"].values()} == {"https"}
    cluster = next(iter(status["routing"]["arc"]["clusters"].values()))
    assert all(e["Endpoint"].startswith("https://127.0.0.1:") for e in cluster["endpoints"]), \
        "DescribeCluster names the cluster endpoints as they answer: over HTTPS"


def test_boto3_reads_replication_and_metrics_over_tls(lab):
    s3 = client(lab, "s3", "us-east-1")
    rules = s3.get_bucket_replication(Bucket="lab0-use1")["ReplicationConfiguration"]["Rules"]
    assert [r["Destination"]["Bucket"] for r in rules] == ["arn:aws:s3:::lab0-usw2"]
    now = datetime.datetime.now(datetime.timezone.utc)
    window = {"StartTime": now - datetime.timedelta(minutes=5), "EndTime": now + datetime.timedelta(minutes=1)}
    cw = client(lab, "cloudwatch", "us-west-2")
    answer = cw.get_metric_data(MetricDataQueries=[latency_query(0), latency_query(1)], **window)
    assert [r["StatusCode"] for r in answer["MetricDataResults"]] == ["Complete", "Complete"]
    assert all(r["Values"] for r in answer["MetricDataResults"]), "the pending operations of both rules, published"


def test_query_protocol_get_metric_data_over_tls(lab, monkeypatch):
    """GetMetricData as drtop sends it (the Query protocol), the certificate trusted through AWS_CA_BUNDLE."""
    from test_metric_status import query_protocol_cloudwatch
    monkeypatch.setenv("AWS_CA_BUNDLE", lab.ca_bundle)
    now = datetime.datetime.now(datetime.timezone.utc)
    answer = query_protocol_cloudwatch(lab.url("us-west-2")).get_metric_data(
        MetricDataQueries=[latency_query(0)], StartTime=now - datetime.timedelta(minutes=5), EndTime=now)
    assert answer["MetricDataResults"][0]["Values"]


def test_arc_cluster_endpoints_over_tls(lab):
    """DescribeCluster (us-west-2's endpoint) names the cluster endpoints as https URLs, and one answers
    GetRoutingControlState over TLS with the same certificate."""
    made = control(lab, "/arc/control?name=tls-use1&state=On")
    config = boto3.client("route53-recovery-control-config", region_name="us-west-2", endpoint_url=lab.url("us-west-2"),
                          aws_access_key_id="testing", aws_secret_access_key="testing", config=CONFIG,
                          verify=lab.ca_bundle)
    endpoints = {e["Region"]: e["Endpoint"]
                 for e in config.describe_cluster(ClusterArn=made["cluster"])["Cluster"]["ClusterEndpoints"]}
    assert endpoints["eu-west-1"] == lab.arc_url("eu-west-1") and endpoints["eu-west-1"].startswith("https://")
    before = endpoint(lab, "arc eu-west-1")
    arc = boto3.client("route53-recovery-cluster", region_name="eu-west-1", endpoint_url=endpoints["eu-west-1"],
                       aws_access_key_id="testing", aws_secret_access_key="testing", config=CONFIG,
                       verify=lab.ca_bundle)
    for _ in range(3):
        assert arc.get_routing_control_state(RoutingControlArn=made["arn"])["RoutingControlState"] == "On"
    after = endpoint(lab, "arc eu-west-1")
    assert (after["requests"] - before["requests"], after["connections"] - before["connections"]) == (3, 1)


def test_a_client_without_the_certificate_is_refused(lab, monkeypatch):
    for name in ("AWS_CA_BUNDLE", "REQUESTS_CA_BUNDLE", "SSL_CERT_FILE", "SSL_CERT_DIR"):
        monkeypatch.delenv(name, raising=False)
    failures = endpoint(lab, "us-east-1")["tls_failures"]
    untrusting = client(lab, "s3", "us-east-1", verify=True)  # the default roots (certifi's): no lab certificate
    with pytest.raises(botocore.exceptions.SSLError):
        untrusting.get_bucket_replication(Bucket="lab0-use1")
    assert endpoint(lab, "us-east-1")["tls_failures"] == failures + 1, "the handshake failed at the lab"
    # Nor does plain HTTP reach an HTTPS endpoint.
    plain = boto3.client("s3", region_name="us-east-1", endpoint_url=lab.url("us-east-1").replace("https:", "http:"),
                         aws_access_key_id="testing", aws_secret_access_key="testing", config=CONFIG)
    with pytest.raises(botocore.exceptions.BotoCoreError):
        plain.list_buckets()


def test_connections_are_kept_and_reused(lab):
    before = endpoint(lab, "us-west-2")
    s3 = client(lab, "s3", "us-west-2")
    for i in range(10):
        s3.get_bucket_versioning(Bucket="lab1-usw2")
        s3.get_bucket_replication(Bucket="lab1-usw2")
    after = endpoint(lab, "us-west-2")
    assert after["requests"] - before["requests"] == 20
    assert after["connections"] - before["connections"] == 1, "20 requests in a row over one connection"


def test_resumed_tls_sessions_are_counted(lab):
    """A client that resumes its first connection's TLS session on a second one is counted as resumed; a full
    handshake is not."""
    context = ssl.create_default_context(cafile=lab.ca_bundle)
    host, port = "127.0.0.1", int(lab.url("us-east-1").rsplit(":", 1)[1])
    before = endpoint(lab, "us-east-1")

    def get(session=None):
        with socket.create_connection((host, port)) as raw:
            with context.wrap_socket(raw, server_hostname=host, session=session) as tls:
                tls.sendall(f"GET / HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n".encode())
                while tls.recv(65536):  # the answer; the server's session tickets arrive with it
                    pass
                return tls.session, tls.session_reused

    session, reused = get()
    assert not reused
    _, reused = get(session)
    assert reused, "the client resumed its session"
    after = endpoint(lab, "us-east-1")
    assert after["connections"] - before["connections"] == 2
    assert after["tls_resumed"] - before["tls_resumed"] == 1


def test_answers_carry_their_content_length(lab):
    """One connection, answer after answer: each framed by its Content-Length (a wrong one would misread the
    next); HEAD carries the GET's length and no body; a body the server refuses is still read past."""
    s3 = client(lab, "s3", "us-east-1")
    s3.put_object(Bucket="lab0-use1", Key="framed.txt", Body=b"twelve bytes")
    signed = {}
    for method, path in (("GET", "/lab0-use1/framed.txt"), ("HEAD", "/lab0-use1/framed.txt"),
                         ("GET", "/lab0-use1/missing.txt"), ("GET", "/lab0-use1?versioning")):
        request = botocore.awsrequest.AWSRequest(method=method, url=lab.url("us-east-1") + path)
        botocore.auth.S3SigV4Auth(botocore.credentials.Credentials("testing", "testing"), "s3",
                                  "us-east-1").add_auth(request)
        signed[(method, path)] = dict(request.headers.items())
    connection = http.client.HTTPSConnection("127.0.0.1", lab.east, timeout=5,
                                             context=ssl.create_default_context(cafile=lab.ca_bundle))
    seen = []
    for (method, path), headers in signed.items():
        connection.request(method, path, headers=headers)
        answer = connection.getresponse()
        body = answer.read()
        seen.append((method, answer.status, answer.getheader("Content-Length"), len(body)))
        assert answer.getheader("Connection") is None, "kept open"
    assert seen[0] == ("GET", 200, "12", 12)
    assert seen[1] == ("HEAD", 200, "12", 0)
    assert seen[2][1] == 404 and seen[2][2] == str(seen[2][3]) and seen[2][3] > 0
    assert seen[3][1] == 200 and seen[3][2] == str(seen[3][3])
    connection.request("GET", "/", headers={"Connection": "close"})
    answer = connection.getresponse()
    answer.read()
    assert answer.getheader("Connection") == "close", "a client asking to close gets the connection closed"
    connection.close()


def test_an_idle_connection_is_closed_and_the_client_reconnects(lab):
    s3 = client(lab, "s3", "us-east-1")
    s3.list_buckets()
    before = endpoint(lab, "us-east-1")["connections"]
    time.sleep(5)  # past --idle-timeout 4
    s3.list_buckets()
    assert endpoint(lab, "us-east-1")["connections"] == before + 1


def test_a_refused_region_cuts_its_kept_connections(lab):
    s3 = client(lab, "s3", "us-west-2")
    s3.list_buckets()
    control(lab, "/region/us-west-2/refuse")
    try:
        with pytest.raises((botocore.exceptions.EndpointConnectionError, botocore.exceptions.ConnectionClosedError)):
            s3.list_buckets()
    finally:
        control(lab, "/region/us-west-2/ok")
    assert s3.list_buckets()["Buckets"], "answers again over a new connection"

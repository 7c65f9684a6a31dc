"""Where traffic goes, read as drtop will read it, through boto3: S3 Multi-Region Access Points' routes (s3control,
at the five failover control regions), Route 53 failover records and their health (moto's Route 53, the lab's
AWS/Route53 HealthCheckStatus), ARC routing controls at a cluster's five endpoints, and Global Accelerator's
endpoint groups, each with the control routes that move a dial, flip a control, fail a health check and make a
control plane unreachable."""
import datetime, json, time, urllib.request

import boto3
import botocore.session
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError, ConnectTimeoutError, EndpointConnectionError, ReadTimeoutError

from running import RunningLab

ACCOUNT = "123456789012"
# One attempt each, so that a fault shows; a patient read timeout for answers on a loaded machine (2 cores, other
# labs and builds beside), a short one (QUICK) where a hanging endpoint must be given up on.
CONFIG = Config(retries={"total_max_attempts": 1}, connect_timeout=2, read_timeout=15)
QUICK = Config(retries={"total_max_attempts": 1}, connect_timeout=1, read_timeout=2)


@pytest.fixture(scope="module")
def lab():
    running = RunningLab(pairs=1, delay=0.3, metrics_period=1, tick=0.1, regions=["ap-southeast-2", "eu-central-1"])
    yield running
    running.stop()


def control(lab, path):
    request = urllib.request.Request(f"http://127.0.0.1:{lab.control}{path}", method="POST", data=b"")
    return json.load(urllib.request.urlopen(request, timeout=5))


def client(service, region, endpoint, config=CONFIG):
    return boto3.client(service, region_name=region, endpoint_url=endpoint, aws_access_key_id="testing",
                        aws_secret_access_key="testing", config=config)


def s3control(lab, region, config=CONFIG):
    """boto3's s3control at a region endpoint of the lab, addressed as drtop addresses it with an endpoint override:
    no account-id host prefix (botocore's endpoint rules put {AccountId}. before any endpoint; the request is
    signed for 127.0.0.1:PORT, as drtop signs it), the account in x-amz-account-id."""
    s3c = client("s3control", region, lab.url(region), config)
    def no_prefix(request, **_):
        request.url = request.url.replace(f"//{ACCOUNT}.", "//", 1)
    s3c.meta.events.register("before-sign", no_prefix)
    return s3c


def raw_answers(boto_client):
    """The raw JSON bodies boto3 reads, by operation, for checking them against botocore's model (boto3 drops
    members its model does not name, so a misspelt member would pass unseen)."""
    seen = {}
    def keep(operation_model, response_dict, **_):
        if response_dict["body"] and response_dict["status_code"] == 200:
            seen.setdefault(operation_model.name, []).append(json.loads(response_dict["body"]))
    boto_client.meta.events.register("before-parse", keep)
    return seen


def assert_in_model(boto_client, operation, body):
    """Every member of `body` (a JSON answer) is one of the operation's output shape, at every depth; timestamps
    are numbers (epoch seconds, as the JSON protocols carry them)."""
    model = boto_client.meta.service_model.operation_model(operation).output_shape
    def walk(shape, value, path):
        if shape.type_name == "structure":
            assert isinstance(value, dict), path
            for key, item in value.items():
                assert key in shape.members, f"{operation}: {path}.{key} is not in botocore's {shape.name}"
                walk(shape.members[key], item, f"{path}.{key}")
        elif shape.type_name == "list":
            assert isinstance(value, list), path
            for i, item in enumerate(value):
                walk(shape.member, item, f"{path}[{i}]")
        elif shape.type_name == "timestamp":
            assert isinstance(value, (int, float)), f"{path}: {value!r}"
        elif getattr(shape, "enum", None):
            assert value in shape.enum, f"{path}: {value!r} not in {shape.enum}"
    walk(model, body, operation)


def unreachable(call):
    with pytest.raises((EndpointConnectionError, ConnectTimeoutError, ReadTimeoutError)):
        call()


# S3 Multi-Region Access Points
def test_mrap_routes_dials_and_control_plane_regions(lab):
    west = s3control(lab, "us-west-2")
    west.create_multi_region_access_point(AccountId=ACCOUNT, ClientToken="lab-assets", Details={
        "Name": "lab-assets", "Regions": [{"Bucket": "lab0-use1"}, {"Bucket": "lab0-usw2"}]})
    # ListMultiRegionAccessPoints / GetMultiRegionAccessPoint: moto's, with each bucket's own region (patched)
    listed = west.list_multi_region_access_points(AccountId=ACCOUNT)["AccessPoints"]
    assert [a["Name"] for a in listed] == ["lab-assets"]
    point = west.get_multi_region_access_point(AccountId=ACCOUNT, Name="lab-assets")["AccessPoint"]
    assert point["Status"] == "READY"
    assert [(r["Bucket"], r["Region"]) for r in point["Regions"]] == [("lab0-use1", "us-east-1"),
                                                                      ("lab0-usw2", "us-west-2")]
    alias = point["Alias"]
    assert alias.endswith(".mrap") and len(alias) == 18 and alias[:13].isalnum() and alias[:13].islower()
    arn = f"arn:aws:s3::{ACCOUNT}:accesspoint/{alias}"

    # GetMultiRegionAccessPointRoutes at every control plane region the lab serves: every route active
    for region in ("us-east-1", "us-west-2", "ap-southeast-2"):
        routes = s3control(lab, region).get_multi_region_access_point_routes(AccountId=ACCOUNT, Mrap=arn)
        assert routes["Mrap"] == arn
        assert routes["Routes"] == [{"Bucket": "lab0-use1", "Region": "us-east-1", "TrafficDialPercentage": 100},
                                    {"Bucket": "lab0-usw2", "Region": "us-west-2", "TrafficDialPercentage": 100}]
    # ... and not elsewhere
    with pytest.raises(ClientError) as error:
        s3control(lab, "eu-central-1").get_multi_region_access_point_routes(AccountId=ACCOUNT, Mrap=arn)
    assert error.value.response["Error"]["Code"] == "InvalidRequest"

    # the control moves a dial: the secondary passive
    assert control(lab, "/mrap/lab-assets/dial?bucket=lab0-usw2&percent=0")["routes"] == {"lab0-use1": 100,
                                                                                           "lab0-usw2": 0}
    dials = {r["Bucket"]: r["TrafficDialPercentage"]
             for r in west.get_multi_region_access_point_routes(AccountId=ACCOUNT, Mrap=arn)["Routes"]}
    assert dials == {"lab0-use1": 100, "lab0-usw2": 0}

    # SubmitMultiRegionAccessPointRoutes (the runbook's command) fails over; at least one route stays active
    west.submit_multi_region_access_point_routes(AccountId=ACCOUNT, Mrap=arn, RouteUpdates=[
        {"Bucket": "lab0-use1", "TrafficDialPercentage": 0}, {"Region": "us-west-2", "TrafficDialPercentage": 100}])
    dials = {r["Bucket"]: r["TrafficDialPercentage"] for r in s3control(lab, "us-east-1")
             .get_multi_region_access_point_routes(AccountId=ACCOUNT, Mrap=arn)["Routes"]}
    assert dials == {"lab0-use1": 0, "lab0-usw2": 100}
    with pytest.raises(ClientError) as error:
        west.submit_multi_region_access_point_routes(AccountId=ACCOUNT, Mrap=arn, RouteUpdates=[
            {"Bucket": "lab0-usw2", "TrafficDialPercentage": 0}])
    assert error.value.response["Error"]["Code"] == "InvalidRequest"

    # an unknown MRAP, and one region's control plane unreachable: the others still answer
    with pytest.raises(ClientError) as error:
        west.get_multi_region_access_point_routes(AccountId=ACCOUNT, Mrap=f"arn:aws:s3::{ACCOUNT}:accesspoint/x.mrap")
    assert error.value.response["Error"]["Code"] == "NoSuchMultiRegionAccessPoint"
    assert error.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404
    control(lab, "/region/us-east-1/refuse")
    try:
        unreachable(lambda: s3control(lab, "us-east-1").get_multi_region_access_point_routes(AccountId=ACCOUNT, Mrap=arn))
        assert s3control(lab, "ap-southeast-2").get_multi_region_access_point_routes(AccountId=ACCOUNT, Mrap=arn)["Routes"]
    finally:
        control(lab, "/region/us-east-1/ok")
    control(lab, "/region/us-west-2/hang")
    try:
        unreachable(lambda: s3control(lab, "us-west-2", QUICK).get_multi_region_access_point_routes(
            AccountId=ACCOUNT, Mrap=arn))
    finally:
        control(lab, "/region/us-west-2/ok")

    # a missing permission answers as S3 Control does
    control(lab, "/deny/GetMultiRegionAccessPointRoutes")
    try:
        with pytest.raises(ClientError) as error:
            west.get_multi_region_access_point_routes(AccountId=ACCOUNT, Mrap=arn)
        assert error.value.response["Error"]["Code"] == "AccessDenied"
    finally:
        control(lab, "/allow/GetMultiRegionAccessPointRoutes")
    requests = json.load(urllib.request.urlopen(f"http://127.0.0.1:{lab.control}/status", timeout=5))["requests_by_region"]
    assert requests.get("other ap-southeast-2 GetMultiRegionAccessPointRoutes", 0) >= 2


# Route 53 failover records and health checks: moto's Route 53, the lab's HealthCheckStatus
def health_status(lab, ident):
    cloudwatch = client("cloudwatch", "us-east-1", lab.url("us-east-1"))
    now = datetime.datetime.now(datetime.timezone.utc)
    result = cloudwatch.get_metric_data(
        StartTime=now - datetime.timedelta(minutes=5), EndTime=now + datetime.timedelta(minutes=1),
        ScanBy="TimestampDescending", MetricDataQueries=[{"Id": "h", "MetricStat": {"Metric": {
            "Namespace": "AWS/Route53", "MetricName": "HealthCheckStatus",
            "Dimensions": [{"Name": "HealthCheckId", "Value": ident}]}, "Period": 1, "Stat": "Minimum"}}])
    values = result["MetricDataResults"][0]["Values"]
    return values[0] if values else None


def test_route53_failover_records_and_health_check_status(lab):
    route53 = client("route53", "us-east-1", lab.url("us-east-1"))
    zone = route53.create_hosted_zone(Name="lab.example.com.", CallerReference="lab-zone")["HostedZone"]["Id"]
    checks = {}
    for side, fqdn in (("primary", "use1.lab.example.com"), ("secondary", "usw2.lab.example.com")):
        checks[side] = route53.create_health_check(CallerReference=f"hc-{side}", HealthCheckConfig={
            "Type": "HTTPS", "FullyQualifiedDomainName": fqdn, "Port": 443, "ResourcePath": "/health",
            "RequestInterval": 10, "FailureThreshold": 3})["HealthCheck"]["Id"]
    route53.change_resource_record_sets(HostedZoneId=zone, ChangeBatch={"Changes": [
        {"Action": "CREATE", "ResourceRecordSet": {
            "Name": "assets.lab.example.com.", "Type": "CNAME", "SetIdentifier": "primary", "Failover": "PRIMARY",
            "TTL": 60, "HealthCheckId": checks["primary"], "ResourceRecords": [{"Value": "use1.lab.example.com"}]}},
        {"Action": "CREATE", "ResourceRecordSet": {
            "Name": "assets.lab.example.com.", "Type": "A", "SetIdentifier": "secondary", "Failover": "SECONDARY",
            "HealthCheckId": checks["secondary"], "AliasTarget": {
                "HostedZoneId": "Z35SXDOTRQ7X7K", "DNSName": "usw2-lb.us-west-2.elb.amazonaws.com.",
                "EvaluateTargetHealth": True}}}]})

    records = route53.list_resource_record_sets(HostedZoneId=zone, StartRecordName="assets.lab.example.com.",
                                                StartRecordType="A")["ResourceRecordSets"]
    by_role = {r["Failover"]: r for r in records if r["Name"] == "assets.lab.example.com."}
    primary, secondary = by_role["PRIMARY"], by_role["SECONDARY"]
    assert (primary["SetIdentifier"], primary["TTL"], primary["HealthCheckId"]) == ("primary", 60, checks["primary"])
    assert primary["ResourceRecords"] == [{"Value": "use1.lab.example.com"}]
    assert secondary["AliasTarget"]["EvaluateTargetHealth"] is True
    assert "TTL" not in secondary, "an alias record has no TTL of its own (moto 5.2.1 said 0)"
    config = route53.get_health_check(HealthCheckId=checks["primary"])["HealthCheck"]["HealthCheckConfig"]
    assert (config["RequestInterval"], config["FailureThreshold"]) == (10, 3)

    # AWS/Route53 HealthCheckStatus in us-east-1: 1 every metrics period, 0 once failed, 1 again
    deadline = time.time() + 10
    while health_status(lab, checks["secondary"]) != 1.0 and time.time() < deadline:
        time.sleep(0.3)
    assert health_status(lab, checks["secondary"]) == 1.0
    assert control(lab, f"/health-check/{checks['secondary']}/fail?reason=Timeout")["status"] == 0
    assert health_status(lab, checks["secondary"]) == 0.0, "a datapoint at once"
    time.sleep(1.5)
    assert health_status(lab, checks["secondary"]) == 0.0 and health_status(lab, checks["primary"]) == 1.0
    observations = route53.get_health_check_status(HealthCheckId=checks["secondary"])["HealthCheckObservations"]
    assert observations and all(o["StatusReport"]["Status"].startswith("Failure") for o in observations)
    control(lab, f"/health-check/{checks['secondary']}/ok")
    deadline = time.time() + 5   # Minimum over 1 s periods: 1 from the next period on
    while health_status(lab, checks["secondary"]) != 1.0 and time.time() < deadline:
        time.sleep(0.3)
    assert health_status(lab, checks["secondary"]) == 1.0
    assert route53.get_health_check_status(HealthCheckId=checks["secondary"])[
        "HealthCheckObservations"][0]["StatusReport"]["Status"].startswith("Success")
    with pytest.raises(urllib.error.HTTPError):
        control(lab, "/health-check/no-such-check/fail")


# Route 53 ARC: routing controls at the cluster's five endpoints
def test_arc_routing_controls_at_every_cluster_endpoint(lab):
    east = control(lab, "/arc/control?name=lab-use1&state=On")
    west = control(lab, "/arc/control?name=lab-usw2&state=Off")
    config = client("route53-recovery-control-config", "us-west-2", lab.url("us-west-2"))
    cluster = config.describe_cluster(ClusterArn=east["cluster"])["Cluster"]
    assert cluster["Status"] == "DEPLOYED"
    endpoints = {e["Region"]: e["Endpoint"] for e in cluster["ClusterEndpoints"]}
    assert sorted(endpoints) == sorted(["us-east-1", "us-west-2", "eu-west-1", "ap-northeast-1", "ap-southeast-2"])
    assert endpoints == {r: lab.arc_url(r) for r in endpoints}
    with pytest.raises(ClientError) as error:
        config.describe_cluster(ClusterArn=east["cluster"].rsplit("/", 1)[0] + "/00000000-0000-0000-0000-000000000000")
    assert error.value.response["Error"]["Code"] == "ResourceNotFoundException"

    def cluster_client(region, config=CONFIG):
        return client("route53-recovery-cluster", region, endpoints[region], config)
    for region in endpoints:
        arc = cluster_client(region)
        raw = raw_answers(arc)
        state = arc.get_routing_control_state(RoutingControlArn=east["arn"])
        assert (state["RoutingControlArn"], state["RoutingControlState"], state["RoutingControlName"]) == \
            (east["arn"], "On", "lab-use1")
        assert arc.get_routing_control_state(RoutingControlArn=west["arn"])["RoutingControlState"] == "Off"
        for body in raw["GetRoutingControlState"]:
            assert_in_model(arc, "GetRoutingControlState", body)

    # flipped by the control, seen at every endpoint
    control(lab, "/arc/control/lab-use1/Off")
    control(lab, "/arc/control/lab-usw2/On")
    assert {cluster_client(r).get_routing_control_state(RoutingControlArn=east["arn"])["RoutingControlState"]
            for r in endpoints} == {"Off"}

    # ListRoutingControls; UpdateRoutingControlState (the runbook's command)
    arc = cluster_client("eu-west-1")
    raw = raw_answers(arc)
    listed = {c["RoutingControlName"]: c for c in arc.list_routing_controls()["RoutingControls"]}
    assert listed["lab-usw2"]["RoutingControlState"] == "On" and listed["lab-usw2"]["Owner"] == ACCOUNT
    assert listed["lab-use1"]["ControlPanelName"] == "DefaultControlPanel"
    assert_in_model(arc, "ListRoutingControls", raw["ListRoutingControls"][0])
    pages = arc.list_routing_controls(MaxResults=1)
    assert len(pages["RoutingControls"]) == 1 and pages["NextToken"]
    arc.update_routing_control_state(RoutingControlArn=east["arn"], RoutingControlState="On")
    assert arc.get_routing_control_state(RoutingControlArn=east["arn"])["RoutingControlState"] == "On"
    with pytest.raises(ClientError) as error:
        arc.get_routing_control_state(RoutingControlArn=east["arn"].rsplit("/", 1)[0] + "/0000000000000000")
    assert error.value.response["Error"]["Code"] == "ResourceNotFoundException"

    # one endpoint refuses, another hangs: the other three answer, as AWS promises
    control(lab, "/arc/endpoint/us-east-1/refuse")
    control(lab, "/arc/endpoint/us-west-2/hang")
    try:
        unreachable(lambda: cluster_client("us-east-1").get_routing_control_state(RoutingControlArn=east["arn"]))
        unreachable(lambda: cluster_client("us-west-2", QUICK).get_routing_control_state(RoutingControlArn=east["arn"]))
        for region in ("eu-west-1", "ap-northeast-1", "ap-southeast-2"):
            assert cluster_client(region).get_routing_control_state(RoutingControlArn=east["arn"])["RoutingControlState"] == "On"
    finally:
        control(lab, "/arc/endpoint/us-east-1/ok")
        control(lab, "/arc/endpoint/us-west-2/ok")
    assert cluster_client("us-east-1").get_routing_control_state(RoutingControlArn=east["arn"])["RoutingControlState"] == "On"


# Global Accelerator
def test_global_accelerator_dials_and_endpoint_health(lab):
    made = control(lab, "/accelerator?name=lab-assets&regions=us-east-1,us-west-2")
    ga = client("globalaccelerator", "us-west-2", lab.url("us-west-2"))
    raw = raw_answers(ga)
    accelerator = ga.describe_accelerator(AcceleratorArn=made["arn"])["Accelerator"]
    assert (accelerator["Name"], accelerator["Status"], accelerator["Enabled"]) == ("lab-assets", "DEPLOYED", True)
    assert isinstance(accelerator["CreatedTime"], datetime.datetime)
    assert [a["AcceleratorArn"] for a in ga.list_accelerators()["Accelerators"]] == [made["arn"]]
    listeners = ga.list_listeners(AcceleratorArn=made["arn"])["Listeners"]
    assert [(l["Protocol"], l["PortRanges"]) for l in listeners] == [("TCP", [{"FromPort": 443, "ToPort": 443}])]

    def groups():
        return {g["EndpointGroupRegion"]: g for g in ga.list_endpoint_groups(
            ListenerArn=listeners[0]["ListenerArn"])["EndpointGroups"]}
    assert {r: g["TrafficDialPercentage"] for r, g in groups().items()} == {"us-east-1": 100.0, "us-west-2": 100.0}
    assert {e["HealthState"] for g in groups().values() for e in g["EndpointDescriptions"]} == {"HEALTHY"}

    control(lab, "/accelerator/lab-assets/dial?region=us-west-2&percent=0")
    control(lab, "/accelerator/lab-assets/health?region=us-east-1&state=UNHEALTHY&reason=Health%20checks%20failed")
    now = groups()
    assert now["us-west-2"]["TrafficDialPercentage"] == 0.0 and now["us-east-1"]["TrafficDialPercentage"] == 100.0
    endpoint = now["us-east-1"]["EndpointDescriptions"][0]
    assert (endpoint["HealthState"], endpoint["HealthReason"]) == ("UNHEALTHY", "Health checks failed")
    assert now["us-west-2"]["EndpointDescriptions"][0]["HealthState"] == "HEALTHY"
    control(lab, "/accelerator/lab-assets/health?region=us-east-1&state=INITIAL")
    one = ga.describe_endpoint_group(EndpointGroupArn=now["us-east-1"]["EndpointGroupArn"])["EndpointGroup"]
    assert one["EndpointDescriptions"][0]["HealthState"] == "INITIAL" and "HealthReason" not in one["EndpointDescriptions"][0]
    for operation, bodies in raw.items():
        for body in bodies:
            assert_in_model(ga, operation, body)

    with pytest.raises(ClientError) as error:
        ga.describe_accelerator(AcceleratorArn=made["arn"].rsplit("/", 1)[0] + "/00000000-0000-0000-0000-000000000000")
    assert error.value.response["Error"]["Code"] == "AcceleratorNotFoundException"
    with pytest.raises(ClientError) as error:
        client("globalaccelerator", "us-east-1", lab.url("us-east-1")).describe_accelerator(AcceleratorArn=made["arn"])
    assert error.value.response["Error"]["Code"] == "InvalidSignatureException", "Global Accelerator is us-west-2's"
    control(lab, "/region/us-west-2/refuse")
    try:
        unreachable(lambda: ga.describe_accelerator(AcceleratorArn=made["arn"]))
    finally:
        control(lab, "/region/us-west-2/ok")


def test_setup_routing_prints_what_drtop_configures():
    """setup.py --routing: per pair an MRAP, failover records with health checks, ARC controls and an accelerator,
    each printed as drtop's [pair.routing] needs it, and each readable as the tests above read them."""
    running = RunningLab(pairs=2, delay=0.3, metrics_period=1, tick=0.1, setup_args=["--routing"])
    try:
        lines = [line.split() for line in running.setup_output.splitlines()]
        found = {}
        for words in lines:
            if words[0] in ("mrap", "accelerator"):
                found[(words[0], words[1])] = words[2]
            elif words[0] in ("health-check", "arc-control"):
                found[(words[0], words[1], words[2])] = words[3]
            elif words[0] in ("zone", "arc-cluster"):
                found[words[0]] = words[1]
        routes = s3control(running, "us-east-1").get_multi_region_access_point_routes(
            AccountId=ACCOUNT, Mrap=found[("mrap", "lab1")])["Routes"]
        assert [r["Bucket"] for r in routes] == ["lab1-use1", "lab1-usw2"]
        records = client("route53", "us-east-1", running.url("us-east-1")).list_resource_record_sets(
            HostedZoneId=found["zone"])["ResourceRecordSets"]
        lab0 = {r["Failover"]: r for r in records if r["Name"] == "lab0.lab.example.com."}
        assert lab0["PRIMARY"]["HealthCheckId"] == found[("health-check", "lab0", "us-east-1")]
        assert lab0["SECONDARY"]["HealthCheckId"] == found[("health-check", "lab0", "us-west-2")]
        assert lab0["PRIMARY"]["TTL"] == 60
        arc = client("route53-recovery-cluster", "eu-west-1", running.arc_url("eu-west-1"))
        assert arc.get_routing_control_state(RoutingControlArn=found[("arc-control", "lab0", "us-west-2")])[
            "RoutingControlState"] == "Off"
        assert found["arc-cluster"].startswith("arn:aws:route53-recovery-control::")
        ga = client("globalaccelerator", "us-west-2", running.url("us-west-2"))
        assert ga.describe_accelerator(AcceleratorArn=found[("accelerator", "lab1")])["Accelerator"]["Name"] == "lab1"
    finally:
        running.stop()

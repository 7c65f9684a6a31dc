"""Route 53 Application Recovery Controller, which moto 5.2.1 does not have: a cluster's five regional endpoints
answering the routing control data plane (route53-recovery-cluster: JSON 1.0, X-Amz-Target ToggleCustomerAPI.*,
GetRoutingControlState, ListRoutingControls, UpdateRoutingControlState), each on a loopback port of its own so
that one can refuse (its listener stopped, server.py) or hang, and the control plane's DescribeCluster
(route53-recovery-control-config: REST JSON, GET /cluster/{ClusterArn}, in us-west-2 only, at that region's
endpoint) naming the endpoints, as AWS's does. AWS asks clients to try the endpoints in rotation: any three of five
answer. State is the world's (`arc_clusters`, `arc_controls`); the control API adds controls and flips them."""
import hashlib, json, re, time, uuid
from urllib.parse import unquote

from . import audit
from .wire import REST_JSON, json_answer
from .world import ACCOUNT

ENDPOINT_REGIONS = ("us-east-1", "us-west-2", "eu-west-1", "ap-northeast-1", "ap-southeast-2")
CLUSTER_NAME = "drtop-lab"
PARTITION_ARN = f"arn:aws:route53-recovery-control::{ACCOUNT}"
CONFIG_REGION = "us-west-2"   # the control plane's only region


def cluster_arn(name=CLUSTER_NAME):
    return f"{PARTITION_ARN}:cluster/{uuid.uuid5(uuid.NAMESPACE_URL, 'cluster/' + name)}"


def panel_arn(name):
    return f"{PARTITION_ARN}:controlpanel/{hashlib.md5(('panel/' + name).encode()).hexdigest()}"


def control_arn(panel, name):
    return f"{panel_arn(panel)}/routingcontrol/{hashlib.md5(('control/' + name).encode()).hexdigest()[:16]}"


def add_cluster(world, ports, scheme="http"):
    """The lab's cluster, its endpoints at SCHEME://127.0.0.1:PORT/v1 in ENDPOINT_REGIONS' order (server.py starts
    them; https with --tls)."""
    arn = cluster_arn()
    world.arc_clusters[arn] = {"name": CLUSTER_NAME, "created": time.time(),
                               "endpoints": [(region, f"{scheme}://127.0.0.1:{port}/v1")
                                             for region, port in zip(ENDPOINT_REGIONS, ports)]}
    return arn


def add_control(world, name, state="On", panel="DefaultControlPanel"):
    """A routing control of the lab's cluster (created by the control API, as a person would in the console)."""
    arn = control_arn(panel, name)
    world.arc_controls.setdefault(arn, {"name": name, "panel": panel_arn(panel), "panel_name": panel,
                                        "cluster": cluster_arn()})["state"] = state
    return arn


class ClusterEndpoint:
    """One cluster endpoint's WSGI application: the audit, its mode (hang: never answers), denied APIs, then the
    routing control data plane."""
    def __init__(self, world, region):
        self.world, self.region = world, region

    def __call__(self, environ, start_response):
        world = self.world
        audit.count(world, environ, self.region)
        while world.arc_endpoint_mode.get(self.region) == "hang":
            time.sleep(0.1)
        api = environ.get("HTTP_X_AMZ_TARGET", "").split(".")[-1]
        length = int(environ.get("CONTENT_LENGTH") or 0)
        try:
            request = json.loads(environ["wsgi.input"].read(length) or b"{}") if length else {}
        except ValueError:
            return json_answer(start_response, "400 Bad Request",
                               {"__type": "ValidationException", "message": "Malformed JSON"})
        if api in world.denied:
            return json_answer(start_response, "403 Forbidden", {"__type": "AccessDeniedException", "message": (
                f"User: arn:aws:iam::{ACCOUNT}:user/testing is not authorized to perform: "
                f"route53-recovery-cluster:{api}")})
        with world.lock:
            handler = {"GetRoutingControlState": get_state, "ListRoutingControls": list_controls,
                       "UpdateRoutingControlState": update_state}.get(api)
            if handler is None:
                return json_answer(start_response, "400 Bad Request",
                                   {"__type": "UnknownOperationException", "message": f"Unknown operation {api}"})
            return handler(world, request, start_response)


def not_found(start_response, arn):
    return json_answer(start_response, "404 Not Found", {
        "__type": "ResourceNotFoundException", "message": f"Resource not found: {arn}", "resourceId": arn,
        "resourceType": "RoutingControl"})


def get_state(world, request, start_response):
    """GetRoutingControlState: {RoutingControlArn} -> {RoutingControlArn, RoutingControlState, RoutingControlName}."""
    arn = request.get("RoutingControlArn", "")
    control = world.arc_controls.get(arn)
    if control is None:
        return not_found(start_response, arn)
    return json_answer(start_response, "200 OK", {"RoutingControlArn": arn, "RoutingControlState": control["state"],
                                                  "RoutingControlName": control["name"]})


def list_controls(world, request, start_response):
    """ListRoutingControls: {ControlPanelArn?, NextToken?, MaxResults?} -> {RoutingControls: [ControlPanelArn,
    ControlPanelName, RoutingControlArn, RoutingControlName, RoutingControlState, Owner], NextToken?}."""
    panel = request.get("ControlPanelArn")
    controls = sorted((arn, c) for arn, c in world.arc_controls.items() if panel in (None, c["panel"]))
    start = int(request["NextToken"]) if str(request.get("NextToken", "")).isdigit() else 0
    size = max(1, min(int(request.get("MaxResults") or 500), 500))
    page = controls[start:start + size]
    out = {"RoutingControls": [{"ControlPanelArn": c["panel"], "ControlPanelName": c["panel_name"],
                                "RoutingControlArn": arn, "RoutingControlName": c["name"],
                                "RoutingControlState": c["state"], "Owner": ACCOUNT} for arn, c in page]}
    if start + size < len(controls):
        out["NextToken"] = str(start + size)
    return json_answer(start_response, "200 OK", out)


def update_state(world, request, start_response):
    """UpdateRoutingControlState: {RoutingControlArn, RoutingControlState, SafetyRulesToOverride?} -> {} (the runbook's
    command; the lab has no safety rules)."""
    arn, state = request.get("RoutingControlArn", ""), request.get("RoutingControlState")
    if state not in ("On", "Off"):
        return json_answer(start_response, "400 Bad Request", {
            "__type": "ValidationException", "message": "RoutingControlState must be On or Off",
            "reason": "fieldValidationFailed"})
    if arn not in world.arc_controls:
        return not_found(start_response, arn)
    world.arc_controls[arn]["state"] = state
    return json_answer(start_response, "200 OK", {})


# The control plane (route53-recovery-control-config), reached through a region's gate.
CONFIG_SERVICE = "route53-recovery-control-config"


def config_operation(method, path):
    if method == "GET" and re.match(r"^/cluster/.+", path):
        return "DescribeCluster"
    return f"{CONFIG_SERVICE} {method}"


def config_answer(world, environ, start_response, region):
    """DescribeCluster: GET /cluster/{ClusterArn} -> {Cluster: {ClusterArn, ClusterEndpoints: [{Endpoint, Region}],
    Name, Status, Owner, NetworkType}}, only at us-west-2 (a credential scoped to another region is refused, as
    AWS refuses it at the only endpoint)."""
    if region != CONFIG_REGION:
        return json_answer(start_response, "403 Forbidden", {"Message": "Credential should be scoped to a valid region."},
                           REST_JSON, [("x-amzn-ErrorType", "InvalidSignatureException")])
    path = unquote(environ.get("PATH_INFO", ""))
    if config_operation(environ.get("REQUEST_METHOD", "GET"), path) != "DescribeCluster":
        return json_answer(start_response, "404 Not Found", {"Message": "Unknown operation"}, REST_JSON,
                           [("x-amzn-ErrorType", "UnknownOperationException")])
    arn = path[len("/cluster/"):]
    with world.lock:
        cluster = world.arc_clusters.get(arn)
        if cluster is None:
            return json_answer(start_response, "404 Not Found", {"Message": f"Cluster {arn} not found"}, REST_JSON,
                               [("x-amzn-ErrorType", "ResourceNotFoundException")])
        return json_answer(start_response, "200 OK", {"Cluster": {
            "ClusterArn": arn, "Name": cluster["name"], "Status": "DEPLOYED", "Owner": ACCOUNT, "NetworkType": "IPV4",
            "ClusterEndpoints": [{"Endpoint": url, "Region": r} for r, url in cluster["endpoints"]]}}, REST_JSON)

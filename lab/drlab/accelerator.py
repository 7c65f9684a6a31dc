"""AWS Global Accelerator, which moto 5.2.1 does not have: the read API drtop needs (JSON 1.1, X-Amz-Target
GlobalAccelerator_V20180706.*: DescribeAccelerator, ListAccelerators, ListListeners, ListEndpointGroups,
DescribeEndpointGroup), answered at the us-west-2 region endpoint, the API's only region (a request signed for
another region is refused as AWS refuses a credential scoped to the wrong region). An accelerator is made by the
control API (`POST /accelerator?name=NAME&regions=us-east-1,us-west-2`): one TCP 443 listener, one endpoint group
per region (TrafficDialPercentage 100, one HEALTHY endpoint); `/accelerator/NAME/dial` and `/accelerator/NAME/health`
move a group's dial and an endpoint's HealthState."""
import hashlib, time

from .wire import json_answer
from .world import ACCOUNT

REGION = "us-west-2"
JSON_11 = "application/x-amz-json-1.1"
TARGET = "GlobalAccelerator_V20180706"


def _hex(text, size):
    return hashlib.md5(text.encode()).hexdigest()[:size]


def accelerator_arn(name):
    h = hashlib.md5(("accelerator/" + name).encode()).hexdigest()
    return f"arn:aws:globalaccelerator::{ACCOUNT}:accelerator/{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"


def create(world, name, regions):
    """The accelerator NAME (made again: as it was), its listener and an endpoint group per region."""
    arn = accelerator_arn(name)
    if arn in world.accelerators:
        return arn
    listener = f"{arn}/listener/{_hex('listener/' + name, 8)}"
    groups = {}
    for region in regions:
        groups[f"{listener}/endpoint-group/{_hex('group/' + name + region, 12)}"] = {
            "region": region, "dial": 100.0,
            "endpoints": [{"EndpointId": f"arn:aws:elasticloadbalancing:{region}:{ACCOUNT}:loadbalancer/app/"
                                         f"{name}-{region}/{_hex('alb/' + name + region, 16)}",
                           "Weight": 128, "HealthState": "HEALTHY", "ClientIPPreservationEnabled": True}]}
    now = time.time()
    world.accelerators[arn] = {"name": name, "created": now, "modified": now,
                               "listeners": {listener: {"groups": groups}}}
    return arn


def by_name(world, name):
    return world.accelerators.get(accelerator_arn(name))


def describe(arn, accelerator):
    """An Accelerator: AcceleratorArn, Name, IpAddressType, Enabled, IpSets, DnsName, Status, CreatedTime,
    LastModifiedTime (epoch seconds, as JSON 1.1 carries timestamps)."""
    return {"AcceleratorArn": arn, "Name": accelerator["name"], "IpAddressType": "IPV4", "Enabled": True,
            "IpSets": [{"IpFamily": "IPv4", "IpAddresses": ["75.2.0.10", "99.83.0.10"], "IpAddressFamily": "IPv4"}],
            "DnsName": f"a{_hex(arn, 16)}.awsglobalaccelerator.com", "Status": "DEPLOYED",
            "CreatedTime": accelerator["created"], "LastModifiedTime": accelerator["modified"]}


def group_of(arn, group):
    """An EndpointGroup: EndpointGroupArn, EndpointGroupRegion, EndpointDescriptions (EndpointId, Weight,
    HealthState, HealthReason when there is one, ClientIPPreservationEnabled), TrafficDialPercentage, health check
    settings."""
    return {"EndpointGroupArn": arn, "EndpointGroupRegion": group["region"],
            "EndpointDescriptions": [dict(e) for e in group["endpoints"]], "TrafficDialPercentage": group["dial"],
            "HealthCheckPort": 443, "HealthCheckProtocol": "TCP", "HealthCheckIntervalSeconds": 30,
            "ThresholdCount": 3, "PortOverrides": []}


def page(items, request, key):
    """One page of `items` by MaxResults (1-100) and NextToken, as {key: [...], NextToken?} (the token is the lab's)."""
    start = int(request["NextToken"]) if str(request.get("NextToken", "")).isdigit() else 0
    size = max(1, min(int(request.get("MaxResults") or 100), 100))
    out = {key: items[start:start + size]}
    if start + size < len(items):
        out["NextToken"] = str(start + size)
    return out


def error(start_response, code, message):
    return json_answer(start_response, "400 Bad Request", {"__type": code, "Message": message}, JSON_11)


def answer(world, request, start_response, region, api):
    """A Global Accelerator request at the region endpoint `region`, `request` its parsed JSON body."""
    if region != REGION:
        return json_answer(start_response, "403 Forbidden", {"__type": "InvalidSignatureException",
                           "message": "Credential should be scoped to a valid region."}, JSON_11)
    with world.lock:
        if api == "ListAccelerators":
            items = [describe(a, x) for a, x in sorted(world.accelerators.items())]
            return json_answer(start_response, "200 OK", page(items, request, "Accelerators"), JSON_11)
        if api == "DescribeAccelerator":
            arn = request.get("AcceleratorArn", "")
            if arn not in world.accelerators:
                return error(start_response, "AcceleratorNotFoundException", f"Accelerator {arn} not found")
            return json_answer(start_response, "200 OK", {"Accelerator": describe(arn, world.accelerators[arn])},
                               JSON_11)
        if api == "ListListeners":
            arn = request.get("AcceleratorArn", "")
            if arn not in world.accelerators:
                return error(start_response, "AcceleratorNotFoundException", f"Accelerator {arn} not found")
            items = [{"ListenerArn": l, "PortRanges": [{"FromPort": 443, "ToPort": 443}], "Protocol": "TCP",
                      "ClientAffinity": "NONE"} for l in sorted(world.accelerators[arn]["listeners"])]
            return json_answer(start_response, "200 OK", page(items, request, "Listeners"), JSON_11)
        if api in ("ListEndpointGroups", "DescribeEndpointGroup"):
            for accelerator in world.accelerators.values():
                for listener, found in accelerator["listeners"].items():
                    if api == "ListEndpointGroups" and request.get("ListenerArn") == listener:
                        items = [group_of(g, v) for g, v in found["groups"].items()]
                        return json_answer(start_response, "200 OK", page(items, request, "EndpointGroups"), JSON_11)
                    group = found["groups"].get(request.get("EndpointGroupArn", ""))
                    if api == "DescribeEndpointGroup" and group is not None:
                        return json_answer(start_response, "200 OK",
                                           {"EndpointGroup": group_of(request["EndpointGroupArn"], group)}, JSON_11)
            if api == "ListEndpointGroups":
                return error(start_response, "ListenerNotFoundException", f"Listener {request.get('ListenerArn')} not found")
            return error(start_response, "EndpointGroupNotFoundException",
                         f"Endpoint group {request.get('EndpointGroupArn')} not found")
    return error(start_response, "UnknownOperationException", f"The lab does not answer {api}")

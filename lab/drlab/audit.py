"""The request audit: every request at a region's endpoint counted, by client ("drtop", "baseline" for the
benchmarks' boto3 script, "other") and kind ("S3 GET", "Query GetMetricData", "JSON ReceiveMessage"), and by
client, region and API ("drtop us-east-1 GetBucketVersioning"). S3 Control's REST requests are "S3Control GET",
AWS Backup's "Backup GET", ARC's control plane's "ARC-Config GET" (their APIs by name in the by-region counts);
the JSON protocols' (ARC's cluster endpoints, Global Accelerator) "JSON GetRoutingControlState" and so on.
GET /status answers the counts; the benchmarks and drtop's own tests read them to count the calls drtop makes."""
import io
from urllib.parse import parse_qs

from .operations import request_api, s3_api, signing_service


def count(world, environ, region):
    """Counts requests by client ("drtop" or "other") and kind: "S3 GET", "S3 PUT", "CloudWatch GetMetricData"."""
    method = environ.get("REQUEST_METHOD", "GET")
    agent = environ.get("HTTP_USER_AGENT", "")
    client = "drtop" if "drtop/" in agent else "baseline" if "baseline-script" in agent else "other"
    kind = f"S3 {method}"
    if method in ("PUT", "POST", "DELETE") and "/drtop-canary/" in environ.get("PATH_INFO", ""):
        kind += " drtop-canary/"
    target = environ.get("HTTP_X_AMZ_TARGET", "")
    protocol, rest_api = (None, None) if target else request_api(environ)
    if target:
        kind = f"JSON {target.split('.')[-1]}"
    elif protocol == "s3control":
        kind = f"S3Control {method}"
    elif protocol == "rest-json":
        kind = f"{'Backup' if signing_service(environ) == 'backup' else 'ARC-Config'} {method}"
    elif method == "POST" and "x-www-form-urlencoded" in environ.get("CONTENT_TYPE", ""):
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        environ["wsgi.input"] = io.BytesIO(body)
        action = parse_qs(body.decode("utf-8", "replace")).get("Action", ["?"])[0]
        kind = f"Query {action}"
    api = kind.split(" ", 1)[1] if kind.startswith(("Query ", "JSON ")) else \
        rest_api if protocol in ("s3control", "rest-json") else s3_api(method, environ)
    with world.audit_lock:
        world.requests[f"{client} {kind}"] = world.requests.get(f"{client} {kind}", 0) + 1
        detail = f"{client} {region} {api}"
        world.by_region[detail] = world.by_region.get(detail, 0) + 1


def snapshot(world):
    """(requests, requests_by_region): copies of the counts, as GET /status answers them."""
    with world.audit_lock:
        return dict(world.requests), dict(world.by_region)

"""The request audit: every request at a region's endpoint counted, by client ("drtop", "baseline" for the
benchmarks' boto3 script, "other") and kind ("S3 GET", "Query GetMetricData", "JSON ReceiveMessage"), and by
client, region and API ("drtop us-east-1 GetBucketVersioning"). S3 Control's REST requests are "S3Control GET",
AWS Backup's "Backup GET", ARC's control plane's "ARC-Config GET" (their APIs by name in the by-region counts);
the JSON protocols' (ARC's cluster endpoints, Global Accelerator) "JSON GetRoutingControlState" and so on.
GET /status answers the counts; the benchmarks and drtop's own tests read them to count the calls drtop makes."""
import io
from urllib.parse import parse_qs, unquote

from .operations import request_api, s3_api, signing_service


def count(world, environ, region):
    """Counts requests by client ("drtop" or "other") and kind: "S3 GET", "S3 PUT", "CloudWatch GetMetricData"."""
    method = environ.get("REQUEST_METHOD", "GET")
    agent = environ.get("HTTP_USER_AGENT", "")
    client = "drtop" if "drtop/" in agent else "baseline" if "baseline-script" in agent else "other"
    kind = f"S3 {method}"
    body = b""
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
    about = ",".join(sorted(buckets_named(environ, kind, protocol, body))) or "-"
    with world.audit_lock:
        world.requests[f"{client} {kind}"] = world.requests.get(f"{client} {kind}", 0) + 1
        detail = f"{client} {region} {api}"
        world.by_region[detail] = world.by_region.get(detail, 0) + 1
        named = f"{client} {api} {about}"
        world.by_buckets[named] = world.by_buckets.get(named, 0) + 1


def buckets_named(environ, kind, protocol, body):
    """The buckets a request is about: a path-style S3 request's bucket (signed for s3: Route 53's REST paths are
    no buckets), GetMetricData's SourceBucket and
    DestinationBucket dimension values (in the Query protocol, drtop's; boto3's CBOR is not read), an AWS Backup path's `arn:aws:s3:::NAME`; none for the rest (ListBuckets,
    STS, routing APIs)."""
    path = environ.get("PATH_INFO", "")
    if kind.startswith("S3 ") and protocol == "s3" and signing_service(environ) == "s3":  # not Route 53's REST
        bucket = path.lstrip("/").partition("/")[0]
        return {bucket} if bucket else set()
    if kind == "Query GetMetricData":
        form = parse_qs(body.decode("utf-8", "replace"))
        named = set()
        for name, values in form.items():
            if name.endswith(".Name") and values and values[0] in ("SourceBucket", "DestinationBucket"):
                named.update(form.get(name[:-len(".Name")] + ".Value", []))
        return named
    if kind.startswith("Backup "):
        return {part.split("/")[0] for part in unquote(path).split("arn:aws:s3:::")[1:] if part}
    return set()


def snapshot(world):
    """(requests, requests_by_region, requests_by_buckets): copies of the counts, as GET /status answers them."""
    with world.audit_lock:
        return dict(world.requests), dict(world.by_region), dict(world.by_buckets)

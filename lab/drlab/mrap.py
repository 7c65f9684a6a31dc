"""S3 Multi-Region Access Points' routes, which moto 5.2.1's s3control lacks: GetMultiRegionAccessPointRoutes and
SubmitMultiRegionAccessPointRoutes (s3control, REST XML, `/v20180820/mrap/instances/{mrap+}/routes` with the
`x-amz-account-id` header), answered from moto's own MRAPs (CreateMultiRegionAccessPoint, Get..., List... stay
moto's, patched in motopatches.py) and the dials in the world (`/mrap/NAME/dial` moves one).

As S3 answers them: the routes are asked of the failover control endpoints of five regions only (us-east-1,
us-west-2, ap-southeast-2, ap-northeast-1, eu-west-1); a region endpoint of the lab serving another region answers
them 400 InvalidRequest. `Mrap` is the MRAP's ARN (arn:aws:s3::ACCOUNT:accesspoint/ALIAS); an unknown one is 404
NoSuchMultiRegionAccessPoint. Every bucket of the MRAP is a route, dial 100 (active) until moved; 0 is passive."""
import xml.etree.ElementTree as ET
from urllib.parse import unquote
from xml.sax.saxutils import escape

from moto.backends import get_backend

from .wire import error_answer, request_id

CONTROL_PLANE_REGIONS = ("us-east-1", "us-west-2", "ap-southeast-2", "ap-northeast-1", "eu-west-1")
PREFIX = "/v20180820/"
NS = "http://awss3control.amazonaws.com/doc/2018-08-20/"


def operation(method, path):
    """The s3control API of a request to /v20180820/... (for the gate, the audit and /deny), or None."""
    if not path.startswith(PREFIX):
        return None
    rest = unquote(path[len(PREFIX):])
    if rest.startswith("mrap/instances"):
        tail = rest[len("mrap/instances"):].strip("/")
        if not tail:
            return "ListMultiRegionAccessPoints"
        if tail.endswith("/routes"):
            return "SubmitMultiRegionAccessPointRoutes" if method == "PATCH" else "GetMultiRegionAccessPointRoutes"
        if tail.endswith("/policystatus"):
            return "GetMultiRegionAccessPointPolicyStatus"
        if tail.endswith("/policy"):
            return "GetMultiRegionAccessPointPolicy"
        return "GetMultiRegionAccessPoint"
    if rest.startswith("async-requests/mrap/"):
        kind = rest[len("async-requests/mrap/"):]
        return {"create": "CreateMultiRegionAccessPoint", "delete": "DeleteMultiRegionAccessPoint",
                "put-policy": "PutMultiRegionAccessPointPolicy"}.get(kind, "DescribeMultiRegionAccessPointOperation")
    return f"S3Control {method}"


OPERATIONS = ("GetMultiRegionAccessPointRoutes", "SubmitMultiRegionAccessPointRoutes")


def mraps(account):
    """moto's MRAPs of an account, by name (its s3control store is one per partition: account-wide, as AWS's)."""
    return get_backend("s3control")[account]["aws"].multi_region_access_points[account]


def arn_of(account, mrap):
    return f"arn:aws:s3::{account}:accesspoint/{mrap.alias}"


def find(account, ident):
    """The MRAP an ARN (or, leniently, an alias or name) names, or None."""
    for mrap in mraps(account).values():
        if ident in (arn_of(account, mrap), mrap.alias, mrap.name):
            return mrap
    return None


def routes(world, mrap):
    """[(bucket, region, dial)] of an MRAP, in its Regions' order."""
    return [(r["Bucket"], r["Region"], world.mrap_dials.get((mrap.name, r["Bucket"]), 100)) for r in mrap.regions]


def error(start_response, status, code, message):
    body = (f'<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse><Error><Code>{code}</Code>'
            f"<Message>{escape(message)}</Message></Error><RequestId>{request_id()}</RequestId>"
            f"<HostId>lab</HostId></ErrorResponse>").encode()
    return error_answer(start_response, status, body, "application/xml")


def answer(world, environ, start_response, region, api):
    """GetMultiRegionAccessPointRoutes / SubmitMultiRegionAccessPointRoutes at the region endpoint `region`."""
    if region not in CONTROL_PLANE_REGIONS:
        return error(start_response, "400 Bad Request", "InvalidRequest",
                     f"{api} must be sent to the S3 failover control endpoints of "
                     f"{', '.join(CONTROL_PLANE_REGIONS)}; this request was sent to {region}")
    account = environ.get("HTTP_X_AMZ_ACCOUNT_ID", "")
    path = unquote(environ.get("PATH_INFO", ""))
    ident = path[len(PREFIX + "mrap/instances/"):-len("/routes")]
    with world.lock:
        mrap = find(account, ident) if account else None
        if mrap is None:
            return error(start_response, "404 Not Found", "NoSuchMultiRegionAccessPoint",
                         "The specified Multi-Region Access Point does not exist")
        if api == "SubmitMultiRegionAccessPointRoutes":
            return submit(world, environ, start_response, mrap)
        # GetMultiRegionAccessPointRoutes: <GetMultiRegionAccessPointRoutesResult><Mrap/><Routes><Route>
        # <Bucket/><Region/><TrafficDialPercentage/></Route></Routes> (botocore: s3control 2018-08-20)
        items = "".join(f"<Route><Bucket>{escape(b)}</Bucket><Region>{r}</Region>"
                        f"<TrafficDialPercentage>{d}</TrafficDialPercentage></Route>"
                        for b, r, d in routes(world, mrap))
        body = (f'<?xml version="1.0" encoding="UTF-8"?>\n<GetMultiRegionAccessPointRoutesResult xmlns="{NS}">'
                f"<Mrap>{escape(ident)}</Mrap><Routes>{items}</Routes></GetMultiRegionAccessPointRoutesResult>")
    return ok(start_response, body.encode())


def submit(world, environ, start_response, mrap):
    """SubmitMultiRegionAccessPointRoutes: <SubmitMultiRegionAccessPointRoutesRequest><RouteUpdates><Route>...: the
    routes named (by Bucket, else Region) take their dials, the others keep theirs; at least one must stay active."""
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(length) if length else b""
    try:
        root = ET.fromstring(body)
    except ET.ParseError:
        return error(start_response, "400 Bad Request", "MalformedXML", "The XML you provided was not well-formed")
    dials = dict(((mrap.name, b), d) for b, _, d in routes(world, mrap))
    for route in root.iter():
        if route.tag.split("}")[-1] != "Route":
            continue
        fields = {child.tag.split("}")[-1]: (child.text or "") for child in route}
        bucket = fields.get("Bucket") or next((r["Bucket"] for r in mrap.regions
                                              if r["Region"] == fields.get("Region")), None)
        if (mrap.name, bucket) not in dials or not fields.get("TrafficDialPercentage", "").isdigit() \
                or not 0 <= int(fields["TrafficDialPercentage"]) <= 100:
            return error(start_response, "400 Bad Request", "InvalidRequest",
                         "Each route update names a bucket of the Multi-Region Access Point and a "
                         "TrafficDialPercentage from 0 to 100")
        dials[(mrap.name, bucket)] = int(fields["TrafficDialPercentage"])
    if not any(dials.values()):
        return error(start_response, "400 Bad Request", "InvalidRequest",
                     "At least one Region must be active (a TrafficDialPercentage above 0)")
    world.mrap_dials.update(dials)
    return ok(start_response, b"")


def ok(start_response, body):
    start_response("200 OK", [("Content-Type", "application/xml"), ("Content-Length", str(len(body))),
                              ("x-amz-request-id", request_id().replace("-", "")[:16].upper())])
    return [body]

"""What a region's endpoint answers before moto does. `RegionGate` wraps moto's WSGI application for one region:
it counts the request (audit), then applies the faults in force — the region's mode (hang: never answers,
slowdown: 503 SlowDown; refuse is the endpoint's listener stopped, server.py) and APIs denied in every region
(403/400 AccessDenied as each protocol answers it) — then the refusals S3 makes and moto 5.2.1 does not: another
account's bucket (403 AccessDenied), HeadBucket at another region's endpoint (301 with x-amz-bucket-region), and
PutObject's Object Lock and checksum checks. The APIs moto lacks are answered here by the lab's own modules
(stand_in_answer: MRAP routes, AWS Backup's reads, ARC's DescribeCluster, Global Accelerator). What passes goes to
moto, under the world's lock."""
import base64, hashlib, io, json, time

from . import accelerator, arc, audit, backup, mrap
from .operations import request_api, s3_target, signing_service
from .wire import error_answer, request_id
from .world import ACCOUNT

S3_ACTIONS = {"ListBuckets": "s3:ListAllMyBuckets", "HeadBucket": "s3:ListBucket", "ListObjects": "s3:ListBucket",
              "ListObjectsV2": "s3:ListBucket", "ListObjectVersions": "s3:ListBucketVersions",
              "HeadObject": "s3:GetObject", "GetBucketNotificationConfiguration": "s3:GetBucketNotification",
              "GetBucketReplication": "s3:GetReplicationConfiguration",
              "GetBucketLifecycleConfiguration": "s3:GetLifecycleConfiguration",
              "GetBucketEncryption": "s3:GetEncryptionConfiguration"}
IAM_PREFIX = {"monitoring": "cloudwatch", "sts": "sts", "sqs": "sqs"}

LOCK_MESSAGE = "Content-MD5 OR x-amz-checksum- HTTP header is required for Put Object requests with Object Lock parameters"


class RegionGate:
    """WSGI middleware in front of moto for one region: audit, faults, S3's refusals, then moto under the lock."""
    def __init__(self, world, app, region):
        self.world, self.app, self.region = world, app, region

    def __call__(self, environ, start_response):
        world = self.world
        audit.count(world, environ, self.region)
        mode = world.region_mode.get(self.region, "ok")
        if mode == "hang":
            while world.region_mode.get(self.region) == "hang":
                time.sleep(0.1)
        elif mode == "slowdown":
            body = b"<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>"
            start_response("503 Slow Down", [("Content-Type", "application/xml"), ("Content-Length", str(len(body)))])
            return [body]
        protocol, api = request_api(environ)
        if api in world.denied:
            return access_denied(world, environ, start_response, protocol, api, self.region)
        stand_in = stand_in_answer(world, environ, start_response, protocol, api, self.region)
        if stand_in is not None:
            return stand_in
        foreign = other_accounts_bucket(world, environ, start_response, protocol, api, self.region)
        if foreign is not None:
            return foreign
        if protocol == "s3" and api == "HeadBucket":
            moved = wrong_region(world, environ, start_response, self.region)
            if moved is not None:
                return moved
        if protocol == "s3" and api == "PutObject":
            refused = put_object_refusal(world, environ, start_response)
            if refused is not None:
                return refused
        with world.lock:
            return self.app(environ, start_response)


def stand_in_answer(world, environ, start_response, protocol, api, region):
    """The lab's own answer to a request for an API moto 5.2.1 lacks (mrap.py: MRAP routes; backup.py: recovery
    points, jobs, protected resources; arc.py: ARC's DescribeCluster; accelerator.py: Global Accelerator), by the
    request's protocol, API and signing service; None for moto's."""
    service = signing_service(environ)
    if protocol == "s3control" and api in mrap.OPERATIONS:
        return mrap.answer(world, environ, start_response, region, api)
    if protocol == "rest-json" and service == "backup" and api in backup.OPERATIONS:
        return backup.answer(world, environ, start_response, region, api)
    if protocol == "rest-json" and service == arc.CONFIG_SERVICE:
        return arc.config_answer(world, environ, start_response, region)
    if protocol == "json" and service == "globalaccelerator":
        length = int(environ.get("CONTENT_LENGTH") or 0)
        try:
            request = json.loads(environ["wsgi.input"].read(length) or b"{}") if length else {}
        except ValueError:
            request = {}
        return accelerator.answer(world, request, start_response, region, api)
    return None


def access_denied(world, environ, start_response, protocol, api, region):
    """AccessDenied as the service answers it: S3's XML <Error> (HEAD: status only; HeadBucket with the bucket's
    region), the Query API's <ErrorResponse>, or the JSON protocol's __type with the Query error code in
    x-amzn-query-error (CloudWatch and SQS are Query-compatible)."""
    service = signing_service(environ)
    action = S3_ACTIONS.get(api, f"s3:{api}") if protocol in ("s3", "s3control") \
        else f"{IAM_PREFIX.get(service, service)}:{api}"
    message = (f"User: arn:aws:iam::{ACCOUNT}:user/testing is not authorized to perform: {action} because no "
               f"identity-based policy allows the {action} action")
    if protocol == "rest-json":
        body = json.dumps({"Message": message}).encode()
        return error_answer(start_response, "403 Forbidden", body, "application/json",
                            [("x-amzn-ErrorType", "AccessDeniedException")])
    if protocol == "s3control":
        body = (f'<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse><Error><Code>AccessDenied</Code>'
                f"<Message>{message}</Message></Error><RequestId>{request_id()}</RequestId><HostId>lab</HostId>"
                f"</ErrorResponse>").encode()
        return error_answer(start_response, "403 Forbidden", body, "application/xml")
    if protocol == "s3":
        extra = []
        bucket, _ = s3_target(environ)
        if api == "HeadBucket" and bucket in world.s3().buckets:
            extra.append(("x-amz-bucket-region", world.s3().buckets[bucket].region_name))
        body = b"" if environ.get("REQUEST_METHOD") == "HEAD" else (
            f'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>{message}</Message>'
            f"<RequestId>{request_id()}</RequestId><HostId>lab</HostId></Error>").encode()
        return error_answer(start_response, "403 Forbidden", body, "application/xml", extra)
    if protocol == "query":
        body = (f"<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>{message}</Message>"
                f"</Error><RequestId>{request_id()}</RequestId></ErrorResponse>").encode()
        return error_answer(start_response, "403 Forbidden", body, "text/xml")
    body = json.dumps({"__type": "com.amazon.coral.service#AccessDeniedException", "message": message}).encode()
    return error_answer(start_response, "400 Bad Request", body, "application/x-amz-json-1.0",
                        [("x-amzn-query-error", "AccessDenied;Sender")])


# Accounts. moto 5.2.1 keeps one S3 world for every caller: each account sees every bucket. S3 does not: a
# bucket belongs to the account that created it, and another account's bucket answers 403 AccessDenied (without a
# bucket policy granting access, which the lab does not model). With `--account KEY=ACCOUNT`, requests signed with
# access key KEY are that account's; other keys are ACCOUNT's. (ListBuckets per account: motopatches.own_buckets.)
def other_accounts_bucket(world, environ, start_response, protocol, api, region):
    """403 AccessDenied for a request about another account's bucket, as S3 answers it; records the owner of
    a bucket an account other than the default creates. None when the request may go on."""
    if protocol != "s3":
        return None
    bucket, _ = s3_target(environ)
    if not bucket:
        return None
    caller = world.caller_account(environ.get("HTTP_AUTHORIZATION", ""))
    if api == "CreateBucket":
        if bucket not in world.s3().buckets and caller != ACCOUNT:
            world.bucket_owners[bucket] = caller
        return None
    if bucket in world.s3().buckets and world.owner_of(bucket) != caller:
        return access_denied(world, environ, start_response, protocol, api, region)
    return None


def wrong_region(world, environ, start_response, region):
    """HeadBucket at the endpoint of another region than the bucket's: 301 with x-amz-bucket-region, as S3."""
    bucket, _ = s3_target(environ)
    found = world.s3().buckets.get(bucket) if bucket else None
    if found is None or found.region_name == region:
        return None
    start_response("301 Moved Permanently", [("x-amz-bucket-region", found.region_name), ("Content-Length", "0"),
                                             ("Content-Type", "application/xml")])
    return [b""]


def put_object_refusal(world, environ, start_response):
    """PutObject as S3 checks it before storing (moto 5.2.1 asks for x-amz-sdk-checksum-algorithm instead, answers
    with its own code, and verifies no checksum): to a bucket with Object Lock whose default retention applies, or
    with Object Lock headers, Content-MD5 or an x-amz-checksum-* header is required (400 InvalidRequest); an
    x-amz-checksum-sha256 that is not the body's SHA-256 is 400 BadDigest. None when the request may go on."""
    bucket_name, _ = s3_target(environ)
    headers = {k[5:].replace("_", "-").lower(): v for k, v in environ.items() if k.startswith("HTTP_")}
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(length) if length else b""
    environ["wsgi.input"] = io.BytesIO(body)
    with world.lock:
        bucket = world.s3().buckets.get(bucket_name)
        if bucket is None:
            return None
        lock_headers = any(headers.get(h) for h in ("x-amz-object-lock-mode", "x-amz-object-lock-retain-until-date")) \
            or headers.get("x-amz-object-lock-legal-hold") == "ON"
        locked = bucket.object_lock_enabled and (lock_headers or bucket.has_default_lock)
    def refuse(code, message):
        answer = (f'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>{code}</Code><Message>{message}</Message>'
                  f"<RequestId>{request_id()}</RequestId><HostId>lab</HostId></Error>").encode()
        return error_answer(start_response, "400 Bad Request", answer, "application/xml")
    has_checksum = "content-md5" in headers or any(h.startswith("x-amz-checksum-") for h in headers)
    if locked and not has_checksum:
        return refuse("InvalidRequest", LOCK_MESSAGE)
    sent = headers.get("x-amz-checksum-sha256")
    if sent and "aws-chunked" not in headers.get("content-encoding", "") \
            and sent != base64.b64encode(hashlib.sha256(body).digest()).decode():
        return refuse("BadDigest", "The sha256 you specified did not match the calculated checksum.")
    return None

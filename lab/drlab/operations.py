"""Which AWS API a request calls, read from the request alone (no moto): S3's REST routes (path-style, as the
lab's clients address buckets), the Query protocol's Action, the JSON protocol's X-Amz-Target. The gate (faults,
denied APIs) and the audit name requests with these."""
import io
from urllib.parse import parse_qs

S3_SUBRESOURCES = {"location": "GetBucketLocation", "versioning": "GetBucketVersioning",
                   "replication": "GetBucketReplication", "versions": "ListObjectVersions",
                   "notification": "GetBucketNotificationConfiguration"}


def s3_api(method, environ):
    """The S3 API a request calls, as far as the audit needs: bucket subresources, HEAD, GET, PUT, DELETE."""
    query = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
    if method == "GET":
        for name, api in S3_SUBRESOURCES.items():
            if name in query:
                return api
        path = [p for p in environ.get("PATH_INFO", "").split("/") if p]
        return "GetObject" if len(path) > 1 else ("ListObjects" if path else "ListBuckets")
    return {"HEAD": "HeadObject", "PUT": "PutObject", "DELETE": "DeleteObject"}.get(method, f"S3 {method}")


# The S3 API a request calls, by the REST API's routes (path-style, as the lab's clients address buckets).
BUCKET_GET = {"location": "GetBucketLocation", "versioning": "GetBucketVersioning", "replication": "GetBucketReplication",
              "versions": "ListObjectVersions", "notification": "GetBucketNotificationConfiguration",
              "tagging": "GetBucketTagging", "policy": "GetBucketPolicy", "acl": "GetBucketAcl",
              "lifecycle": "GetBucketLifecycleConfiguration", "encryption": "GetBucketEncryption", "cors": "GetBucketCors",
              "website": "GetBucketWebsite", "logging": "GetBucketLogging", "object-lock": "GetObjectLockConfiguration",
              "ownershipControls": "GetBucketOwnershipControls", "publicAccessBlock": "GetPublicAccessBlock",
              "accelerate": "GetBucketAccelerateConfiguration", "requestPayment": "GetBucketRequestPayment",
              "uploads": "ListMultipartUploads", "metrics": "GetBucketMetricsConfiguration",
              "inventory": "GetBucketInventoryConfiguration", "analytics": "GetBucketAnalyticsConfiguration",
              "intelligent-tiering": "GetBucketIntelligentTieringConfiguration", "policyStatus": "GetBucketPolicyStatus"}
BUCKET_PUT = {"versioning": "PutBucketVersioning", "replication": "PutBucketReplication",
              "notification": "PutBucketNotificationConfiguration", "tagging": "PutBucketTagging",
              "policy": "PutBucketPolicy", "acl": "PutBucketAcl", "lifecycle": "PutBucketLifecycleConfiguration",
              "encryption": "PutBucketEncryption", "cors": "PutBucketCors", "website": "PutBucketWebsite",
              "logging": "PutBucketLogging", "object-lock": "PutObjectLockConfiguration",
              "ownershipControls": "PutBucketOwnershipControls", "publicAccessBlock": "PutPublicAccessBlock",
              "accelerate": "PutBucketAccelerateConfiguration", "requestPayment": "PutBucketRequestPayment",
              "metrics": "PutBucketMetricsConfiguration"}
BUCKET_DELETE = {"replication": "DeleteBucketReplication", "tagging": "DeleteBucketTagging",
                 "policy": "DeleteBucketPolicy", "lifecycle": "DeleteBucketLifecycle", "encryption": "DeleteBucketEncryption",
                 "cors": "DeleteBucketCors", "website": "DeleteBucketWebsite", "metrics": "DeleteBucketMetricsConfiguration",
                 "ownershipControls": "DeleteBucketOwnershipControls", "publicAccessBlock": "DeletePublicAccessBlock"}
OBJECT_GET = {"tagging": "GetObjectTagging", "acl": "GetObjectAcl", "retention": "GetObjectRetention",
              "legal-hold": "GetObjectLegalHold", "attributes": "GetObjectAttributes", "uploadId": "ListParts"}
OBJECT_PUT = {"tagging": "PutObjectTagging", "acl": "PutObjectAcl", "retention": "PutObjectRetention",
              "legal-hold": "PutObjectLegalHold"}


def s3_target(environ):
    """(bucket, key) of a path-style S3 request; bucket None for the service (ListBuckets), key "" for a bucket."""
    path = environ.get("PATH_INFO", "").lstrip("/")
    if not path:
        return None, ""
    bucket, _, key = path.partition("/")
    return bucket, key


def s3_operation(environ):
    """The S3 API a request calls: ListBuckets, HeadBucket, GetBucketVersioning, ListObjectVersions, HeadObject, ..."""
    method = environ.get("REQUEST_METHOD", "GET")
    query = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
    bucket, key = s3_target(environ)
    def sub(table, default):
        return next((api for name, api in table.items() if name in query), default)
    if bucket is None:
        return "ListBuckets" if method == "GET" else f"S3 {method}"
    if not key:
        if method == "HEAD":
            return "HeadBucket"
        if method == "GET":
            return sub(BUCKET_GET, "ListObjectsV2" if query.get("list-type") == ["2"] else "ListObjects")
        if method == "PUT":
            return sub(BUCKET_PUT, "CreateBucket")
        if method == "DELETE":
            return sub(BUCKET_DELETE, "DeleteBucket")
        if method == "POST":
            return "DeleteObjects" if "delete" in query else "PostObject"
        return f"S3 {method}"
    if method == "HEAD":
        return "HeadObject"
    if method == "GET":
        return sub(OBJECT_GET, "GetObject")
    if method == "PUT":
        if "partNumber" in query:
            return "UploadPartCopy" if environ.get("HTTP_X_AMZ_COPY_SOURCE") else "UploadPart"
        return sub(OBJECT_PUT, "CopyObject" if environ.get("HTTP_X_AMZ_COPY_SOURCE") else "PutObject")
    if method == "DELETE":
        return "AbortMultipartUpload" if "uploadId" in query else sub({"tagging": "DeleteObjectTagging"}, "DeleteObject")
    if method == "POST":
        return "CreateMultipartUpload" if "uploads" in query else "CompleteMultipartUpload" if "uploadId" in query \
            else "RestoreObject" if "restore" in query else "SelectObjectContent" if "select" in query else "PostObject"
    return f"S3 {method}"


def signing_service(environ):
    """The service a SigV4 request is signed for (its credential scope's), "s3" when unsigned."""
    credential = environ.get("HTTP_AUTHORIZATION", "").split("Credential=")[-1].split(",")[0].split("/")
    return credential[3] if len(credential) > 3 else "s3"


def request_api(environ):
    """(protocol, API) of a request: ("s3", "HeadBucket"), ("query", "GetMetricData"), ("json", "ReceiveMessage"),
    ("s3control", "GetMultiRegionAccessPointRoutes"): S3 Control's REST XML, signed "s3", under /v20180820/;
    ("rest-json", "ListBackupJobs"): AWS Backup's and ARC's control plane's REST JSON, by signing service.
    A form-encoded body is read and put back for the application."""
    from . import arc, backup, mrap
    method = environ.get("REQUEST_METHOD", "GET")
    target = environ.get("HTTP_X_AMZ_TARGET", "")
    if target:
        return "json", target.split(".")[-1]
    path = environ.get("PATH_INFO", "")
    if path.startswith(mrap.PREFIX):
        return "s3control", mrap.operation(method, path)
    service = signing_service(environ)
    if service == "backup":
        return "rest-json", backup.operation(method, path) or f"Backup {method}"
    if service == arc.CONFIG_SERVICE:
        return "rest-json", arc.config_operation(method, path)
    if method == "POST" and "x-www-form-urlencoded" in environ.get("CONTENT_TYPE", ""):
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        environ["wsgi.input"] = io.BytesIO(body)
        return "query", parse_qs(body.decode("utf-8", "replace")).get("Action", ["?"])[0]
    return "s3", s3_operation(environ)


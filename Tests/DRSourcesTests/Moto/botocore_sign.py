#!/usr/bin/env python3
"""Signs one request with botocore at a fixed time and prints the Authorization header.

usage: botocore_sign.py SERVICE REGION METHOD URL BODY ACCESS_KEY SECRET TOKEN|- AMZDATE
SERVICE s3 uses botocore's S3SigV4Auth (x-amz-content-sha256, no path normalisation); others SigV4Auth.
"""
import datetime, sys
from unittest import mock
from botocore.auth import S3SigV4Auth, SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

service, region, method, url, body, key, secret, token, stamp = sys.argv[1:10]
credentials = Credentials(key, secret, None if token == "-" else token)
headers = {}
if method == "POST":
    headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8"
request = AWSRequest(method=method, url=url, data=body.encode() if body else None, headers=headers)
signer = (S3SigV4Auth if service == "s3" else SigV4Auth)(credentials, service, region)
fixed = datetime.datetime.strptime(stamp, "%Y%m%dT%H%M%SZ")
with mock.patch("botocore.auth.get_current_datetime", return_value=fixed):
    signer.add_auth(request)
assert request.headers["X-Amz-Date"] == stamp, request.headers["X-Amz-Date"]
print(request.headers["Authorization"])

#!/usr/bin/env python3
"""A loopback S3 stand-in that checks, with botocore's S3 signer, that a request was signed for the path it
arrived with (the raw request line, as the server received it: nothing normalised on the way).

usage: signed_path_server.py PORT
Any method: 200 with x-amz-meta-received-path (the raw path and query of the request line) and
x-amz-meta-signature: match | mismatch (botocore's S3SigV4Auth recomputed over that path, the signed headers
and x-amz-content-sha256, with the secret "testing"). HEAD answers carry no body; others the received path.
"""
import re, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from botocore.auth import S3SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

def verdict(method, raw_path, headers):
    authorization = headers.get("Authorization", "")
    found = re.match(r"AWS4-HMAC-SHA256 Credential=([^/]+)/(\d{8})/([^/]+)/s3/aws4_request, "
                     r"SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$", authorization)
    if not found:
        return "mismatch"
    key, _, region, signed, signature = found.groups()
    request = AWSRequest(method=method, url=f"http://{headers.get('Host')}{raw_path}",
                         headers={name: headers.get(name) for name in signed.split(";")})
    request.context["timestamp"] = headers.get("X-Amz-Date")
    signer = S3SigV4Auth(Credentials(key, "testing"), "s3", region)
    if signer.signed_headers(signer.headers_to_sign(request)) != signed:
        return "mismatch"
    expected = signer.signature(signer.string_to_sign(request, signer.canonical_request(request)), request)
    return "match" if expected == signature else "mismatch"

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        raw = self.path  # the request line's target as received
        body = b"" if self.command == "HEAD" else raw.encode()
        self.send_response(200)
        self.send_header("x-amz-meta-received-path", raw)
        self.send_header("x-amz-meta-signature", verdict(self.command, raw, self.headers))
        self.send_header("Content-Length", str(len(raw.encode())))
        self.end_headers()
        self.wfile.write(body)

    do_HEAD = do_GET = do_PUT = do_DELETE = do_POST = answer

ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()

#!/usr/bin/env python3
"""A loopback stand-in for the EC2 instance metadata service (IMDSv2) and the container credentials endpoint.

usage: metadata_server.py PORT
IMDSv2: PUT /latest/api/token gives a session token; the credential paths need it in X-aws-ec2-metadata-token.
Container: GET /creds needs Authorization: secret-container-token.
"""
import json, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOKEN = "imds-session-token"
DOC = {"Code": "Success", "Type": "AWS-HMAC", "AccessKeyId": "ASIAIMDS", "SecretAccessKey": "imds-secret",
       "Token": "imds-token", "Expiration": "2099-01-01T00:00:00Z"}
CONTAINER = {"AccessKeyId": "ASIACONTAINER", "SecretAccessKey": "container-secret", "Token": "container-token",
             "Expiration": "2099-01-01T00:00:00Z"}

class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, status, body):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_PUT(self):
        if self.path == "/latest/api/token" and self.headers.get("X-aws-ec2-metadata-token-ttl-seconds"):
            self.reply(200, TOKEN)
        else:
            self.reply(400, "")

    def do_GET(self):
        if self.path == "/creds":
            if self.headers.get("Authorization") == "secret-container-token":
                self.reply(200, json.dumps(CONTAINER))
            else:
                self.reply(401, "")
            return
        if self.headers.get("X-aws-ec2-metadata-token") != TOKEN:
            self.reply(401, "")
        elif self.path == "/latest/meta-data/iam/security-credentials/":
            self.reply(200, "drtop-role")
        elif self.path == "/latest/meta-data/iam/security-credentials/drtop-role":
            self.reply(200, json.dumps(DOC))
        else:
            self.reply(404, "")

ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()

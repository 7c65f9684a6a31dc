#!/usr/bin/env python3
"""A loopback container credentials endpoint that serves short-lived credentials until told to fail.

usage: credential_server.py PORT
GET /creds: a credentials document expiring in 300 s (AccessKeyId ASIAFLAKY1, ASIAFLAKY2, ... one per answer),
            or HTTP 500 while failing.
POST /fail, POST /recover: start / stop failing.   GET /count: how many times /creds was asked.
"""
import datetime, json, sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

state = {"failing": False, "asked": 0, "served": 0}
lock = threading.Lock()

class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, status, body):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        with lock:
            if self.path in ("/fail", "/recover"):
                state["failing"] = self.path == "/fail"
                self.reply(200, "")
            else:
                self.reply(404, "")

    def do_GET(self):
        with lock:
            if self.path == "/count":
                self.reply(200, str(state["asked"]))
            elif self.path == "/creds":
                state["asked"] += 1
                if state["failing"]:
                    self.reply(500, "")
                    return
                state["served"] += 1
                expires = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=300)
                self.reply(200, json.dumps({
                    "AccessKeyId": f"ASIAFLAKY{state['served']}", "SecretAccessKey": "flaky-secret",
                    "Token": "flaky-token", "Expiration": expires.strftime("%Y-%m-%dT%H:%M:%SZ")}))
            else:
                self.reply(404, "")

ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()

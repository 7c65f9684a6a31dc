#!/usr/bin/env python3
"""A fault-injecting HTTP proxy for drtop's soak test: sits in front of one lab region endpoint and, for a
chosen share of requests, answers with a fault instead of (or in place of part of) the real answer.

Faults: 503 SlowDown, 500 InternalError, 400 Throttling (Query API shape), connection reset, timeout (holds the
request past any sane client timeout, then closes), truncated body, garbage body, and a Content-Length longer
than the body. Used in-process by lab/soak.py; `python3 lab/faultproxy.py --upstream 127.0.0.1:5001 --port 6001
--rate 0.2` runs one by hand.
"""
import argparse, http.client, random, socket, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FAULTS = ["slowdown", "error500", "throttle", "reset", "timeout", "truncated", "garbage", "badlength"]

class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.requests = []          # (time, client) of every request received
        self.faults = {}            # kind -> count

    def record(self, client, fault):
        with self.lock:
            self.requests.append((time.time(), client))
            if fault:
                self.faults[fault] = self.faults.get(fault, 0) + 1

    def rate(self, start, end, client="drtop"):
        with self.lock:
            count = sum(1 for t, c in self.requests if start <= t < end and c == client)
        return count / max(1e-6, end - start)

class FaultProxy:
    def __init__(self, upstream, port=0, rate=0.2, seed=1, hold=15.0):
        self.upstream_host, self.upstream_port = upstream.split(":")[0], int(upstream.split(":")[1])
        self.rate, self.random, self.hold = rate, random.Random(seed), hold
        self.stats = Stats()
        self.server = ThreadingHTTPServer(("127.0.0.1", port), self.handler())
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def pick(self):
        if self.random.random() >= self.rate:
            return None
        return self.random.choice(FAULTS)

    def handler(self):
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def send(self, status, body, content_type="application/xml", length=None, close=False):
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body) if length is None else length))
                if close:
                    self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(body)
                self.wfile.flush()
                if close:
                    self.close_connection = True

            def forward(self, body):
                connection = http.client.HTTPConnection(proxy.upstream_host, proxy.upstream_port, timeout=30)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("connection", "keep-alive")}
                connection.request(self.command, self.path, body=body, headers=headers)
                answer = connection.getresponse()
                data = answer.read()
                result = (answer.status, [(k, v) for k, v in answer.getheaders()
                                          if k.lower() not in ("content-length", "connection", "transfer-encoding")], data)
                connection.close()
                return result

            def handle_any(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                client = "drtop" if "drtop/" in self.headers.get("User-Agent", "") else "other"
                fault = proxy.pick() if client == "drtop" else None
                proxy.stats.record(client, fault)
                query_api = self.command == "POST" and "x-www-form-urlencoded" in self.headers.get("Content-Type", "")
                if fault == "slowdown":
                    return self.send(503, b"<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>")
                if fault == "error500":
                    return self.send(500, b"<Error><Code>InternalError</Code><Message>We encountered an internal error.</Message></Error>")
                if fault == "throttle":
                    if query_api:
                        return self.send(400, b"<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code>"
                                              b"<Message>Rate exceeded</Message></Error></ErrorResponse>", content_type="text/xml")
                    return self.send(503, b"<Error><Code>SlowDown</Code><Message>Reduce your request rate.</Message></Error>")
                if fault == "reset":
                    self.close_connection = True
                    try:
                        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                    except OSError:
                        pass
                    return
                if fault == "timeout":
                    time.sleep(proxy.hold)
                    self.close_connection = True
                    return
                status, headers, data = self.forward(body)
                if fault == "truncated":
                    data = data[: len(data) // 2]
                elif fault == "garbage":
                    data = bytes(proxy.random.getrandbits(8) for _ in range(proxy.random.randint(1, 512)))
                self.send_response(status)
                for key, value in headers:
                    self.send_header(key, value)
                if fault == "badlength":
                    self.send_header("Content-Length", str(len(data) + 100))
                    self.send_header("Connection", "close")
                    self.end_headers()
                    self.wfile.write(data)
                    self.wfile.flush()
                    self.close_connection = True
                    return
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)

            do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = handle_any

        return Handler

def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--upstream", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--rate", type=float, default=0.2)
    args = parser.parse_args()
    proxy = FaultProxy(args.upstream, args.port, args.rate)
    print(f"faultproxy: 127.0.0.1:{proxy.port} -> {args.upstream}, {args.rate:.0%} faults", flush=True)
    while True:
        time.sleep(60)
        print(f"faults so far: {proxy.stats.faults}", flush=True)

if __name__ == "__main__":
    main()

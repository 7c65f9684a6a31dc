"""A fault-injecting HTTP proxy for drtop's soak test: sits in front of one lab region endpoint and, for a
chosen share of requests, answers with a fault instead of (or in place of part of) the real answer.

Faults: 503 SlowDown, 500 InternalError, 400 Throttling (Query API shape), connection reset, timeout (holds the
request past any sane client timeout, then closes), truncated body, garbage body, and a Content-Length longer
than the body. Either `rate` of drtop's requests fail with a fault chosen uniformly (lab/soak.py), or `faults`
gives each kind its own share: FaultProxy(upstream, faults={"reset": 0.1, "timeout": 0.05}, hold=5) resets one
connection in ten and holds one in twenty for 5 s (a client with a shorter request timeout gives up).
Faults hit only drtop's requests (User-Agent drtop/) unless all_clients=True.

Skew: FaultProxy(upstream, skew_seconds=3600) keeps a clock an hour ahead. Every answer carries its own Date,
and a request whose X-Amz-Date (or Date) is more than 15 minutes off that clock is refused as AWS refuses it:
S3 403 RequestTimeTooSkewed (XML with RequestTime, ServerTime, MaxAllowedSkewMilliseconds); Query API (form
POST with Action=: STS, CloudWatch) 403 SignatureDoesNotMatch "Signature expired: ... is now earlier than ...
(... - 15 min.)" or "Signature not yet current: ... is still later than ... (... + 15 min.)"; JSON protocol
(X-Amz-Target: SQS, CloudWatch) 400 InvalidSignatureException with the same message, and for the
Query-compatible services x-amzn-query-error: SignatureDoesNotMatch;Sender. Requests within 15 minutes pass.

`python3 lab/faultproxy.py --upstream 127.0.0.1:5001 --port 6001 --rate 0.2` runs one by hand; also
`--fault reset=0.1 --fault timeout=0.05 --hold 5`, `--skew 3600`, `--all-clients`.
"""
import argparse, datetime, email.utils, http.client, json, os, random, socket, threading, time, uuid
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

MAX_SKEW = 900                     # seconds AWS allows between a request's time and its own
QUERY_COMPATIBLE = {"sqs", "monitoring"}   # JSON-protocol services that also name the Query API's error code
AMZ_DATE = "%Y%m%dT%H%M%SZ"

class FaultProxy:
    def __init__(self, upstream, port=0, rate=0.2, seed=1, hold=15.0, faults=None, skew_seconds=0.0,
                 all_clients=False):
        self.upstream_host, self.upstream_port = upstream.split(":")[0], int(upstream.split(":")[1])
        self.rate, self.random, self.hold = rate, random.Random(seed), hold
        unknown = set(faults or {}) - set(FAULTS)
        if unknown or sum((faults or {}).values()) > 1:
            raise ValueError(f"faults: kinds from {FAULTS}, shares adding up to at most 1 (got {faults})")
        self.faults, self.skew_seconds, self.all_clients = dict(faults or {}), skew_seconds, all_clients
        self.stats = Stats()
        self.server = ThreadingHTTPServer(("127.0.0.1", port), self.handler())
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def pick(self):
        if self.faults:
            draw, total = self.random.random(), 0.0
            for kind, share in self.faults.items():
                total += share
                if draw < total:
                    return kind
            return None
        if self.random.random() >= self.rate:
            return None
        return self.random.choice(FAULTS)

    def now(self):
        """The proxy's clock: the machine's, offset by skew_seconds."""
        return time.time() + self.skew_seconds

    def handler(self):
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def date_time_string(self, timestamp=None):
                return email.utils.formatdate(proxy.now() if timestamp is None else timestamp, usegmt=True)

            def request_time(self):
                """The request's signing time (X-Amz-Date header or query parameter, else Date) as sent, and parsed."""
                from urllib.parse import parse_qs, urlparse
                sent = self.headers.get("X-Amz-Date") or parse_qs(urlparse(self.path).query).get("X-Amz-Date", [None])[0]
                if sent:
                    try:
                        moment = datetime.datetime.strptime(sent, AMZ_DATE).replace(tzinfo=datetime.timezone.utc)
                        return sent, moment.timestamp()
                    except ValueError:
                        return None, None
                sent = self.headers.get("Date")
                if sent:
                    try:
                        return sent, email.utils.parsedate_to_datetime(sent).timestamp()
                    except (TypeError, ValueError):
                        return None, None
                return None, None

            def refuse_skewed(self, query_api):
                """Answers as AWS does when the request's time is more than 15 minutes off the proxy's clock."""
                sent, moment = self.request_time()
                server = proxy.now()
                if moment is None or abs(moment - server) <= MAX_SKEW:
                    return False
                stamp = lambda t: time.strftime(AMZ_DATE, time.gmtime(t))
                request_id = str(uuid.uuid4())
                target = self.headers.get("X-Amz-Target")
                if not target and not query_api:
                    body = b"" if self.command == "HEAD" else (
                        '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>RequestTimeTooSkewed</Code><Message>The '
                        'difference between the request time and the current time is too large.</Message>'
                        f"<RequestTime>{sent}</RequestTime><ServerTime>{time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(server))}"
                        f"</ServerTime><MaxAllowedSkewMilliseconds>{MAX_SKEW * 1000}</MaxAllowedSkewMilliseconds>"
                        f"<RequestId>{request_id.replace('-', '')[:16].upper()}</RequestId><HostId>lab</HostId></Error>").encode()
                    self.send(403, body, extra=[("x-amz-request-id", request_id.replace("-", "")[:16].upper())])
                    return True
                if moment < server:
                    message = (f"Signature expired: {stamp(moment)} is now earlier than {stamp(server - MAX_SKEW)} "
                               f"({stamp(server)} - 15 min.)")
                else:
                    message = (f"Signature not yet current: {stamp(moment)} is still later than "
                               f"{stamp(server + MAX_SKEW)} ({stamp(server)} + 15 min.)")
                if target:
                    credential = self.headers.get("Authorization", "").split("Credential=")[-1].split("/")
                    service = credential[3] if len(credential) > 3 else ""
                    extra = [("x-amzn-RequestId", request_id)]
                    if service in QUERY_COMPATIBLE:
                        extra.append(("x-amzn-query-error", "SignatureDoesNotMatch;Sender"))
                    body = json.dumps({"__type": "com.amazon.coral.service#InvalidSignatureException",
                                       "message": message}).encode()
                    self.send(400, body, content_type="application/x-amz-json-1.0", extra=extra)
                    return True
                body = (f"<ErrorResponse><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code><Message>{message}"
                        f"</Message></Error><RequestId>{request_id}</RequestId></ErrorResponse>").encode()
                self.send(403, body, content_type="text/xml", extra=[("x-amzn-RequestId", request_id)])
                return True

            def send(self, status, body, content_type="application/xml", length=None, close=False, extra=()):
                self.send_response(status)
                for key, value in extra:
                    self.send_header(key, value)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body) if length is None else length))
                if close:
                    self.send_header("Connection", "close")
                self.end_headers()
                if self.command != "HEAD":
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
                                          if k.lower() not in ("content-length", "connection", "transfer-encoding",
                                                               "date", "server")], data)
                connection.close()
                return result

            def handle_any(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                client = "drtop" if "drtop/" in self.headers.get("User-Agent", "") else "other"
                fault = proxy.pick() if client == "drtop" or proxy.all_clients else None
                proxy.stats.record(client, fault)
                query_api = self.command == "POST" and "x-www-form-urlencoded" in self.headers.get("Content-Type", "")
                if proxy.skew_seconds and self.refuse_skewed(query_api):
                    return
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

def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--upstream", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--rate", type=float, default=0.2, help="share of requests faulted, kinds chosen uniformly")
    parser.add_argument("--fault", action="append", default=[], metavar="KIND=SHARE",
                        help=f"a kind's own share instead of --rate (repeatable); kinds: {', '.join(FAULTS)}")
    parser.add_argument("--hold", type=float, default=15.0, help="seconds a 'timeout' fault holds the connection")
    parser.add_argument("--skew", type=float, default=0.0, help="seconds the proxy's clock is ahead (negative: behind)")
    parser.add_argument("--all-clients", action="store_true", help="fault every client, not only drtop")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--stats-file", help="rewrite this JSON file with the faults and requests so far, each second")
    args = parser.parse_args(argv)
    faults = {}
    for item in args.fault:
        kind, _, share = item.partition("=")
        faults[kind] = float(share)
    proxy = FaultProxy(args.upstream, args.port, args.rate, seed=args.seed, hold=args.hold, faults=faults,
                       skew_seconds=args.skew, all_clients=args.all_clients)
    mix = ", ".join(f"{k} {v:.0%}" for k, v in faults.items()) if faults else f"{args.rate:.0%} faults"
    print(f"faultproxy: 127.0.0.1:{proxy.port} -> {args.upstream}, {mix}, hold {args.hold:g} s"
          + (f", clock {args.skew:+g} s" if args.skew else ""), flush=True)
    ticks = 0
    while True:
        time.sleep(1)
        ticks += 1
        if args.stats_file:
            with proxy.stats.lock:
                counts = {"faults": dict(proxy.stats.faults), "requests": len(proxy.stats.requests)}
            with open(args.stats_file + ".tmp", "w") as out:
                json.dump(counts, out)
            os.replace(args.stats_file + ".tmp", args.stats_file)
        if ticks % 60 == 0:
            print(f"faults so far: {proxy.stats.faults}", flush=True)

if __name__ == "__main__":
    main()

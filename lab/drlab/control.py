"""The control API (--control-port, JSON answers): faults put in force and taken away while the lab runs, the
replication state read back. Every route is a method of the handler below; what it changes is in the world.

    POST /region/REGION/ok | refuse | hang | slowdown
    POST /direction/SRC-BUCKET/DST-BUCKET/ok | pause | fail?reason=... | slow?delay=SECONDS | untrack
    POST /seed/BUCKET?count=5000&prefix=old/&per_key=1&age=SECONDS&size=16&copies=1
    POST /deny/API, /allow/API, DELETE /deny/API
    POST /metric-status/METRIC/InternalError|Forbidden|PartialData|ok?source=BUCKET&message=TEXT&per_page=N
    GET  /status"""
import json, time
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlparse

from . import audit
from .events import notify_replication, replication_event_data
from .replicator import seed_old_versions


def control_handler(world, endpoints):
    """The control API's request handler class, for `world` and the region endpoints (name -> RegionEndpoint)."""
    class Control(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def answer(self, status, payload):
            body = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            if urlparse(self.path).path != "/status":
                return self.answer(404, {"error": "GET /status"})
            with world.lock:
                counts = {}
                for status in world.status.values():
                    counts[status] = counts.get(status, 0) + 1
                requests, by_region = audit.snapshot(world)
                self.answer(200, {"objects": counts, "regions": world.region_mode, "requests": requests,
                                  "requests_by_region": by_region,
                                  "directions": {f"{s}->{d}": v for (s, d), v in world.direction.items()},
                                  "denied": sorted(world.denied),
                                  "last_error": world.last_error})

        def do_POST(self):
            url = urlparse(self.path)
            parts = [p for p in url.path.split("/") if p]
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            if len(parts) == 3 and parts[0] == "region" and parts[1] in endpoints \
                    and parts[2] in ("ok", "refuse", "hang", "slowdown"):
                region, mode = parts[1], parts[2]
                world.region_mode[region] = mode
                if mode == "refuse":
                    endpoints[region].stop()
                else:
                    endpoints[region].start()
                return self.answer(200, {"region": region, "mode": mode})
            if len(parts) == 4 and parts[0] == "direction" and parts[3] == "untrack":
                return self.untrack(parts[1], parts[2])
            if len(parts) == 4 and parts[0] == "direction" and parts[3] in ("ok", "pause", "fail", "slow"):
                fault = {"mode": parts[3]}
                if "reason" in query:
                    fault["reason"] = query["reason"]
                if "delay" in query:
                    fault["delay"] = float(query["delay"])
                with world.lock:
                    world.direction[(parts[1], parts[2])] = fault
                return self.answer(200, {"direction": f"{parts[1]}->{parts[2]}", **fault})
            if len(parts) == 2 and parts[0] == "seed":
                return self.seed(parts[1], query)
            if len(parts) == 3 and parts[0] == "metric-status" \
                    and parts[2] in ("ok", "InternalError", "Forbidden", "PartialData"):
                return self.metric_status(parts[1], parts[2], query)
            if len(parts) == 2 and parts[0] in ("deny", "allow"):
                return self.deny(parts[1], parts[0] == "deny")
            self.answer(400, {"error": "POST /region/REGION/ok|refuse|hang|slowdown, "
                                       "/direction/SRC/DST/ok|pause|fail|slow, /deny/API or /allow/API, "
                                       "/metric-status/METRIC/ok|InternalError|Forbidden|PartialData"})

        def do_DELETE(self):
            parts = [p for p in urlparse(self.path).path.split("/") if p]
            if len(parts) == 2 and parts[0] == "deny":
                return self.deny(parts[1], False)
            self.answer(400, {"error": "DELETE /deny/API"})

        def untrack(self, source, destination):
            """The objects waiting in SOURCE -> DESTINATION now are no longer tracked by replication metrics: each
            sends s3:Replication:OperationNotTracked, and metrics and RTC events leave them out (they still
            replicate)."""
            with world.lock:
                count = 0
                for (b, name, version, d), item in world.pending.items():
                    if b == source and d == destination and item["tracked"]:
                        item["tracked"] = False
                        count += 1
                        notify_replication(world, "OperationNotTracked", b, name, version, item["size"],
                                           replication_event_data(item, d))
                return self.answer(200, {"direction": f"{source}->{destination}", "untracked": count})

        def seed(self, bucket, query):
            """/seed/BUCKET?count=5000&prefix=old/&per_key=1&age=604800&size=16&copies=1: old, replicated versions."""
            started = time.time()
            with world.lock:
                if bucket not in world.s3().buckets:
                    return self.answer(404, {"error": f"no bucket {bucket}"})
                made = seed_old_versions(world, bucket, int(query.get("count", 1000)), query.get("prefix", "old/"),
                                         int(query.get("per_key", 1)), float(query.get("age", 7 * 86400)),
                                         int(query.get("size", 16)), query.get("copies", "1") not in ("0", "false"))
            return self.answer(200, {**made, "seconds": round(time.time() - started, 3)})

        def metric_status(self, metric, code, query):
            """/metric-status/ReplicationLatency/InternalError?source=BUCKET&message=TEXT: GetMetricData answers
            those queries with that StatusCode; PartialData pages per_page datapoints (default 1); ok undoes."""
            key = (metric, query.get("source", ""))
            with world.lock:
                if code == "ok":
                    world.metric_status.pop(key, None)
                else:
                    world.metric_status[key] = {"code": code, "message": query.get("message"),
                                          "per_page": max(1, int(query.get("per_page", 1)))}
                return self.answer(200, {"metric_status": {f"{m} {b}".strip(): v for (m, b), v in world.metric_status.items()}})

        def deny(self, api, denied):
            """/deny/ListBuckets: that API answers AccessDenied in every region until /allow/ListBuckets."""
            with world.lock:
                (world.denied.add if denied else world.denied.discard)(api)
                return self.answer(200, {"denied": sorted(world.denied)})
    return Control

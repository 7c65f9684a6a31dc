"""The control API (--control-port, JSON answers): faults put in force and taken away while the lab runs, the
replication state read back. Every route is a method of the handler below; what it changes is in the world.

    POST /region/REGION/ok | refuse | hang | slowdown
    POST /direction/SRC-BUCKET/DST-BUCKET/ok | pause | fail?reason=... | slow?delay=SECONDS | untrack
    POST /seed/BUCKET?count=5000&prefix=old/&per_key=1&age=SECONDS&size=16&copies=1
    POST /deny/API, /allow/API, DELETE /deny/API
    POST /metric-status/METRIC/InternalError|Forbidden|PartialData|ok?source=BUCKET&message=TEXT&per_page=N
    POST /mrap/NAME/dial?bucket=BUCKET&percent=0..100
    POST /health-check/ID/fail?reason=TEXT | /health-check/ID/ok
    POST /arc/control?name=NAME&state=On|Off&panel=PANEL, /arc/control/NAME/On|Off
    POST /arc/endpoint/REGION/ok | refuse | hang
    POST /accelerator?name=NAME&regions=us-east-1,us-west-2
    POST /accelerator/NAME/dial?region=REGION&percent=0..100
    POST /accelerator/NAME/health?region=REGION&state=HEALTHY|UNHEALTHY|INITIAL&reason=TEXT
    POST /backup/BUCKET/recovery-point?age=SECONDS&type=periodic|continuous&vault=NAME&status=COMPLETED&size=BYTES
    POST /backup/BUCKET/fail?message=TEXT&age=SECONDS&vault=NAME, /backup/BUCKET/stop
    GET  /status   objects by status, faults, requests, routing; tls.ca_bundle (with --tls); endpoints: each AWS
                   endpoint's URL and, with keep-alive, its connections and requests so far"""
import json, time
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlparse

from . import accelerator, arc, audit, backup
from .events import notify_replication, replication_event_data
from .metrics import publish_health_checks
from .mrap import mraps
from .replicator import seed_old_versions
from .world import ACCOUNT


def control_handler(world, endpoints, arc_endpoints=None, ca_bundle=None):
    """The control API's request handler class, for `world`, the region endpoints (name -> RegionEndpoint), ARC's
    cluster endpoints (region -> Endpoint) and the certificate clients trust with --tls (`ca_bundle`)."""
    arc_endpoints = arc_endpoints or {}
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
                requests, by_region, by_buckets = audit.snapshot(world)
                self.answer(200, {"objects": counts, "regions": world.region_mode, "requests": requests,
                                  "requests_by_region": by_region, "requests_by_buckets": by_buckets,
                                  "directions": {f"{s}->{d}": v for (s, d), v in world.direction.items()},
                                  "denied": sorted(world.denied),
                                  "last_error": world.last_error, "routing": self.routing(),
                                  "tls": {"ca_bundle": ca_bundle} if ca_bundle else None,
                                  "endpoints": self.endpoints()})

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
            if len(parts) == 3 and parts[0] == "mrap" and parts[2] == "dial":
                return self.mrap_dial(parts[1], query)
            if len(parts) == 3 and parts[0] == "health-check" and parts[2] in ("fail", "ok"):
                return self.health_check(parts[1], parts[2] == "fail", query)
            if parts[:2] == ["arc", "control"] and len(parts) in (2, 4):
                return self.arc_control(query if len(parts) == 2 else {"name": parts[2], "state": parts[3]},
                                        len(parts) == 2)
            if len(parts) == 4 and parts[:2] == ["arc", "endpoint"] and parts[3] in ("ok", "refuse", "hang"):
                return self.arc_endpoint(parts[2], parts[3])
            if parts and parts[0] == "accelerator" and len(parts) in (1, 3):
                return self.accelerator(parts[1:], query)
            if len(parts) == 3 and parts[0] == "backup" and parts[2] in ("recovery-point", "fail", "stop"):
                return self.backup(parts[1], parts[2], query)
            self.answer(400, {"error": "POST /region/REGION/ok|refuse|hang|slowdown, "
                                       "/direction/SRC/DST/ok|pause|fail|slow, /deny/API or /allow/API, "
                                       "/metric-status/METRIC/ok|InternalError|Forbidden|PartialData, "
                                       "/mrap/NAME/dial, /health-check/ID/fail|ok, /arc/control, "
                                       "/arc/control/NAME/On|Off, /arc/endpoint/REGION/ok|refuse|hang, "
                                       "/accelerator, /accelerator/NAME/dial|health, "
                                       "/backup/BUCKET/recovery-point|fail|stop"})

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

        def endpoints(self):
            """Each AWS endpoint's URL, and with keep-alive the connections it accepted and the requests it answered
            (ARC's cluster endpoints as `arc REGION`)."""
            named = {**endpoints, **{f"arc {r}": e for r, e in arc_endpoints.items()}}
            return {name: {"url": e.url, **(e.counts() or {})} for name, e in named.items()}

        def routing(self):
            """What /status shows of traffic and recovery (under the world's lock)."""
            return {"mrap_dials": {f"{m} {b}": d for (m, b), d in world.mrap_dials.items()},
                    "health_failed": dict(world.health_failed),
                    "arc": {"clusters": {a: {"name": c["name"], "endpoints": [{"Region": r, "Endpoint": u}
                                                                             for r, u in c["endpoints"]]}
                                         for a, c in world.arc_clusters.items()},
                            "controls": {a: {"name": c["name"], "state": c["state"]}
                                         for a, c in world.arc_controls.items()},
                            "endpoint_modes": dict(world.arc_endpoint_mode)},
                    "accelerators": {x["name"]: a for a, x in world.accelerators.items()},
                    "backup": {"recovery_points": len(world.backup_points), "jobs": len(world.backup_jobs)}}

        def mrap_dial(self, name, query):
            """/mrap/NAME/dial?bucket=B&percent=P: the route of bucket B of MRAP NAME at TrafficDialPercentage P."""
            with world.lock:
                mrap = mraps(ACCOUNT).get(name)
                if mrap is None or query.get("bucket") not in [r["Bucket"] for r in mrap.regions]:
                    return self.answer(404, {"error": f"no MRAP {name} with bucket {query.get('bucket')}"})
                percent = int(query.get("percent", "100"))
                if not 0 <= percent <= 100:
                    return self.answer(400, {"error": "percent is 0..100"})
                world.mrap_dials[(name, query["bucket"])] = percent
                return self.answer(200, {"mrap": name, "arn": f"arn:aws:s3::{ACCOUNT}:accesspoint/{mrap.alias}",
                                         "routes": {r["Bucket"]: world.mrap_dials.get((name, r["Bucket"]), 100)
                                                    for r in mrap.regions}})

        def health_check(self, ident, failed, query):
            """/health-check/ID/fail?reason=TEXT: HealthCheckStatus 0 from now on (a datapoint at once, then every
            metrics period) and GetHealthCheckStatus Failure; /health-check/ID/ok undoes."""
            with world.lock:
                if failed:
                    world.health_failed[ident] = query.get("reason", "Connection timed out. The endpoint or the "
                                                                     "internet connection is down, or requests are "
                                                                     "being blocked by your firewall.")
                else:
                    world.health_failed.pop(ident, None)
                published = publish_health_checks(world, only=ident)
                if not published:
                    return self.answer(404, {"error": f"no Route 53 health check {ident}"})
                return self.answer(200, {"health_check": ident, "status": 0 if failed else 1})

        def arc_control(self, query, create):
            """/arc/control?name=N&state=On: a routing control of the lab's cluster; /arc/control/N/On|Off flips one."""
            state = query.get("state", "On")
            if state not in ("On", "Off"):
                return self.answer(400, {"error": "state is On or Off"})
            with world.lock:
                if create:
                    arn = arc.add_control(world, query["name"], state, query.get("panel", "DefaultControlPanel"))
                else:
                    arn = next((a for a, c in world.arc_controls.items() if c["name"] == query["name"]), None)
                    if arn is None:
                        return self.answer(404, {"error": f"no routing control {query['name']}"})
                    world.arc_controls[arn]["state"] = state
                return self.answer(200, {"name": world.arc_controls[arn]["name"], "arn": arn, "state": state,
                                         "cluster": world.arc_controls[arn]["cluster"]})

        def arc_endpoint(self, region, mode):
            """/arc/endpoint/REGION/refuse: the cluster endpoint in REGION refuses connections (hang: never answers)."""
            if region not in arc_endpoints:
                return self.answer(404, {"error": f"no cluster endpoint in {region}"})
            world.arc_endpoint_mode[region] = mode
            (arc_endpoints[region].stop if mode == "refuse" else arc_endpoints[region].start)()
            return self.answer(200, {"endpoint": region, "mode": mode})

        def accelerator(self, rest, query):
            """/accelerator?name=N&regions=R1,R2 makes one; /accelerator/N/dial?region=R&percent=P moves a group's
            dial; /accelerator/N/health?region=R&state=UNHEALTHY&reason=TEXT sets its endpoints' HealthState."""
            with world.lock:
                if not rest:
                    regions = [r for r in query.get("regions", "us-east-1,us-west-2").split(",") if r]
                    arn = accelerator.create(world, query["name"], regions)
                else:
                    found = accelerator.by_name(world, rest[0])
                    if found is None or rest[1] not in ("dial", "health"):
                        return self.answer(404, {"error": f"no accelerator {rest[0]} (or no /{rest[1]})"})
                    groups = [g for l in found["listeners"].values() for g in l["groups"].values()
                              if g["region"] == query.get("region")]
                    if not groups:
                        return self.answer(404, {"error": f"no endpoint group in {query.get('region')}"})
                    for group in groups:
                        if rest[1] == "dial":
                            group["dial"] = float(query.get("percent", "100"))
                        else:
                            state = query.get("state", "HEALTHY")
                            if state not in ("HEALTHY", "UNHEALTHY", "INITIAL"):
                                return self.answer(400, {"error": "state is HEALTHY, UNHEALTHY or INITIAL"})
                            for endpoint in group["endpoints"]:
                                endpoint["HealthState"] = state
                                endpoint.pop("HealthReason", None)
                                if query.get("reason"):
                                    endpoint["HealthReason"] = query["reason"]
                    found["modified"] = time.time()
                    arn = accelerator.accelerator_arn(rest[0])
                accel = world.accelerators[arn]
                return self.answer(200, {"name": accel["name"], "arn": arn, "listeners": {
                    l: {g: {"region": v["region"], "dial": v["dial"],
                            "health": [e["HealthState"] for e in v["endpoints"]]} for g, v in x["groups"].items()}
                    for l, x in accel["listeners"].items()}})

        def backup(self, bucket, action, query):
            """/backup/BUCKET/recovery-point?age=S&type=periodic|continuous, /backup/BUCKET/fail?message=TEXT,
            /backup/BUCKET/stop: AWS Backup's state of BUCKET, in the bucket's region."""
            with world.lock:
                region = world.region_of(bucket)
                if region is None:
                    return self.answer(404, {"error": f"no bucket {bucket}"})
                vault = query.get("vault", backup.DEFAULT_VAULT)
                if action == "recovery-point":
                    point = backup.add_point(world, bucket, region, float(query.get("age", 0)),
                                             query.get("type", "periodic") == "continuous", vault,
                                             query.get("status", "COMPLETED"), int(query.get("size", 0)))
                    return self.answer(200, {"recovery_point": point["arn"], "created": point["created"],
                                             "status": point["status"], "region": region})
                if action == "fail":
                    job = backup.fail_job(world, bucket, region, query.get("message", "Backup job failed"),
                                          float(query.get("age", 0)), vault)
                    return self.answer(200, {"job": job["id"], "state": job["state"], "message": job["message"]})
                return self.answer(200, {"stopped": backup.stop_continuous(world, bucket)})

        def deny(self, api, denied):
            """/deny/ListBuckets: that API answers AccessDenied in every region until /allow/ListBuckets."""
            with world.lock:
                (world.denied.add if denied else world.denied.discard)(api)
                return self.answer(200, {"denied": sorted(world.denied)})
    return Control

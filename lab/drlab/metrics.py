"""The metrics publisher: every --metrics-period seconds, the four AWS/S3 replication metrics per rule with
Metrics on, as S3 publishes them — ReplicationLatency (the oldest waiting or slowest completed object),
OperationsPendingReplication and BytesPendingReplication in the destination's region, OperationsFailedReplication
in the source's — into moto's CloudWatch, from the replicator's counters in the world; and Route 53's
AWS/Route53 HealthCheckStatus (dimension HealthCheckId, in us-east-1, as Route 53 publishes it) for every health
check in moto's Route 53: 1 healthy, 0 once the control API fails it (/health-check/ID/fail)."""
import datetime, threading, time

from moto.backends import get_backend

from .rules import destination_of, metrics_enabled, rules_of
from .world import ACCOUNT


class MetricsPublisher(threading.Thread):
    def __init__(self, world, period):
        super().__init__(daemon=True)
        self.world, self.period = world, period

    def run(self):
        while True:
            time.sleep(self.period)
            try:
                with self.world.lock:
                    self.publish()
                    publish_health_checks(self.world)
            except Exception as error:
                self.world.last_error = repr(error)

    def publish(self):
        world = self.world
        stamp = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)  # naive UTC, as moto needs
        backend = world.s3()
        directions = set()
        for bucket in backend.buckets.values():
            for rule in rules_of(bucket):
                # S3 publishes replication metrics only for rules with Metrics (or RTC, which needs them) on.
                if rule.get("Status") == "Enabled" and metrics_enabled(rule):
                    directions.add((bucket.name, destination_of(rule), rule.get("ID") or ""))
        now = time.time()
        for source, destination, rule in directions:
            dest_region, source_region = world.region_of(destination), world.region_of(source)
            dims = [{"Name": "SourceBucket", "Value": source}, {"Name": "DestinationBucket", "Value": destination},
                    {"Name": "RuleId", "Value": rule}]
            waiting = [p for (b, _, _, d), p in world.pending.items()
                       if b == source and d == destination and p["rule"] == rule and p["tracked"]]
            latencies = world.latencies.pop((source, destination, rule), [])
            oldest = max((now - p["since"] for p in waiting), default=0.0)
            latency = max(latencies + [oldest]) if (latencies or waiting) else 0.0
            if dest_region:
                world.cloudwatch(dest_region).put_metric_data("AWS/S3", [
                    {"MetricName": "ReplicationLatency", "Dimensions": dims, "Timestamp": stamp, "Value": latency},
                    {"MetricName": "OperationsPendingReplication", "Dimensions": dims, "Timestamp": stamp,
                     "Value": float(len(waiting))},
                    {"MetricName": "BytesPendingReplication", "Dimensions": dims, "Timestamp": stamp,
                     "Value": float(sum(p["size"] for p in waiting))},
                ])
            if source_region:
                world.cloudwatch(source_region).put_metric_data("AWS/S3", [
                    {"MetricName": "OperationsFailedReplication", "Dimensions": dims, "Timestamp": stamp,
                     "Value": float(world.failures.pop((source, destination, rule), 0))},
                ])


def publish_health_checks(world, only=None):
    """One HealthCheckStatus datapoint now per health check (or only the one named), in us-east-1."""
    stamp = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    checks = get_backend("route53")[ACCOUNT]["aws"].health_checks
    data = [{"MetricName": "HealthCheckStatus", "Dimensions": [{"Name": "HealthCheckId", "Value": ident}],
             "Timestamp": stamp, "Value": 0.0 if ident in world.health_failed else 1.0}
            for ident in checks if only in (None, ident)]
    if data:
        world.cloudwatch("us-east-1").put_metric_data("AWS/Route53", data)
    return len(data)

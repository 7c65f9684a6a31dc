"""The replicator: S3 replication enacted from the buckets' own replication configurations. Each tick it finds new
versions matching enabled rules (PENDING, one entry per destination), replicates delete markers as S3 does, and
delivers what has waited long enough (--delay, plus size over --bandwidth), unless a direction fault holds it:
the copy keeps the source's version ID and is REPLICA, the source COMPLETED when every destination is done, or
FAILED with a reason. It sends S3's replication events and counts latencies and failures for the metrics
publisher. `seed_old_versions` puts many old, already replicated versions straight into moto's store."""
import datetime, threading, time, uuid

from moto.s3.models import FakeDeleteMarker, FakeKey

from .events import notify_replication, replication_event_data
from .rules import destination_of, is_v1, matching_rules, rtc_enabled, rtc_minutes, rules_of
from .wire import aws_time
from .world import ACCOUNT


def settle(world, ident):
    """A source version's x-amz-replication-status over its destinations: FAILED when any failed, world.pending until
    every one is done, then COMPLETED (S3's rule for several destinations)."""
    states = world.destinations.get(ident, {}).values()
    world.status[ident] = "FAILED" if "FAILED" in states else "PENDING" if "PENDING" in states else "COMPLETED"


class Replicator(threading.Thread):
    def __init__(self, world, delay, bandwidth, tick):
        super().__init__(daemon=True)
        self.world, self.delay, self.bandwidth, self.tick = world, delay, bandwidth, tick

    def run(self):
        while True:
            try:
                with self.world.lock:
                    self.scan()
                    self.deliver()
            except Exception as error:  # a lab keeps running; the error is visible in /status
                self.world.last_error = repr(error)
            time.sleep(self.tick)

    def scan(self):
        world, backend = self.world, self.world.s3()
        for bucket in list(backend.buckets.values()):
            if not rules_of(bucket):
                continue
            for name, versions in list(bucket.keys.iterlists()):
                for key in versions:
                    ident = (bucket.name, name, str(key.version_id))
                    if ident in world.status or ident in world.replicas or ident in world.markers:
                        continue
                    rules = matching_rules(bucket, name)
                    if not rules:
                        continue
                    if isinstance(key, FakeDeleteMarker):
                        world.markers.add(ident)
                        for rule in rules:
                            self.replicate_marker(backend, rule, name)
                        continue
                    if not isinstance(key, FakeKey):
                        continue
                    world.status[ident] = "PENDING"
                    world.destinations[ident] = {destination_of(rule): "PENDING" for rule in rules}
                    value = key.value
                    for rule in rules:
                        world.pending[ident + (destination_of(rule),)] = {
                            "since": time.time(), "rule": rule.get("ID") or "", "size": key.size, "value": value,
                            "rtc": rtc_enabled(rule), "threshold": rtc_minutes(rule), "missed": False, "tracked": True}

    def replicate_marker(self, backend, rule, name):
        """A delete marker replicates when the rule's DeleteMarkerReplication is Enabled, or the rule is V1 (no
        Filter: S3 replicates the delete markers of V1 rules), as in S3."""
        if not is_v1(rule) and (rule.get("DeleteMarkerReplication") or {}).get("Status") != "Enabled":
            return
        destination = destination_of(rule)
        target = backend.buckets.get(destination)
        if target is None or target.versioning_status != "Enabled":
            return
        _, meta = backend.delete_object(destination, name)
        marker = (destination, name, str(meta.get("version-id")))
        self.world.markers.add(marker)
        for key in target.keys.getlist(name, []):
            if isinstance(key, FakeDeleteMarker):
                self.world.markers.add((destination, name, str(key.version_id)))

    def deliver(self):
        world, backend = self.world, self.world.s3()
        now = time.time()
        for entry, item in list(world.pending.items()):
            source, name, version, destination = entry
            ident = (source, name, version)
            if item["rtc"] and item["tracked"] and not item["missed"] and now - item["since"] > world.rtc_threshold:
                item["missed"] = True
                notify_replication(world, "OperationMissedThreshold", source, name, version, item["size"],
                                   replication_event_data(item, destination, threshold=item["threshold"]))
            fault = world.direction.get((source, destination), {"mode": "ok"})
            if fault["mode"] == "pause":
                continue
            if world.region_mode.get(world.region_of(source)) == "refuse" \
                    or world.region_mode.get(world.region_of(destination)) == "refuse":
                continue
            wait = fault.get("delay", self.delay) if fault["mode"] == "slow" else self.delay
            if self.bandwidth > 0:
                wait += item["size"] / (self.bandwidth * 1024 * 1024)
            if now - item["since"] < wait:
                continue
            counter = (source, destination, item["rule"])
            target = backend.buckets.get(destination)
            reason = None
            if fault["mode"] == "fail":
                reason = fault.get("reason") or "DstKmsKeyNotFound"
            elif target is None:
                reason = "DstBucketNotFound"
            elif target.versioning_status != "Enabled":
                reason = "DstBucketUnversioned"
            del world.pending[entry]
            if reason:
                world.destinations[ident][destination] = "FAILED"
                settle(world, ident)
                world.reason[entry] = reason
                world.failures[counter] = world.failures.get(counter, 0) + 1
                notify_replication(world, "OperationFailedReplication", source, name, version, item["size"],
                                   replication_event_data(item, destination, failureReason=reason))
                continue
            copy = backend.put_object(destination, name, item["value"], disable_notification=True)
            keep_version(copy, version)
            replica = (destination, name, str(copy.version_id))
            world.replicas.add(replica)
            world.status[replica] = "REPLICA"
            world.destinations[ident][destination] = "COMPLETED"
            settle(world, ident)
            if item["tracked"]:
                world.latencies.setdefault(counter, []).append(now - item["since"])
            if item["missed"]:
                notify_replication(world, "OperationReplicatedAfterThreshold", source, name, version, item["size"],
                                   replication_event_data(item, destination, threshold=item["threshold"],
                                                          replicationTime=aws_time(now)))


def keep_version(copy, version):
    """A replica keeps its source's version ID, as S3 replication does (moto would give it a new one)."""
    if version and version != "null":
        copy._version_id = version


def seed_old_versions(world, bucket_name, count, prefix="old/", per_key=1, age=7 * 86400, size=16, copies=True):
    """Puts `count` old versions straight into moto's store (no HTTP): keys PREFIX000001, ... with `per_key`
    versions each, last modified `age` seconds ago and earlier (one second apart, oldest first), already
    replicated: COMPLETED for every destination of the rules matching them, and with `copies` their REPLICA copies
    in those destinations (a second later). Returns what was made."""
    backend = world.s3()
    bucket = backend.buckets[bucket_name]
    base = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None) - datetime.timedelta(seconds=age + count)
    body = b"o" * size
    keys = max(1, -(-count // per_key))
    made, copied, step = 0, 0, 0
    def new_key(bucket, name, moment):
        key = FakeKey(name=name, value=body, account_id=ACCOUNT, region_name=bucket.region_name,
                      is_versioned=True, version_id=uuid.uuid4().hex, bucket_name=bucket.name)
        key.last_modified = moment
        bucket.keys.setlist(name, bucket.keys.getlist(name, []) + [key])
        return key
    for index in range(keys):
        name = f"{prefix}{index + 1:06d}"
        rules = matching_rules(bucket, name)
        for _ in range(min(per_key, count - made)):
            moment = base + datetime.timedelta(seconds=step)
            step += 1
            key = new_key(bucket, name, moment)
            ident = (bucket.name, name, str(key.version_id))
            made += 1
            if not rules:
                continue
            world.destinations[ident] = {}
            for rule in rules:
                destination = destination_of(rule)
                world.destinations[ident][destination] = "COMPLETED"
                target = backend.buckets.get(destination)
                if copies and target is not None:
                    copy = new_key(target, name, moment + datetime.timedelta(seconds=1))
                    keep_version(copy, str(key.version_id))
                    replica = (destination, name, str(copy.version_id))
                    world.replicas.add(replica)
                    world.status[replica] = "REPLICA"
                    copied += 1
            world.status[ident] = "COMPLETED"
    return {"bucket": bucket_name, "versions": made, "keys": keys, "first": f"{prefix}{1:06d}",
            "last": f"{prefix}{keys:06d}", "copies": copied}


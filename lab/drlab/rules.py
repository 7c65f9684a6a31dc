"""Reading S3 replication configurations as moto stores them (the PutBucketReplication body, parsed): a bucket's
rules, a rule's prefix, destination, schema (V1 or V2) and RTC settings, and which rules apply to a new key."""


def as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def rules_of(bucket):
    config = getattr(bucket, "replication", None) or {}
    return [r for r in as_list(config.get("Rule")) if isinstance(r, dict)]


def prefix_of(rule):
    filt = rule.get("Filter") or {}
    if not isinstance(filt, dict):
        return ""
    prefix = filt.get("Prefix")
    if prefix is None and isinstance(filt.get("And"), dict):
        prefix = filt["And"].get("Prefix")
    if prefix is None:
        prefix = rule.get("Prefix")
    return prefix or ""


def is_v1(rule):
    """Whether a rule is of the first replication configuration schema (V1): no Filter element."""
    return "Filter" not in rule


def destination_of(rule):
    arn = ((rule.get("Destination") or {}).get("Bucket")) or ""
    return arn.split(":::")[-1]


def matching_rules(bucket, key):
    """The rules S3 applies to a new version: every enabled rule whose filter matches, one per destination bucket;
    between rules with the same destination the highest Priority wins."""
    chosen = {}
    for rule in rules_of(bucket):
        if rule.get("Status") != "Enabled" or not key.startswith(prefix_of(rule)):
            continue
        destination = destination_of(rule)
        if destination not in chosen or int(rule.get("Priority") or 0) > int(chosen[destination].get("Priority") or 0):
            chosen[destination] = rule
    return list(chosen.values())


def rtc_enabled(rule):
    return (((rule.get("Destination") or {}).get("ReplicationTime") or {}).get("Status")) == "Enabled"


def rtc_minutes(rule):
    destination = rule.get("Destination") or {}
    threshold = ((destination.get("Metrics") or {}).get("EventThreshold") or {}).get("Minutes") \
        or ((destination.get("ReplicationTime") or {}).get("Time") or {}).get("Minutes") or 15
    return str(threshold)


def metrics_enabled(rule):
    """Whether S3 publishes replication metrics for a rule: Metrics (or RTC, which needs them) on."""
    return ((rule.get("Destination") or {}).get("Metrics") or {}).get("Status") == "Enabled"

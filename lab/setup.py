#!/usr/bin/env python3
"""Creates replicating bucket pairs in a running lab: lab{i}-use1 (us-east-1) <-> lab{i}-usw2 (us-west-2),
versioning on, one rule each way with metrics and RTC (delete markers and replica modifications synced).

With --fanout, also one source with two destinations, as S3 allows: fan-use1 (us-east-1) -> fan-usw2 and
fan-arch-usw2 (both us-west-2), one rule per destination (to-usw2, to-arch-usw2), each with metrics and RTC;
printed as `fan-use1 -> fan-usw2 fan-arch-usw2`.

With --events, each region gets an SQS queue, drtop-events, and every bucket sends s3:ObjectCreated:* and
s3:Replication:* to its region's queue; the queue URLs are printed as `events <region> <url>`.

With --routing, each pair gets what routes its traffic, printed for drtop's [pair.routing]: a Multi-Region Access
Point labI over both buckets (`mrap labI ARN`), in a Route 53 zone lab.example.com. (`zone ID`) PRIMARY/SECONDARY
failover records labI.lab.example.com. (CNAME, TTL 60) each with an HTTPS health check (`health-check labI REGION
ID`), ARC routing controls labI-use1 On and labI-usw2 Off in the lab's cluster (`arc-cluster ARN`, `arc-control labI
REGION ARN`), and a Global Accelerator labI with an endpoint group per region (`accelerator labI ARN`); the last two
through the lab's control API (--control), as AWS has no lab to create them in.

usage: setup.py [--east http://127.0.0.1:5001] [--west http://127.0.0.1:5002] [--control http://127.0.0.1:5009]
                [--pairs 3] [--one-way] [--events] [--fanout] [--routing]
"""
import argparse, json, urllib.request
import boto3
from botocore.config import Config

# Setting up is not under test: retry as the SDK's standard mode does (a region port that is still coming up, a
# lab busy on a loaded machine), so a test fails for what it tests, not for its set-up.
CONFIG = Config(retries={"total_max_attempts": 5, "mode": "standard"}, disable_request_compression=True)
ROLE = "arn:aws:iam::123456789012:role/replication"

def client(endpoint, region, service="s3"):
    return boto3.client(service, region_name=region, endpoint_url=endpoint, aws_access_key_id="testing",
                        aws_secret_access_key="testing", config=CONFIG)

def rule(rule_id, destination, priority=1):
    return {"ID": rule_id, "Priority": priority, "Status": "Enabled", "Filter": {"Prefix": ""},
            "DeleteMarkerReplication": {"Status": "Enabled"},
            "SourceSelectionCriteria": {"ReplicaModifications": {"Status": "Enabled"}},
            "Destination": {"Bucket": f"arn:aws:s3:::{destination}", "StorageClass": "STANDARD",
                            "ReplicationTime": {"Status": "Enabled", "Time": {"Minutes": 15}},
                            "Metrics": {"Status": "Enabled", "EventThreshold": {"Minutes": 15}}}}

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--east", default="http://127.0.0.1:5001")
    parser.add_argument("--west", default="http://127.0.0.1:5002")
    parser.add_argument("--control", default="http://127.0.0.1:5009", help="the lab's control API (for --routing)")
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--one-way", action="store_true", help="no rule from us-west-2 back to us-east-1")
    parser.add_argument("--events", action="store_true", help="S3 event notifications to an SQS queue per region")
    parser.add_argument("--fanout", action="store_true", help="fan-use1 -> fan-usw2 and fan-arch-usw2")
    parser.add_argument("--routing", action="store_true",
                        help="per pair an MRAP, Route 53 failover records with health checks, ARC controls, an accelerator")
    args = parser.parse_args()
    east, west = client(args.east, "us-east-1"), client(args.west, "us-west-2")
    queues = {}
    if args.events:
        for region, endpoint in (("us-east-1", args.east), ("us-west-2", args.west)):
            sqs = client(endpoint, region, "sqs")
            url = sqs.create_queue(QueueName="drtop-events")["QueueUrl"]
            arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
            queues[region] = arn
            print(f"events {region} {url}")

    def notify(s3, bucket, region):
        if region in queues:
            s3.put_bucket_notification_configuration(Bucket=bucket, NotificationConfiguration={"QueueConfigurations": [
                {"QueueArn": queues[region], "Events": ["s3:ObjectCreated:*", "s3:Replication:*"]}]})
    for i in range(args.pairs):
        a, b = f"lab{i}-use1", f"lab{i}-usw2"
        east.create_bucket(Bucket=a)
        west.create_bucket(Bucket=b, CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
        east.put_bucket_versioning(Bucket=a, VersioningConfiguration={"Status": "Enabled"})
        west.put_bucket_versioning(Bucket=b, VersioningConfiguration={"Status": "Enabled"})
        east.put_bucket_replication(Bucket=a, ReplicationConfiguration={"Role": ROLE, "Rules": [rule("to-usw2", b)]})
        if not args.one_way:
            west.put_bucket_replication(Bucket=b, ReplicationConfiguration={"Role": ROLE, "Rules": [rule("to-use1", a)]})
        notify(east, a, "us-east-1")
        notify(west, b, "us-west-2")
        print(f"{a} <-> {b}")

    if args.fanout:
        source, destinations = "fan-use1", ["fan-usw2", "fan-arch-usw2"]
        east.create_bucket(Bucket=source)
        east.put_bucket_versioning(Bucket=source, VersioningConfiguration={"Status": "Enabled"})
        for name in destinations:
            west.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
            west.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
            notify(west, name, "us-west-2")
        east.put_bucket_replication(Bucket=source, ReplicationConfiguration={"Role": ROLE, "Rules": [
            rule("to-usw2", "fan-usw2", 1), rule("to-arch-usw2", "fan-arch-usw2", 2)]})
        notify(east, source, "us-east-1")
        print(f"{source} -> {' '.join(destinations)}")

    if args.routing:
        routing(args)


def control(args, path):
    request = urllib.request.Request(args.control + path, method="POST", data=b"")
    return json.load(urllib.request.urlopen(request, timeout=10))


def routing(args):
    account = "123456789012"
    s3control = client(args.west, "us-west-2", "s3control")
    # with an endpoint override, no account-id host prefix (botocore's rules add one): as drtop addresses it
    s3control.meta.events.register("before-sign", lambda request, **_: setattr(
        request, "url", request.url.replace(f"//{account}.", "//", 1)))
    route53 = client(args.east, "us-east-1", "route53")
    zone = route53.create_hosted_zone(Name="lab.example.com.", CallerReference="drtop-lab-zone")["HostedZone"]["Id"]
    zone = zone.split("/")[-1]
    print(f"zone {zone}")
    cluster = None
    for i in range(args.pairs):
        name, buckets = f"lab{i}", {"us-east-1": f"lab{i}-use1", "us-west-2": f"lab{i}-usw2"}
        s3control.create_multi_region_access_point(AccountId=account, ClientToken=name, Details={
            "Name": name, "Regions": [{"Bucket": b} for b in buckets.values()]})
        alias = s3control.get_multi_region_access_point(AccountId=account, Name=name)["AccessPoint"]["Alias"]
        print(f"mrap {name} arn:aws:s3::{account}:accesspoint/{alias}")
        changes = []
        for (region, bucket), role in zip(buckets.items(), ("PRIMARY", "SECONDARY")):
            target = f"{bucket}.{region}.lab.example.com"
            check = route53.create_health_check(CallerReference=f"{name}-{region}", HealthCheckConfig={
                "Type": "HTTPS", "FullyQualifiedDomainName": target, "Port": 443, "ResourcePath": "/health",
                "RequestInterval": 30, "FailureThreshold": 3})["HealthCheck"]["Id"]
            print(f"health-check {name} {region} {check}")
            changes.append({"Action": "CREATE", "ResourceRecordSet": {
                "Name": f"{name}.lab.example.com.", "Type": "CNAME", "SetIdentifier": region, "Failover": role,
                "TTL": 60, "HealthCheckId": check, "ResourceRecords": [{"Value": target}]}})
        route53.change_resource_record_sets(HostedZoneId=zone, ChangeBatch={"Changes": changes})
        for (region, bucket), state in zip(buckets.items(), ("On", "Off")):
            made = control(args, f"/arc/control?name={bucket}&state={state}")
            if cluster is None:
                cluster = made["cluster"]
                print(f"arc-cluster {cluster}")
            print(f"arc-control {name} {region} {made['arn']}")
        print(f"accelerator {name} {control(args, f'/accelerator?name={name}&regions=us-east-1,us-west-2')['arn']}")

if __name__ == "__main__":
    main()

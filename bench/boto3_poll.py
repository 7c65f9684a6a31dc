#!/usr/bin/env python3
"""The script an SRE would write instead of drtop: one full poll of the configured pairs with boto3 —
GetBucketLocation, GetBucketVersioning and GetBucketReplication of every bucket, then the four AWS/S3 replication
metrics of every rule, batched into as few GetMetricData calls per region as allowed (500 queries each).
Buckets are PREFIXi-use1 in the east region and PREFIXi-usw2 in the west one (PREFIX: --prefix, default "lab").

It has no configuration cache: every tick redoes everything. Prints one JSON line per tick with its wall and
CPU seconds (in-process, after start-up), what it read (how many buckets answered each versioning status, and
each replication answer: "rules", "empty" for a configuration without rules, or the error code) and the
datapoints. Usage:
  boto3_poll.py --east URL --west URL --pairs N [--ticks T]
      [--no-metrics]                       only the S3 configuration reads: no CloudWatch client, no GetMetricData
      [--east-region R] [--west-region R]  the regions signed for (default us-east-1, us-west-2; one name for both
                                           when both URLs are one store's endpoint)
      [--prefix P]                         bucket names' prefix (default lab)
      [--access-key K --secret-key S]      (default testing / testing, the lab's)
"""
import argparse, collections, datetime, json, time

import boto3
from botocore.config import Config

CONFIG = Config(retries={"total_max_attempts": 1}, user_agent_extra="baseline-script")
METRICS = [("ReplicationLatency", "Maximum", "destination"), ("BytesPendingReplication", "Maximum", "destination"),
           ("OperationsPendingReplication", "Maximum", "destination"), ("OperationsFailedReplication", "Sum", "source")]

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--east", required=True)
    parser.add_argument("--west", required=True)
    parser.add_argument("--pairs", type=int, required=True)
    parser.add_argument("--ticks", type=int, default=1)
    parser.add_argument("--no-metrics", action="store_true")
    parser.add_argument("--east-region", default="us-east-1")
    parser.add_argument("--west-region", default="us-west-2")
    parser.add_argument("--prefix", default="lab")
    parser.add_argument("--access-key", default="testing")
    parser.add_argument("--secret-key", default="testing")
    args = parser.parse_args()
    if args.east_region == args.west_region and args.east != args.west:
        parser.error("one region name for two endpoints")
    endpoints = {args.east_region: args.east, args.west_region: args.west}
    session = boto3.session.Session(aws_access_key_id=args.access_key, aws_secret_access_key=args.secret_key)
    s3 = {r: session.client("s3", region_name=r, endpoint_url=e, config=CONFIG) for r, e in endpoints.items()}
    cw = {} if args.no_metrics else {
        r: session.client("cloudwatch", region_name=r, endpoint_url=e, config=CONFIG) for r, e in endpoints.items()}
    buckets = []
    for i in range(args.pairs):
        buckets += [(f"{args.prefix}{i}-use1", args.east_region), (f"{args.prefix}{i}-usw2", args.west_region)]
    for tick in range(args.ticks):
        wall, cpu = time.perf_counter(), time.process_time()
        rules = []
        versioning, replication = collections.Counter(), collections.Counter()
        for name, region in buckets:
            client = s3[region]
            location = client.get_bucket_location(Bucket=name).get("LocationConstraint") or "us-east-1"
            versioning[client.get_bucket_versioning(Bucket=name).get("Status", "Unversioned")] += 1
            try:
                config = client.get_bucket_replication(Bucket=name)["ReplicationConfiguration"]
            except client.exceptions.ClientError as error:
                config = {"Rules": []}
                replication[error.response.get("Error", {}).get("Code", "error")] += 1
            else:  # radosgw answers a bucket without rules with a configuration holding none
                replication["rules" if config.get("Rules") else "empty"] += 1
            for rule in config.get("Rules", []):
                if rule.get("Status") == "Enabled":
                    destination = rule["Destination"]["Bucket"].split(":::")[-1]
                    rules.append((name, location, destination, rule["ID"]))
        region_of = dict(buckets)
        queries = {r: [] for r in cw}
        for source, source_region, destination, rule_id in ([] if args.no_metrics else rules):
            dims = [{"Name": "SourceBucket", "Value": source}, {"Name": "DestinationBucket", "Value": destination},
                    {"Name": "RuleId", "Value": rule_id}]
            for metric, stat, where in METRICS:
                region = region_of[destination] if where == "destination" else source_region
                queries[region].append({"Id": f"m{len(queries[region])}", "ReturnData": True, "MetricStat": {
                    "Metric": {"Namespace": "AWS/S3", "MetricName": metric, "Dimensions": dims},
                    "Period": 60, "Stat": stat}})
        now = datetime.datetime.now(datetime.timezone.utc)
        datapoints = 0
        for region, items in queries.items():
            for start in range(0, len(items), 500):
                answer = cw[region].get_metric_data(MetricDataQueries=items[start:start + 500],
                                                    StartTime=now - datetime.timedelta(minutes=15), EndTime=now)
                datapoints += sum(len(r["Values"]) for r in answer["MetricDataResults"])
        print(json.dumps({"tick": tick, "wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu,
                          "rules": len(rules), "datapoints": datapoints, "buckets": len(buckets),
                          "versioning": versioning, "replication": replication}), flush=True)

if __name__ == "__main__":
    main()

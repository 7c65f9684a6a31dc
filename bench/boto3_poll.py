#!/usr/bin/env python3
"""The script an SRE would write instead of drtop: one full poll of the configured pairs with boto3 —
GetBucketLocation, GetBucketVersioning and GetBucketReplication of every bucket, then the four AWS/S3 replication
metrics of every rule, batched into as few GetMetricData calls per region as allowed (500 queries each).

It has no configuration cache: every tick redoes everything. Prints one JSON line per tick with its wall and
CPU seconds (in-process, after start-up), then the totals. Usage:
  boto3_poll.py --east URL --west URL --pairs N [--ticks T]
"""
import argparse, datetime, json, time

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
    args = parser.parse_args()
    endpoints = {"us-east-1": args.east, "us-west-2": args.west}
    session = boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing")
    s3 = {r: session.client("s3", region_name=r, endpoint_url=e, config=CONFIG) for r, e in endpoints.items()}
    cw = {r: session.client("cloudwatch", region_name=r, endpoint_url=e, config=CONFIG) for r, e in endpoints.items()}
    buckets = []
    for i in range(args.pairs):
        buckets += [(f"lab{i}-use1", "us-east-1"), (f"lab{i}-usw2", "us-west-2")]
    for tick in range(args.ticks):
        wall, cpu = time.perf_counter(), time.process_time()
        rules = []
        for name, region in buckets:
            client = s3[region]
            location = client.get_bucket_location(Bucket=name).get("LocationConstraint") or "us-east-1"
            client.get_bucket_versioning(Bucket=name)
            try:
                config = client.get_bucket_replication(Bucket=name)["ReplicationConfiguration"]
            except client.exceptions.ClientError:
                config = {"Rules": []}
            for rule in config["Rules"]:
                if rule.get("Status") == "Enabled":
                    destination = rule["Destination"]["Bucket"].split(":::")[-1]
                    rules.append((name, location, destination, rule["ID"]))
        region_of = dict(buckets)
        queries = {r: [] for r in endpoints}
        for source, source_region, destination, rule_id in rules:
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
                          "rules": len(rules), "datapoints": datapoints}), flush=True)

if __name__ == "__main__":
    main()

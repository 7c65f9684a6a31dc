#!/usr/bin/env python3
"""Writes objects to one bucket of the lab at a steady rate.

usage: workload.py --endpoint http://127.0.0.1:5001 --region us-east-1 --bucket lab0-use1
                   [--rate 5] [--size 4096] [--seconds 30 | --count N] [--prefix work/]
"""
import argparse, os, time
import boto3
from botocore.config import Config

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--region", required=True)
    parser.add_argument("--bucket", required=True)
    parser.add_argument("--rate", type=float, default=5.0, help="objects per second")
    parser.add_argument("--size", type=int, default=4096, help="bytes per object")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--count", type=int, default=0, help="write exactly this many objects (ignores --seconds)")
    parser.add_argument("--prefix", default="work/")
    args = parser.parse_args()
    s3 = boto3.client("s3", region_name=args.region, endpoint_url=args.endpoint, aws_access_key_id="testing",
                      aws_secret_access_key="testing",
                      config=Config(retries={"total_max_attempts": 1}, disable_request_compression=True))
    body = os.urandom(args.size)
    # The bucket is in the key: two workloads started in the same millisecond on the two sides of a pair would
    # otherwise write the same key, and the pair would hold one key fewer than the objects written.
    start, written = time.time(), 0
    while (written < args.count) if args.count else (time.time() - start < args.seconds):
        s3.put_object(Bucket=args.bucket, Key=f"{args.prefix}{int(time.time() * 1000)}-{written}-{args.bucket}.bin", Body=body)
        written += 1
        time.sleep(max(0.0, start + written / args.rate - time.time()))
    print(f"wrote {written} objects to {args.bucket}")

if __name__ == "__main__":
    main()

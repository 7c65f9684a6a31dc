#!/usr/bin/env python3
"""Makes boto3 calls, in order, against one endpoint and prints each answer as a JSON line: how the tests set up
the buckets and objects drtop then reads (boto3 writes them as any client would).

usage: boto3_calls.py ENDPOINT REGION SERVICE OPERATION JSON-PARAMETERS [OPERATION JSON-PARAMETERS ...]
e.g. boto3_calls.py http://127.0.0.1:5001 us-east-1 s3 create_bucket '{"Bucket": "b"}' put_object '{"Bucket": "b", "Key": "k"}'
A parameter "Body" is sent as UTF-8 bytes. A call that fails prints {"Error": {"Code": ..., "Message": ...}}.
"""
import json, sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

endpoint, region, service = sys.argv[1:4]
client = boto3.client(service, region_name=region, endpoint_url=endpoint, aws_access_key_id="testing",
                      aws_secret_access_key="testing", config=Config(retries={"total_max_attempts": 1}))
calls = sys.argv[4:]
for operation, text in zip(calls[0::2], calls[1::2]):
    parameters = json.loads(text)
    if isinstance(parameters.get("Body"), str):
        parameters["Body"] = parameters["Body"].encode()
    try:
        answer = getattr(client, operation)(**parameters)
        answer.pop("ResponseMetadata", None)
    except ClientError as error:
        answer = {"Error": error.response.get("Error", {})}
    print(json.dumps(answer, default=str), flush=True)

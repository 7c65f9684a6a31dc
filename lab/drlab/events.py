"""S3's replication event notifications (s3:Replication:*), sent to the source bucket's SQS queues as S3 sends them.
(s3:ObjectCreated:* is moto's own, with the version ID and time motopatches adds.)"""
from urllib.parse import quote_plus

from moto.s3 import notifications

from .wire import aws_time, request_id
from .world import ACCOUNT


def notify_replication(world, event, source, name, version, size, data):
    """Sends s3:Replication:EVENT, as S3 does (event version 2.2, replicationEventData), to the source bucket's
    queues whose configuration matches it."""
    bucket = world.s3().buckets.get(source)
    config = bucket.notification_configuration if bucket is not None else None
    if config is None:
        return
    for target in config.queue:
        if not target.matches(f"s3:Replication:{event}", name):
            continue
        record = {"eventVersion": "2.2", "eventSource": "aws:s3", "awsRegion": bucket.region_name,
                  "eventTime": aws_time(), "eventName": f"Replication:{event}",
                  "userIdentity": {"principalId": "s3.amazonaws.com"},
                  "requestParameters": {"sourceIPAddress": "s3.amazonaws.com"},
                  "responseElements": {"x-amz-request-id": request_id().replace("-", "")[:16].upper(),
                                       "x-amz-id-2": "lab"},
                  "s3": {"s3SchemaVersion": "1.0", "configurationId": target.id,
                         "bucket": {"name": source, "ownerIdentity": {"principalId": ACCOUNT},
                                    "arn": f"arn:aws:s3:::{source}"},
                         "object": {"key": quote_plus(name), "size": size, "versionId": version}},
                  "replicationEventData": data}
        arn = target.arn.split(":")
        notifications._send_sqs_message(ACCOUNT, {"Records": [record]}, arn[-1], arn[3])


def replication_event_data(item, destination, **extra):
    """replicationEventData of S3's replication events: the rule, the destination bucket's ARN, the operation and
    the time of the request that wrote the object, and per event failureReason or threshold and replicationTime."""
    return {"replicationRuleId": item["rule"], "destinationBucket": f"arn:aws:s3:::{destination}",
            "s3Operation": "OBJECT_PUT", "requestTime": aws_time(item["since"]), **extra}

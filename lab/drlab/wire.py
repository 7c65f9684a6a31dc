"""Small pieces of AWS's wire format the lab's own answers share: times as S3 writes them, request IDs, an error
answer with its headers, and JSON answers (JSON 1.0/1.1 protocols, REST JSON)."""
import datetime, json, time, uuid


def aws_time(when=None):
    """A UTC time with milliseconds and a Z, as S3's event records carry it."""
    moment = datetime.datetime.fromtimestamp(when or time.time(), datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def request_id():
    return str(uuid.uuid4())


def error_answer(start_response, status, body, content_type, extra=()):
    """A WSGI error answer: status, body, Content-Type, Content-Length, x-amz-request-id and `extra` headers."""
    start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(body))),
                            ("x-amz-request-id", request_id().replace("-", "")[:16].upper()), *extra])
    return [body]


JSON_10, REST_JSON = "application/x-amz-json-1.0", "application/json"


def json_answer(start_response, status, payload, content_type=JSON_10, extra=()):
    """A JSON answer (JSON 1.0 unless told: JSON 1.1 for Global Accelerator, application/json for REST JSON)."""
    body = json.dumps(payload).encode()
    start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(body))),
                            ("x-amzn-RequestId", request_id()), *extra])
    return [body]

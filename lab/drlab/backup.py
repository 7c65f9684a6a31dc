"""AWS Backup's read API for a bucket, which moto 5.2.1's backup lacks (it keeps vaults and plans, no recovery
points or jobs): ListRecoveryPointsByResource (GET /resources/{resourceArn}/recovery-points/), ListBackupJobs
(GET /backup-jobs/ with resourceArn, state, backupVaultName, createdAfter/Before, completeAfter/Before) and
DescribeProtectedResource (GET /resources/{resourceArn}), REST JSON as botocore's backup 2018-11-15 model has
them, at the bucket's region endpoint (AWS Backup is regional: another region's endpoint knows nothing of it).

The control API puts the state in: `/backup/BUCKET/recovery-point?age=S&type=periodic|continuous` (a periodic point
comes with its COMPLETED job; a continuous point's CreationDate is when protection started, and while it is not
STOPPED, DescribeProtectedResource's LastBackupTime is now), `/backup/BUCKET/fail?message=TEXT` (a newer job,
FAILED with that StatusMessage, no recovery point) and `/backup/BUCKET/stop` (continuous protection STOPPED: its
LastBackupTime stays at the stop). The vault named is made in moto's backup store too (ListBackupVaults shows it)."""
import datetime, re, time, uuid
from urllib.parse import parse_qs, unquote

from moto.backends import get_backend

from .wire import REST_JSON, json_answer
from .world import ACCOUNT

DEFAULT_VAULT = "Default"


def operation(method, path):
    if method != "GET":
        return None
    if re.match(r"^/resources/.+/recovery-points/?$", path):
        return "ListRecoveryPointsByResource"
    if re.match(r"^/backup-jobs/?$", path):
        return "ListBackupJobs"
    if re.match(r"^/resources/.+", path):
        return "DescribeProtectedResource"
    return None


OPERATIONS = ("ListRecoveryPointsByResource", "ListBackupJobs", "DescribeProtectedResource")


def bucket_arn(bucket):
    return f"arn:aws:s3:::{bucket}"


def vault_arn(region, vault):
    return f"arn:aws:backup:{region}:{ACCOUNT}:backup-vault:{vault}"


def ensure_vault(region, vault):
    backend = get_backend("backup")[ACCOUNT][region]
    if vault not in backend.vaults:
        backend.create_backup_vault(vault, {}, None, str(uuid.uuid4()))


def add_point(world, bucket, region, age, continuous=False, vault=DEFAULT_VAULT, status="COMPLETED", size=0):
    """A recovery point of BUCKET created `age` seconds ago; a periodic one with the COMPLETED job that made it."""
    ensure_vault(region, vault)
    created = time.time() - age
    stamp = time.strftime("%Y%m%d%H%M%S", time.gmtime(created))
    suffix = uuid.uuid4().hex[:8]
    arn = (f"arn:aws:backup:{region}:{ACCOUNT}:recovery-point:continuous:{bucket}-{suffix}" if continuous
           else f"arn:aws:backup:{region}:{ACCOUNT}:recovery-point:{bucket}-{stamp}-{suffix}")
    point = {"arn": arn, "resource": bucket_arn(bucket), "bucket": bucket, "region": region, "vault": vault,
             "created": created, "status": status, "continuous": continuous, "stopped_at": None, "size": size}
    world.backup_points.append(point)
    state = {"COMPLETED": "COMPLETED", "PARTIAL": "PARTIAL"}.get(status, "RUNNING" if status == "CREATING" else "COMPLETED")
    world.backup_jobs.append({"id": str(uuid.uuid4()).upper(), "resource": point["resource"], "bucket": bucket,
                              "region": region, "vault": vault, "created": created,
                              "completed": None if state == "RUNNING" else created + min(60.0, age),
                              "state": state, "message": None, "point": arn, "size": size, "continuous": continuous})
    return point


def fail_job(world, bucket, region, message, age=0.0, vault=DEFAULT_VAULT):
    """A backup job of BUCKET, newer than the others, FAILED with StatusMessage `message` (no recovery point)."""
    ensure_vault(region, vault)
    created = time.time() - age
    job = {"id": str(uuid.uuid4()).upper(), "resource": bucket_arn(bucket), "bucket": bucket, "region": region,
           "vault": vault, "created": created, "completed": created, "state": "FAILED", "message": message,
           "point": None, "size": 0, "continuous": False}
    world.backup_jobs.append(job)
    return job


def stop_continuous(world, bucket):
    """Continuous protection of BUCKET stopped now: its continuous points STOPPED."""
    stopped = []
    for point in world.backup_points:
        if point["bucket"] == bucket and point["continuous"] and point["stopped_at"] is None:
            point["status"], point["stopped_at"] = "STOPPED", time.time()
            stopped.append(point["arn"])
    return stopped


def last_backup(point, now):
    """When the point last backed the resource up: a periodic point's creation; a continuous point's now while
    it runs, its stop once STOPPED."""
    if not point["continuous"]:
        return point["created"]
    return point["stopped_at"] if point["stopped_at"] is not None else now


def point_of(point):
    """RecoveryPointByResource: RecoveryPointArn, CreationDate, Status, EncryptionKeyArn, BackupSizeBytes,
    BackupVaultName, IsParent, ResourceName, VaultType, EncryptionKeyType."""
    return {"RecoveryPointArn": point["arn"], "CreationDate": point["created"], "Status": point["status"],
            "EncryptionKeyArn": f"arn:aws:kms:{point['region']}:{ACCOUNT}:key/aws-backup",
            "BackupSizeBytes": point["size"], "BackupVaultName": point["vault"], "IsParent": False,
            "ResourceName": point["bucket"], "VaultType": "BACKUP_VAULT", "EncryptionKeyType": "AWS_OWNED_KMS_KEY"}


def job_of(job):
    """BackupJob: AccountId, BackupJobId, BackupVaultName, BackupVaultArn, RecoveryPointArn (when made), ResourceArn,
    CreationDate, CompletionDate (when done), State, StatusMessage (when failed), PercentDone, BackupSizeInBytes,
    IamRoleArn, ResourceType, BytesTransferred, BackupType, IsParent, ResourceName, InitiationDate."""
    out = {"AccountId": ACCOUNT, "BackupJobId": job["id"], "BackupVaultName": job["vault"],
           "BackupVaultArn": vault_arn(job["region"], job["vault"]), "ResourceArn": job["resource"],
           "CreationDate": job["created"], "State": job["state"],
           "PercentDone": "100.0" if job["state"] == "COMPLETED" else "0.0", "BackupSizeInBytes": job["size"],
           "IamRoleArn": f"arn:aws:iam::{ACCOUNT}:role/service-role/AWSBackupDefaultServiceRole",
           "ResourceType": "S3", "BytesTransferred": job["size"], "BackupType": "", "IsParent": False,
           "ResourceName": job["bucket"], "InitiationDate": job["created"]}
    if job["point"]:
        out["RecoveryPointArn"] = job["point"]
    if job["completed"] is not None:
        out["CompletionDate"] = job["completed"]
    if job["message"]:
        out["StatusMessage"] = job["message"]
    return out


def error(start_response, code, message, status="400 Bad Request"):
    return json_answer(start_response, status, {"Code": code, "Message": message, "Type": "User"}, REST_JSON,
                       [("x-amzn-ErrorType", f"{code}:http://internal.amazon.com/coral/com.amazonaws.cryo/")])


def page(items, query, key):
    """One page by maxResults (1-1000) and nextToken (the lab's: an offset)."""
    token = query.get("nextToken", "0")
    start = int(token) if token.isdigit() else 0
    raw = query.get("maxResults", "1000")
    if not raw.isdigit() or not 1 <= int(raw) <= 1000:
        return None
    size = int(raw)
    out = {key: items[start:start + size]}
    if start + size < len(items):
        out["NextToken"] = str(start + size)
    return out


def parse_time(text):
    """A querystring timestamp as botocore sends it (ISO 8601) or epoch seconds."""
    try:
        return float(text)
    except ValueError:
        return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def answer(world, environ, start_response, region, api):
    """ListRecoveryPointsByResource / ListBackupJobs / DescribeProtectedResource at the region endpoint `region`."""
    path = unquote(environ.get("PATH_INFO", ""))
    query = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
    now = time.time()
    with world.lock:
        points = [p for p in world.backup_points if p["region"] == region]
        if api == "ListRecoveryPointsByResource":
            resource = re.match(r"^/resources/(.+)/recovery-points/?$", path).group(1)
            items = [point_of(p) for p in sorted(points, key=lambda p: -p["created"]) if p["resource"] == resource]
            out = page(items, query, "RecoveryPoints")
        elif api == "ListBackupJobs":
            jobs = [j for j in world.backup_jobs if j["region"] == region]
            if "resourceArn" in query:
                jobs = [j for j in jobs if j["resource"] == query["resourceArn"]]
            if "state" in query:
                jobs = [j for j in jobs if j["state"] == query["state"]]
            if "backupVaultName" in query:
                jobs = [j for j in jobs if j["vault"] == query["backupVaultName"]]
            if "resourceType" in query:
                jobs = [j for j in jobs if query["resourceType"] == "S3"]
            for name, field, keep in (("createdAfter", "created", lambda v, t: v > t),
                                      ("createdBefore", "created", lambda v, t: v < t),
                                      ("completeAfter", "completed", lambda v, t: v is not None and v > t),
                                      ("completeBefore", "completed", lambda v, t: v is not None and v < t)):
                if name in query:
                    bound = parse_time(query[name])
                    jobs = [j for j in jobs if keep(j[field], bound)]
            out = page([job_of(j) for j in sorted(jobs, key=lambda j: -j["created"])], query, "BackupJobs")
        else:
            resource = path[len("/resources/"):]
            mine = [p for p in points if p["resource"] == resource and (p["continuous"] or p["status"] == "COMPLETED")]
            if not mine:
                return error(start_response, "ResourceNotFoundException",
                             f"Resource {resource} is not protected in {region}")
            latest = max(mine, key=lambda p: last_backup(p, now))
            return json_answer(start_response, "200 OK", {
                "ResourceArn": resource, "ResourceType": "S3", "ResourceName": latest["bucket"],
                "LastBackupTime": round(last_backup(latest, now), 3),
                "LastBackupVaultArn": vault_arn(region, latest["vault"]), "LastRecoveryPointArn": latest["arn"]},
                REST_JSON)
    if out is None:
        return error(start_response, "InvalidParameterValueException", "maxResults must be between 1 and 1000")
    return json_answer(start_response, "200 OK", out, REST_JSON)

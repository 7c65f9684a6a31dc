"""AWS Backup for a bucket, read as drtop will read it, through boto3: ListRecoveryPointsByResource,
ListBackupJobs (by resource, by state) and DescribeProtectedResource, for periodic and continuous backups, with
the control routes that add a recovery point of a given age, fail the latest job and stop continuous protection.
Every answer is checked against botocore's backup model."""
import datetime, time

import pytest
from botocore.exceptions import ClientError

from running import RunningLab
from test_routing import assert_in_model, client, control, raw_answers


@pytest.fixture(scope="module")
def lab():
    running = RunningLab(pairs=2, delay=0.3, metrics_period=5, tick=0.1)
    yield running
    running.stop()


def age_of(moment):
    return (datetime.datetime.now(datetime.timezone.utc) - moment).total_seconds()


def test_periodic_backups_jobs_and_a_failed_job(lab):
    backup = client("backup", "us-east-1", lab.url("us-east-1"))
    raw = raw_answers(backup)
    arn = "arn:aws:s3:::lab0-use1"
    with pytest.raises(ClientError) as error:
        backup.describe_protected_resource(ResourceArn=arn)
    assert error.value.response["Error"]["Code"] == "ResourceNotFoundException", "not protected yet"
    assert backup.list_recovery_points_by_resource(ResourceArn=arn)["RecoveryPoints"] == []

    old = control(lab, "/backup/lab0-use1/recovery-point?age=90000&vault=lab-vault&size=2048")
    new = control(lab, "/backup/lab0-use1/recovery-point?age=7200&vault=lab-vault&size=4096")
    points = backup.list_recovery_points_by_resource(ResourceArn=arn)["RecoveryPoints"]
    assert [p["RecoveryPointArn"] for p in points] == [new["recovery_point"], old["recovery_point"]]
    assert all(p["Status"] == "COMPLETED" and p["BackupVaultName"] == "lab-vault" and p["IsParent"] is False
               for p in points)
    assert 7190 < age_of(points[0]["CreationDate"]) < 7260 and 89990 < age_of(points[1]["CreationDate"]) < 90060
    assert points[0]["BackupSizeBytes"] == 4096
    assert [p["RecoveryPointArn"] for p in
            backup.list_recovery_points_by_resource(ResourceArn=arn, MaxResults=1)["RecoveryPoints"]] == \
        [new["recovery_point"]]

    protected = backup.describe_protected_resource(ResourceArn=arn)
    assert protected["ResourceType"] == "S3" and protected["LastRecoveryPointArn"] == new["recovery_point"]
    assert 7190 < age_of(protected["LastBackupTime"]) < 7260
    assert protected["LastBackupVaultArn"].endswith(":backup-vault:lab-vault")
    assert "lab-vault" in [v["BackupVaultName"] for v in backup.list_backup_vaults()["BackupVaultList"]]

    jobs = backup.list_backup_jobs(ByResourceArn=arn)["BackupJobs"]
    assert [j["State"] for j in jobs] == ["COMPLETED", "COMPLETED"]
    assert jobs[0]["RecoveryPointArn"] == new["recovery_point"] and jobs[0]["CompletionDate"] > jobs[0]["CreationDate"]

    # the latest job fails, with its StatusMessage; no recovery point comes of it
    control(lab, "/backup/lab0-use1/fail?message=Access%20denied%20to%20the%20bucket")
    jobs = backup.list_backup_jobs(ByResourceArn=arn)["BackupJobs"]
    latest = max(jobs, key=lambda j: j["CreationDate"])
    assert (latest["State"], latest["StatusMessage"]) == ("FAILED", "Access denied to the bucket")
    assert "RecoveryPointArn" not in latest
    failed = backup.list_backup_jobs(ByResourceArn=arn, ByState="FAILED")["BackupJobs"]
    assert [j["BackupJobId"] for j in failed] == [latest["BackupJobId"]]
    recent = backup.list_backup_jobs(ByResourceArn=arn, ByCreatedAfter=datetime.datetime.now(datetime.timezone.utc)
                                     - datetime.timedelta(hours=3))["BackupJobs"]
    assert len(recent) == 2
    assert backup.describe_protected_resource(ResourceArn=arn)["LastRecoveryPointArn"] == new["recovery_point"]

    # AWS Backup is regional: the bucket's region knows of it, another does not
    west = client("backup", "us-west-2", lab.url("us-west-2"))
    assert west.list_recovery_points_by_resource(ResourceArn=arn)["RecoveryPoints"] == []
    assert west.list_backup_jobs(ByResourceArn=arn)["BackupJobs"] == []
    for operation, bodies in raw.items():
        for body in bodies:
            assert_in_model(backup, operation, body)

    control(lab, "/deny/ListBackupJobs")
    try:
        with pytest.raises(ClientError) as error:
            backup.list_backup_jobs(ByResourceArn=arn)
        assert error.value.response["Error"]["Code"] == "AccessDeniedException"
        assert error.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
    finally:
        control(lab, "/allow/ListBackupJobs")


def test_continuous_backup_and_stopping_it(lab):
    backup = client("backup", "us-west-2", lab.url("us-west-2"))
    raw = raw_answers(backup)
    arn = "arn:aws:s3:::lab1-usw2"
    started = control(lab, "/backup/lab1-usw2/recovery-point?age=864000&type=continuous")
    assert started["region"] == "us-west-2"
    point = backup.list_recovery_points_by_resource(ResourceArn=arn)["RecoveryPoints"][0]
    assert ":recovery-point:continuous:" in point["RecoveryPointArn"] and point["Status"] == "COMPLETED"
    assert 863990 < age_of(point["CreationDate"]) < 864060, "a continuous point's CreationDate: protection's start"
    assert age_of(backup.describe_protected_resource(ResourceArn=arn)["LastBackupTime"]) < 5, "running: now"

    assert control(lab, "/backup/lab1-usw2/stop")["stopped"] == [point["RecoveryPointArn"]]
    time.sleep(1.2)
    point = backup.list_recovery_points_by_resource(ResourceArn=arn)["RecoveryPoints"][0]
    assert point["Status"] == "STOPPED"
    stopped = backup.describe_protected_resource(ResourceArn=arn)["LastBackupTime"]
    assert 1.0 < age_of(stopped) < 10, "stopped: the stop"
    time.sleep(0.5)
    assert backup.describe_protected_resource(ResourceArn=arn)["LastBackupTime"] == stopped
    for operation, bodies in raw.items():
        for body in bodies:
            assert_in_model(backup, operation, body)

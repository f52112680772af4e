"""make provision on moto's server: what it sets up, and that running it again (an upgrade) keeps the
data and adds what a new version needs."""

import boto3
import pytest

from functions.platform.config import Config
from functions.storage.aws_provision import provision
from functions.storage.dynamo_models import build_models, dynamodb_endpoint

pytestmark = pytest.mark.aws


def clients():
    return boto3.client("dynamodb", region_name="eu-west-3"), boto3.client("s3", region_name="eu-west-3")


def test_tables_are_recoverable_and_buckets_private_encrypted_versioned(aws_env):
    dynamodb, s3 = clients()
    models = build_models(aws_env["SAWT_TABLE_PREFIX"], "eu-west-3", dynamodb_endpoint())
    for name in dynamodb.list_tables()["TableNames"]:
        if name.startswith(aws_env["SAWT_TABLE_PREFIX"]):
            backups = dynamodb.describe_continuous_backups(TableName=name)["ContinuousBackupsDescription"]
            assert backups["PointInTimeRecoveryDescription"]["PointInTimeRecoveryStatus"] == "ENABLED", name
    for model in models.with_ttl:
        ttl = dynamodb.describe_time_to_live(TableName=model.Meta.table_name)["TimeToLiveDescription"]
        assert ttl["TimeToLiveStatus"] == "ENABLED", model.Meta.table_name
    for bucket in (aws_env["SAWT_BUCKET"], aws_env["SAWT_SITE_BUCKET"]):
        block = s3.get_public_access_block(Bucket=bucket)["PublicAccessBlockConfiguration"]
        assert all(block.values()) and len(block) == 4
        rule = s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"][0]
        assert rule["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == "AES256"
        assert s3.get_bucket_versioning(Bucket=bucket)["Status"] == "Enabled"


def test_provisioning_again_keeps_the_data_and_adds_a_missing_index(aws_env):
    from functions.storage import open_store
    from tests.test_store_contract import create, make_grievance

    store = open_store(Config.from_env())
    assert type(store).__name__ == "DynamoStore"
    dynamodb, _ = clients()
    table = f"{aws_env['SAWT_TABLE_PREFIX']}grievances"
    grievance = make_grievance()
    create(store, grievance, "k-upgrade")
    # A table as an older version made it: without one of the indexes this version queries.
    dynamodb.update_table(TableName=table, GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": "by-status"}}])
    names = {i["IndexName"] for i in dynamodb.describe_table(TableName=table)["Table"]["GlobalSecondaryIndexes"]}
    assert "by-status" not in names
    logged = []
    provision(Config.from_env(), log=logged.append)
    names = {i["IndexName"] for i in dynamodb.describe_table(TableName=table)["Table"]["GlobalSecondaryIndexes"]}
    assert "by-status" in names and f"added index by-status to {table}" in logged
    assert store.get_grievance(grievance.reference) == grievance
    provision(Config.from_env(), log=logged.append)  # and once more: nothing left to add
    assert sum("added index" in line for line in logged) == 1

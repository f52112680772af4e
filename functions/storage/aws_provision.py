"""Create the AWS tables and bucket, idempotently, wherever boto3 points.

Honours AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL_S3, so the same code provisions moto in tests
and a real account in production. Tables: on-demand, encrypted, point-in-time recovery, TTL where
items expire. Bucket: private, encrypted, versioned.
"""

import boto3
from botocore.exceptions import ClientError

from ..platform.config import Config
from .dynamo_models import TTL_ATTRIBUTE, build_models, dynamodb_endpoint


def _ensure_table(client, model, log) -> None:
    name = model.Meta.table_name
    if not model.exists():
        model.create_table(wait=True, billing_mode="PAY_PER_REQUEST")
        log(f"created table {name}")
    else:
        log(f"table {name} exists")
        _ensure_indexes(client, model, log)
    client.update_continuous_backups(
        TableName=name, PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True}
    )


def _ensure_indexes(client, model, log) -> None:
    """An index a new version of Sawt queries is added to the existing table (the upgrade path on
    AWS: tables are never re-created). DynamoDB builds one new index per request, online."""
    schema = model._get_schema()  # PynamoDB's own description of the model: the single source
    present = {i["IndexName"] for i in client.describe_table(TableName=model.Meta.table_name)["Table"].get(
        "GlobalSecondaryIndexes", [])}  # fmt: skip
    for index in schema.get("global_secondary_indexes", []):
        if index["index_name"] in present:
            continue
        client.update_table(
            TableName=model.Meta.table_name,
            AttributeDefinitions=index["attribute_definitions"],
            GlobalSecondaryIndexUpdates=[{"Create": {
                "IndexName": index["index_name"], "KeySchema": index["key_schema"], "Projection": index["projection"],
            }}],
        )  # fmt: skip
        client.get_waiter("table_exists").wait(TableName=model.Meta.table_name)
        log(f"added index {index['index_name']} to {model.Meta.table_name}")


def _ensure_ttl(client, model) -> None:
    name = model.Meta.table_name
    status = client.describe_time_to_live(TableName=name)["TimeToLiveDescription"]
    if status.get("TimeToLiveStatus") not in ("ENABLED", "ENABLING"):
        client.update_time_to_live(
            TableName=name, TimeToLiveSpecification={"Enabled": True, "AttributeName": TTL_ATTRIBUTE}
        )


def _lifecycle(s3, bucket: str) -> None:
    """Abandoned uploads go by themselves: quarantine and verification snapshots after a day,
    unattached files after a week."""
    s3.put_bucket_lifecycle_configuration(
        Bucket=bucket,
        LifecycleConfiguration={
            "Rules": [
                {"ID": "quarantine", "Status": "Enabled", "Filter": {"Prefix": "quarantine/"},
                 "Expiration": {"Days": 1}, "NoncurrentVersionExpiration": {"NoncurrentDays": 1},
                 "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 1}},
                {"ID": "verifying", "Status": "Enabled", "Filter": {"Prefix": "verifying/"},
                 "Expiration": {"Days": 1}, "NoncurrentVersionExpiration": {"NoncurrentDays": 1}},
                {"ID": "unattached", "Status": "Enabled",
                 "Filter": {"Tag": {"Key": "sawt-state", "Value": "unattached"}},
                 "Expiration": {"Days": 7}},
                {"ID": "old-versions", "Status": "Enabled", "Filter": {"Prefix": ""},
                 "NoncurrentVersionExpiration": {"NoncurrentDays": 30}},
            ]
        },
    )  # fmt: skip


def _cors(s3, bucket: str, site_origin: str) -> None:
    """Only the site may post files (a simple multipart POST: no preflight on slow links)."""
    s3.put_bucket_cors(
        Bucket=bucket,
        CORSConfiguration={
            "CORSRules": [
                {"AllowedOrigins": [site_origin], "AllowedMethods": ["POST"], "AllowedHeaders": ["*"],
                 "MaxAgeSeconds": 86400}
            ]
        },
    )  # fmt: skip


def _ensure_bucket(s3, bucket: str, region: str, log) -> None:
    try:
        s3.head_bucket(Bucket=bucket)
        log(f"bucket {bucket} exists")
    except ClientError:
        params = {"Bucket": bucket}
        if region != "us-east-1":
            params["CreateBucketConfiguration"] = {"LocationConstraint": region}
        s3.create_bucket(**params)
        log(f"created bucket {bucket}")
    s3.put_public_access_block(
        Bucket=bucket,
        PublicAccessBlockConfiguration={
            "BlockPublicAcls": True,
            "IgnorePublicAcls": True,
            "BlockPublicPolicy": True,
            "RestrictPublicBuckets": True,
        },
    )
    s3.put_bucket_encryption(
        Bucket=bucket,
        ServerSideEncryptionConfiguration={
            "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]
        },
    )
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})


def provision(config: Config, log=print) -> None:
    region = config["SAWT_AWS_REGION"]
    models = build_models(config["SAWT_TABLE_PREFIX"], region, dynamodb_endpoint())
    dynamodb = boto3.client("dynamodb", region_name=region)
    for model in (models.Grievance, models.Event, models.Idempotency, models.Statistic, models.RateLimit,
                  models.Upload, models.Staff, models.Session, models.Audit, models.Notification,
                  models.Forwarding):  # fmt: skip
        _ensure_table(dynamodb, model, log)
    for model in models.with_ttl:
        _ensure_ttl(dynamodb, model)
    s3 = boto3.client("s3", region_name=region)
    _ensure_bucket(s3, config["SAWT_SITE_BUCKET"], region, log)  # private too: the CDN reads it (OAC)
    _ensure_bucket(s3, config["SAWT_BUCKET"], region, log)
    _lifecycle(s3, config["SAWT_BUCKET"])
    _cors(s3, config["SAWT_BUCKET"], config["SAWT_SITE_ORIGIN"])

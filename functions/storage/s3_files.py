"""Documents on AWS: S3, with the bytes going from the phone to the bucket through a presigned POST
(they never pass through Lambda). The POST writes quarantine/ (its key is exact in the policy); to
verify, the object is first copied to verifying/, where no link can write, and only that copy is
read and then promoted to files/, tagged unattached until the grievance is filed, so the bucket's
lifecycle rules delete whatever is abandoned."""

import functools
import re

import boto3
from botocore.config import Config as BotoConfig
from botocore.exceptions import BotoCoreError, ClientError

from .port import FileStore, StorageError

UNATTACHED = "sawt-state=unattached"
ATTACHED = "sawt-state=attached"
# Uploads recorded before keys were stored hashed have the filing's Idempotency-Key (a UUID) as
# `filing`, and their objects live under it; DynamoDB keeps those records, so they are still read.
_LEGACY_FILING = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def _name(upload) -> str:
    # The upload id only: nothing derived from the Idempotency-Key in object keys or presigned URLs.
    return f"{upload.filing}/{upload.upload_id}" if _LEGACY_FILING.match(upload.filing) else upload.upload_id


def quarantine_key(upload) -> str:
    return f"quarantine/{_name(upload)}"


def snapshot_key(upload) -> str:
    return f"verifying/{_name(upload)}"


def file_key(upload) -> str:
    return f"files/{_name(upload)}"


def storage_errors(method):
    """S3 failing (an error answer, a timeout, no connection) is the port's StorageError: the caller
    answers 503 and nothing is acknowledged, never a 500."""

    @functools.wraps(method)
    def guarded(*args, **kwargs):
        try:
            return method(*args, **kwargs)
        except (ClientError, BotoCoreError) as error:
            raise StorageError(f"s3 {method.__name__} failed") from error

    return guarded


class S3FileStore(FileStore):
    def __init__(self, bucket: str, region: str, timeout: float = 3.0):
        self.bucket = bucket
        # boto3 honours AWS_ENDPOINT_URL_S3 by itself (moto's server in tests). A slow call is
        # abandoned and retried (throttling, 5xx and timeouts alike) within the Lambda's time.
        config = BotoConfig(
            connect_timeout=timeout, read_timeout=timeout, retries={"mode": "standard", "max_attempts": 4}
        )
        self.s3 = boto3.client("s3", region_name=region, config=config)

    @storage_errors
    def upload_target(self, upload, max_bytes, expires_at, redirect=None):
        import time

        fields = {"Content-Type": upload.declared_type}
        if redirect:
            fields["success_action_redirect"] = redirect  # exact in the policy, like the key
        post = self.s3.generate_presigned_post(
            Bucket=self.bucket,
            Key=quarantine_key(upload),
            Fields=fields,
            Conditions=[*({k: v} for k, v in fields.items()), ["content-length-range", 1, max_bytes]],
            ExpiresIn=max(1, expires_at - int(time.time())),
        )
        return {"url": post["url"], "fields": post["fields"]}

    @storage_errors
    def receive(self, upload, stream, max_bytes):
        data = stream.read(max_bytes + 1)  # (at most the admin function's request limit)
        self.s3.put_object(Bucket=self.bucket, Key=quarantine_key(upload), Body=data, ContentType=upload.declared_type)
        return len(data)

    def _size(self, key: str) -> int | None:
        try:
            return self.s3.head_object(Bucket=self.bucket, Key=key)["ContentLength"]
        except ClientError as error:
            if _missing(error):
                return None
            raise StorageError("read failed") from error
        except BotoCoreError as error:
            raise StorageError("read failed") from error

    @storage_errors
    def snapshot(self, upload):
        if self._size(snapshot_key(upload)) is not None:
            return True  # taken by an earlier attempt (the scanner was down): that one is the file
        try:
            # One copy of whatever the object is at this instant; a later POST to the link only
            # replaces quarantine/, never what is read below.
            self.s3.copy_object(
                Bucket=self.bucket, Key=snapshot_key(upload),
                CopySource={"Bucket": self.bucket, "Key": quarantine_key(upload)},
            )  # fmt: skip
            self.s3.delete_object(Bucket=self.bucket, Key=quarantine_key(upload))
        except ClientError as error:
            if _missing(error):
                return False
            raise StorageError("copy failed") from error
        return True

    def head(self, upload, length):
        size = self._size(snapshot_key(upload))
        if size is None or size == 0:
            return None if size is None else (0, b"")
        try:
            start = self.s3.get_object(Bucket=self.bucket, Key=snapshot_key(upload), Range=f"bytes=0-{length - 1}")
            return size, start["Body"].read()
        except (ClientError, BotoCoreError) as error:
            raise StorageError("read failed") from error

    def chunks(self, upload):
        try:
            body = self.s3.get_object(Bucket=self.bucket, Key=snapshot_key(upload))["Body"]
            yield from body.iter_chunks(64 * 1024)
        except (ClientError, BotoCoreError) as error:
            raise StorageError("s3 read failed") from error

    @storage_errors
    def promote(self, upload):
        self.s3.copy_object(
            Bucket=self.bucket,
            Key=file_key(upload),
            CopySource={"Bucket": self.bucket, "Key": snapshot_key(upload)},
            TaggingDirective="REPLACE",
            Tagging=UNATTACHED,
            ContentType=upload.sniffed_type or upload.declared_type,
            MetadataDirective="REPLACE",
        )
        self.s3.delete_object(Bucket=self.bucket, Key=snapshot_key(upload))

    @storage_errors
    def mark_attached(self, upload):
        key, value = ATTACHED.split("=")
        # A failure is a StorageError (storage_errors): the filing is answered 503 and can be sent again.
        self.s3.put_object_tagging(
            Bucket=self.bucket, Key=file_key(upload), Tagging={"TagSet": [{"Key": key, "Value": value}]}
        )

    @storage_errors
    def discard(self, upload):
        for key in (quarantine_key(upload), snapshot_key(upload), file_key(upload)):
            self.s3.delete_object(Bucket=self.bucket, Key=key)

    @storage_errors
    def download_url(self, upload, filename, expires_in):
        return self.s3.generate_presigned_url(
            "get_object",
            Params={
                "Bucket": self.bucket,
                "Key": file_key(upload),
                "ResponseContentDisposition": f"attachment; filename*=UTF-8''{_quote(filename)}",
                "ResponseContentType": upload.sniffed_type or "application/octet-stream",
            },
            ExpiresIn=expires_in,
        )

    @storage_errors
    def read_attached(self, upload, limit):
        if (self._size(file_key(upload)) or 0) > limit:
            return None
        return self.s3.get_object(Bucket=self.bucket, Key=file_key(upload))["Body"].read(limit + 1)


def _missing(error: ClientError) -> bool:
    return error.response["Error"]["Code"] in ("404", "NoSuchKey", "NotFound")


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name, safe="")

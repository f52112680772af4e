"""The storage port and its two adapters, chosen by SAWT_STORAGE."""

from ..platform.config import Config
from .port import FileStore, GrievanceStore


def open_store(config: Config) -> GrievanceStore:
    # Each adapter is imported only when chosen: the local server never loads boto3, and the
    # Lambda never loads sqlite3's adapter.
    if config.storage == "local":
        from ..platform.server_secret import load_secret
        from .sqlite_store import SqliteStore

        # The secret only if a migration needs it (keys an earlier version stored in clear).
        return SqliteStore(config.data_dir, secret=lambda: load_secret(config))
    if config.storage == "aws":
        from .dynamo_store import DynamoStore

        return DynamoStore(
            config["SAWT_TABLE_PREFIX"], config["SAWT_AWS_REGION"], timeout=config.float("SAWT_AWS_TIMEOUT_SECONDS"),
            audit_years=config.int("SAWT_AUDIT_RETENTION_YEARS"),
        )  # fmt: skip
    raise ValueError(f"SAWT_STORAGE must be local or aws, not {config.storage!r}")


def open_files(config: Config, secret: bytes) -> FileStore:
    if config.storage == "local":
        from .local_files import LocalFileStore

        return LocalFileStore(config.data_dir, secret)
    if config.storage == "aws":
        from .s3_files import S3FileStore

        return S3FileStore(config["SAWT_BUCKET"], config["SAWT_AWS_REGION"], config.float("SAWT_AWS_TIMEOUT_SECONDS"))
    raise ValueError(f"SAWT_STORAGE must be local or aws, not {config.storage!r}")

"""Create the DynamoDB tables and the S3 bucket, idempotently: python scripts/provision.py

Uses SAWT_TABLE_PREFIX, SAWT_BUCKET, SAWT_AWS_REGION and the standard AWS credentials; honours
AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL_S3 (moto's server, DynamoDB Local).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from functions.config import Config
from functions.storage.aws_provision import provision

if __name__ == "__main__":
    provision(Config.from_env())

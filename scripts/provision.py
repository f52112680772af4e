"""Create the DynamoDB tables and the S3 bucket, idempotently: python scripts/provision.py

Uses SAWT_TABLE_PREFIX, SAWT_BUCKET, SAWT_AWS_REGION, SAWT_SITE_ORIGIN and the standard AWS
credentials; honours AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL_S3 (moto's server, DynamoDB Local).
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from functions.platform.config import Config
from functions.storage.aws_provision import provision

if __name__ == "__main__":
    real_aws = not (os.environ.get("AWS_ENDPOINT_URL_S3") or os.environ.get("AWS_ENDPOINT_URL"))
    if real_aws and not os.environ.get("SAWT_SITE_ORIGIN"):
        # The bucket's CORS rule names the site's origin; the default (http://127.0.0.1:8000) would
        # replace a real environment's rule and break every upload from the real site.
        sys.exit("SAWT_SITE_ORIGIN is not set: name the site's origin, e.g. https://sawt.example.ma")
    provision(Config.from_env())

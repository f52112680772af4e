"""Publish the built site to its S3 bucket, with the cache headers the CDN passes on:

    python scripts/publish_site.py [site dir]     (SAWT_SITE_BUCKET, SAWT_AWS_REGION; AWS_ENDPOINT_URL_S3 honoured)

Hashed assets are immutable for a year; HTML, service workers, manifests and stable aliases are
revalidated every time. Files are uploaded as they are (CloudFront compresses them); old hashed
assets are kept, because pages cached on phones may still ask for them.
"""

import mimetypes
import os
import sys
from pathlib import Path

import boto3

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from functions.platform.static_files import TYPES, cache_policy  # noqa: E402


def publish(site: Path, bucket: str, region: str, log=print) -> int:
    s3 = boto3.client("s3", region_name=region)
    count = 0
    # Assets first, pages last: a page never points at an asset that is not there yet.
    files = sorted((p for p in site.rglob("*") if p.is_file() and p.suffix not in (".gz", ".br")),
                   key=lambda p: (p.suffix == ".html" or p.name == "sw.js", str(p)))  # fmt: skip
    for path in files:
        key = str(path.relative_to(site))
        url_path = "/" + key.removesuffix("index.html") if key.endswith("index.html") else "/" + key
        s3.put_object(
            Bucket=bucket,
            Key=key,
            Body=path.read_bytes(),
            ContentType=TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream",
            CacheControl=cache_policy(url_path),
        )
        count += 1
    log(f"published {count} files to s3://{bucket}")
    return count


if __name__ == "__main__":
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "site"
    publish(site, os.environ["SAWT_SITE_BUCKET"], os.environ.get("SAWT_AWS_REGION", "eu-west-3"))

"""Publishing the site to S3 (moto): every file, with the cache policy the CDN must pass on."""

from scripts.publish_site import publish


def test_published_files_carry_their_cache_policy(aws_env, built_site):
    import boto3

    count = publish(built_site, aws_env["SAWT_SITE_BUCKET"], "eu-west-3", log=lambda _m: None)
    assert count > 300
    s3 = boto3.client("s3", region_name="eu-west-3")
    bucket = aws_env["SAWT_SITE_BUCKET"]
    page = s3.head_object(Bucket=bucket, Key="fr/file/index.html")
    assert page["CacheControl"] == "no-cache" and page["ContentType"].startswith("text/html")
    worker = s3.head_object(Bucket=bucket, Key="fr/sw.js")
    assert worker["CacheControl"] == "no-cache" and worker["ContentType"].startswith("text/javascript")
    css = next(
        k["Key"]
        for k in s3.list_objects_v2(Bucket=bucket, Prefix="assets/sawt.")["Contents"]
        if k["Key"].count(".") == 2
    )
    assert s3.head_object(Bucket=bucket, Key=css)["CacheControl"] == "public, max-age=31536000, immutable"
    assert not [k for k in s3.list_objects_v2(Bucket=bucket)["Contents"] if k["Key"].endswith((".gz", ".br"))]

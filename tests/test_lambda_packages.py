"""The Lambda zips themselves: built offline within budget, unzipped, and serving requests through
Zappa's real handler in an interpreter that sees only the zip, the standard library and what the
Lambda runtime provides (boto3 and its dependencies)."""

import json
import os
import re
import subprocess
import sys
import zipfile

import pytest

from tests.conftest import ROOT
from tests.factories import grievance, key
from tests.lambda_events import api_gateway_event

LIMIT = 20 * 1024 * 1024


@pytest.fixture(scope="module")
def packages(tmp_path_factory):
    dist = tmp_path_factory.mktemp("dist")
    # The secret is checked (make deploy hands it over), never written into a zip.
    env = {**os.environ, "SAWT_SECRET_KEY": "cd" * 32}
    # As after `make run`: the embedded default's data directory in the checkout (its secret.key among
    # its files) must neither break packaging nor go into a zip.
    data = ROOT / "data"
    made = not data.exists()
    data.mkdir(exist_ok=True)
    marker = data / "left-by-make-run.test"
    marker.write_text("not for a zip")
    try:
        completed = subprocess.run([sys.executable, str(ROOT / "scripts" / "package_lambdas.py"), str(dist)],
                                   cwd=ROOT, capture_output=True, text=True, timeout=600, env=env)  # fmt: skip
    finally:
        marker.unlink()
        if made:
            data.rmdir()
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return dist


@pytest.fixture(scope="module")
def lambda_runtime(tmp_path_factory):
    """What the Python runtime on Lambda ships: boto3 and its dependencies, nothing else."""
    from scripts.package_lambdas import lambda_runtime as runtime_dir

    return runtime_dir(tmp_path_factory.mktemp("runtime"))


def unpack(zip_path, target, aws_env):
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(target)
    settings = target / "zappa_settings.py"
    text = settings.read_text()
    match = re.search(r"^ENVIRONMENT_VARIABLES=(.*)$", text, re.MULTILINE)
    variables = {**eval(match.group(1), {}), **aws_env}  # noqa: S307 - the literal zappa wrote
    settings.write_text(text.replace(match.group(0), f"ENVIRONMENT_VARIABLES={variables!r}"))
    for cached in (target / "__pycache__").glob("zappa_settings*.pyc"):
        cached.unlink()  # (the zip's bytecode is trusted unchecked: drop the edited module's)
    return target


def serve(package_dir, runtime, events):
    completed = subprocess.run(
        [sys.executable, "-S", "-I", str(ROOT / "tests" / "lambda_driver.py"), str(package_dir), str(runtime)],
        input="\n".join(json.dumps(e) for e in events) + "\n", capture_output=True, text=True, cwd=package_dir,
        timeout=120,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr[-3000:]
    return [json.loads(line[2:]) for line in completed.stdout.splitlines() if line.startswith("@@")]


@pytest.mark.parametrize("stage", ["public", "admin"])
def test_packages_are_within_budget_and_lean(packages, stage):
    archive = packages / f"{stage}.zip"
    assert archive.stat().st_size <= LIMIT
    names = zipfile.ZipFile(archive).namelist()
    tops = {name.split("/")[0] for name in names}
    assert not tops & {"boto3", "botocore", "pytest", "moto", "playwright", "ruff", "tests", "site", "troposphere"}
    assert {"functions", "schemas", "locales", "zappa", "flask", "pynamodb"} <= tops
    assert "locales/ar/LC_MESSAGES/messages.mo" in names
    assert "schemas/data/orientation.toml" in names
    assert any(n.endswith(".pyc") for n in names)
    assert not [n for n in names if n.startswith("data/") and not n.endswith("/")]  # no local data, no secret.key


@pytest.mark.parametrize("stage", ["public", "admin"])
def test_each_zip_carries_its_own_stages_settings(packages, stage):
    """A zip is bound to its environment: deploying one to another stage would point that stage at
    the first one's tables and bucket, so make package builds per environment and names zips so."""
    settings = json.loads((ROOT / "zappa_settings.json").read_text())
    expected = {**settings["base"]["environment_variables"], **settings[stage]["environment_variables"]}
    text = zipfile.ZipFile(packages / f"{stage}.zip").read("zappa_settings.py").decode()
    carried = eval(re.search(r"^ENVIRONMENT_VARIABLES=(.*)$", text, re.MULTILINE).group(1), {})  # noqa: S307
    assert carried.items() >= expected.items()  # (Zappa adds AWS_REGION)
    assert "cd" * 32 not in text and "SAWT_SECRET_KEY" not in carried  # the secret comes at deploy time


def test_every_environment_has_zips_of_its_own():
    from scripts.package_lambdas import zappa_stages

    assert zappa_stages("prod") == {"public": "public", "admin": "admin"}
    assert zappa_stages("staging") == {"public": "public-staging", "admin": "admin-staging"}


def test_the_public_package_serves_a_filing(packages, lambda_runtime, tmp_path, aws_env):
    package = unpack(packages / "public.zip", tmp_path / "public", aws_env)
    k = key()
    first, again, openapi = serve(package, lambda_runtime, [
        api_gateway_event("POST", "/api/grievances", grievance(), {"Idempotency-Key": k, "Accept-Language": "ar"}),
        api_gateway_event("POST", "/api/grievances", grievance(), {"Idempotency-Key": k}),
        api_gateway_event("GET", "/api/openapi.json"),
    ])  # fmt: skip
    assert first["statusCode"] == 201 and json.loads(again["body"]) == json.loads(first["body"])
    assert openapi["statusCode"] == 200


def test_the_admin_package_serves_its_login_page_in_arabic(packages, lambda_runtime, tmp_path, aws_env):
    package = unpack(packages / "admin.zip", tmp_path / "admin", aws_env)
    (login,) = serve(
        package,
        lambda_runtime,
        [api_gateway_event("GET", "/admin/login", None, {"Accept-Language": "ar"}, stage="admin")],
    )
    assert login["statusCode"] == 200
    assert 'lang="ar" dir="rtl"' in login["body"]

"""Build the Lambda zips of both functions, offline:

    python scripts/package_lambdas.py [dist dir] [--stage prod|<environment>]

A zip carries its Zappa stage's settings (tables, bucket, region), so each environment has zips of
its own: `public`/`admin` for prod, `public-<environment>`/`admin-<environment>` otherwise, written to
dist/<zappa stage>.zip — the names `make deploy` looks for.

`zappa package <stage>` packs the project and the slim deploy venv (.venv-deploy: runtime packages and
Zappa only, never the test or dev tools); boto3 and botocore stay out (Lambda has them). Then each zip
is opened, its stale bytecode dropped, recompiled with unchecked hashes (Python trusts it without
reading the sources: a faster cold start), and closed again with fixed timestamps. Fails above 20 MB.
"""

import compileall
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPLOY_VENV = ROOT / ".venv-deploy"
FUNCTIONS = ("public", "admin")
LIMIT = 20 * 1024 * 1024


# What the Python runtime on Lambda ships besides the standard library, and the zips therefore leave out.
RUNTIME_PACKAGES = ("boto3", "botocore", "s3transfer", "jmespath", "dateutil", "urllib3", "six.py")


def lambda_runtime(target: Path) -> Path:
    """A directory holding only what the Lambda runtime provides (linked from this venv), to put
    beside an unzipped package and run it as Lambda would."""
    import botocore

    site_packages = Path(botocore.__file__).parent.parent
    target.mkdir(parents=True, exist_ok=True)
    for name in RUNTIME_PACKAGES:
        (target / name).symlink_to(site_packages / name)
    return target


def zappa_stages(environment: str) -> dict[str, str]:
    """The Zappa stage of each function for an environment (zappa_settings.json)."""
    return {f: f if environment == "prod" else f"{f}-{environment}" for f in FUNCTIONS}


# Settings a function gets at deploy time (Zappa's aws_environment_variables), from the shell that
# runs `make deploy`, never from a file in the repository.
DEPLOY_TIME_SECRETS = ("SAWT_SECRET_KEY", "SAWT_ORIGIN_SECRET")  # from the shell, never in a file of the repo


def stage_settings(stage: str) -> dict:
    """A Zappa stage of zappa_settings.json with what it `extends` (Zappa merges one level deep)."""
    import json

    every = json.loads((ROOT / "zappa_settings.json").read_text())
    settings = dict(every[stage])
    while "extends" in settings:
        settings = {**every[settings.pop("extends")], **settings}
    return settings


def deploy_time_variables(stage: str, environ) -> dict[str, str]:
    """What Zappa sets on the function at deploy: the stage's aws_environment_variables and the
    shell's secrets."""
    shell = {name: environ[name] for name in DEPLOY_TIME_SECRETS if environ.get(name)}
    return {**stage_settings(stage).get("aws_environment_variables", {}), **shell}


def stage_problems(stage: str, environ) -> list[str]:
    """What is wrong with the configuration a stage's function will run with: the deploy-time
    variables, under the zip's own (Zappa's handler applies those last)."""
    sys.path.insert(0, str(ROOT))
    from functions.platform.config import Config
    from functions.platform.config_check import configuration_problems

    values = {**deploy_time_variables(stage, environ), **stage_settings(stage).get("environment_variables", {})}
    return [f"{stage}: {problem}" for problem in configuration_problems(Config.from_env(values))]


def zappa_package(stage: str, target: Path) -> None:
    env = {
        **os.environ,
        "VIRTUAL_ENV": str(DEPLOY_VENV),
        "PATH": f"{DEPLOY_VENV / 'bin'}:{os.environ.get('PATH', '')}",
        "AWS_DEFAULT_REGION": os.environ.get("AWS_DEFAULT_REGION", "eu-west-3"),
    }
    subprocess.run([str(DEPLOY_VENV / "bin" / "zappa"), "package", stage, "-o", str(target)], cwd=ROOT, env=env,
                   check=True, capture_output=True)  # fmt: skip


def repack(raw: Path, target: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp)
        with zipfile.ZipFile(raw) as archive:
            archive.extractall(tree)
        for cache in list(tree.rglob("__pycache__")):
            shutil.rmtree(cache)
        compileall.compile_dir(
            str(tree), quiet=2, legacy=False, optimize=0,
            invalidation_mode=compileall.py_compile.PycInvalidationMode.UNCHECKED_HASH,
        )  # fmt: skip
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in sorted(p for p in tree.rglob("*") if p.is_file()):
                info = zipfile.ZipInfo(str(path.relative_to(tree)), date_time=(1980, 1, 1, 0, 0, 0))
                info.external_attr = (0o755 if os.access(path, os.X_OK) else 0o644) << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, path.read_bytes())


def main(dist: Path, environment: str = "prod") -> int:
    problems = [p for stage in zappa_stages(environment).values() for p in stage_problems(stage, os.environ)]
    if problems:
        # Refused before building: zips that would answer every request with 503 help nobody. The
        # secret is checked here although it never goes into a zip: `make deploy` hands it over.
        print("\n".join(["make package: the configuration is broken", *problems]), file=sys.stderr)
        return 2
    dist.mkdir(parents=True, exist_ok=True)
    too_big = False
    for stage in zappa_stages(environment).values():
        raw, final = dist / f"{stage}-raw.zip", dist / f"{stage}.zip"
        zappa_package(stage, raw)
        repack(raw, final)
        raw.unlink()
        size = final.stat().st_size
        too_big |= size > LIMIT
        print(f"{stage}: {final.relative_to(ROOT) if final.is_relative_to(ROOT) else final} {size / 1048576:.2f} MiB "
              f"({'over' if size > LIMIT else 'within'} the 20 MiB budget)")  # fmt: skip
    return 1 if too_big else 0


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("dist", nargs="?", default=str(ROOT / "dist"))
    parser.add_argument("--stage", default="prod", help="the environment: prod, or the suffix of its Zappa stages")
    args = parser.parse_args()
    sys.exit(main(Path(args.dist), args.stage))

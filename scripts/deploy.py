"""Deploy both functions and the site: make deploy STAGE=prod (or another environment)

For STAGE=prod the Zappa stages are `public` and `admin`; for another name, `public-<STAGE>` and
`admin-<STAGE>` (add them to zappa_settings.json, extending `public`/`admin` with their own tables,
bucket and secrets). Uses the zips `make package` built (the same bytes that were tested), deploying
the first time and updating afterwards, then publishes the site (SAWT_SITE_BUCKET). `make package
STAGE=<environment>` builds that environment's zips (dist/<zappa stage>.zip): each carries its stage's
settings. SAWT_SECRET_KEY comes from this shell (CI secrets, Parameter Store) and is given to both
functions as a Lambda environment variable; a broken or incomplete configuration is refused before
anything changes — for prod, also a missing SAWT_CNDP_REFERENCE (the privacy notice names it).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ZAPPA = ROOT / ".venv-deploy" / "bin" / "zappa"


def zappa(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "VIRTUAL_ENV": str(ROOT / ".venv-deploy")}
    return subprocess.run([str(ZAPPA), *args], cwd=ROOT, env=env, text=True, capture_output=True)


def settings_with_secrets(stages, environ, directory: Path) -> Path:
    """zappa_settings.json with each stage's deploy-time variables (the shell's SAWT_SECRET_KEY) in
    its aws_environment_variables: a file readable by this user only, in a temporary directory
    removed after the deployment, so the secret is never written into the repository."""
    from scripts.package_lambdas import deploy_time_variables

    settings = json.loads((ROOT / "zappa_settings.json").read_text())
    for stage in stages:
        settings[stage] = {**settings[stage], "aws_environment_variables": deploy_time_variables(stage, environ)}
    path = directory / "zappa_settings.json"
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        json.dump(settings, handle)
    return path


def site_settings(public_stage: str, environ):
    """The settings the site is built with: the public function's (its stage in zappa_settings.json,
    over this shell's), so the privacy notice describes the deployment it is published with."""
    from functions.platform.config import Config
    from scripts.package_lambdas import deploy_time_variables, stage_settings

    stage_values = stage_settings(public_stage).get("environment_variables", {})
    return Config.from_env({**environ, **deploy_time_variables(public_stage, environ), **stage_values})


def main(argv) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stage", required=True)
    stage = parser.parse_args(argv).stage
    if not os.environ.get("SAWT_SITE_BUCKET"):
        # Checked before anything changes: failing after the functions were updated would leave an
        # environment whose API and site disagree.
        print("SAWT_SITE_BUCKET is not set: name the bucket the site is published to.", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT))
    from scripts.package_lambdas import stage_problems, zappa_stages

    stages = zappa_stages(stage)
    problems = [p for name in stages.values() for p in stage_problems(name, os.environ)]
    site_config = site_settings(stages["public"], os.environ)
    if stage == "prod" and not site_config["SAWT_CNDP_REFERENCE"].strip():
        # Law 09-08: personal data is processed only once the CNDP has recorded the processing; the
        # privacy notice names its number.
        problems.append("SAWT_CNDP_REFERENCE is not set: the CNDP's declaration or authorisation number")
    if problems:
        # Before anything changes, like the bucket check above.
        print("\n".join(["make deploy: the configuration is broken", *problems]), file=sys.stderr)
        return 2
    missing = [name for name in stages.values() if not (ROOT / "dist" / f"{name}.zip").exists()]
    if missing:
        # Each zip carries its own stage's tables and bucket: another environment's zip would
        # deploy code pointed at that environment's data.
        print(f"dist/ has no zip for {', '.join(missing)}: make package STAGE={stage}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as private:
        settings = str(settings_with_secrets(stages.values(), os.environ, Path(private)))
        for name in stages.values():
            package = ROOT / "dist" / f"{name}.zip"
            deployed = zappa("status", name, "-s", settings).returncode == 0
            result = zappa("update" if deployed else "deploy", name, "--zip", str(package), "-s", settings)
            print(result.stdout[-2000:], result.stderr[-2000:], sep="\n")
            if result.returncode:
                return result.returncode
    from scripts.publish_site import publish

    # The site is built again with the public function's own settings: its privacy notice says where
    # that deployment keeps data (backend, region) and the CNDP's number.
    sys.path.insert(0, str(ROOT / "site"))
    from portal.build import build

    build(ROOT / "build" / "site", config=site_config)
    publish(ROOT / "build" / "site", os.environ["SAWT_SITE_BUCKET"], os.environ.get("SAWT_AWS_REGION", "eu-west-3"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

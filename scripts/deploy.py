"""Deploy both functions and the site: make deploy STAGE=prod (or another environment)

For STAGE=prod the Zappa stages are `public` and `admin`; for another name, `public-<STAGE>` and
`admin-<STAGE>` (add them to zappa_settings.json, extending `public`/`admin` with their own tables,
bucket and secrets). Uses the zips `make package` built (the same bytes that were tested), deploying
the first time and updating afterwards, then publishes the site (SAWT_SITE_BUCKET). `make package
STAGE=<environment>` builds that environment's zips (dist/<zappa stage>.zip): each carries its stage's
settings.
"""

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ZAPPA = ROOT / ".venv-deploy" / "bin" / "zappa"


def zappa(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "VIRTUAL_ENV": str(ROOT / ".venv-deploy")}
    return subprocess.run([str(ZAPPA), *args], cwd=ROOT, env=env, text=True, capture_output=True)


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
    from scripts.package_lambdas import zappa_stages

    stages = zappa_stages(stage)
    missing = [name for name in stages.values() if not (ROOT / "dist" / f"{name}.zip").exists()]
    if missing:
        # Each zip carries its own stage's tables and bucket: another environment's zip would
        # deploy code pointed at that environment's data.
        print(f"dist/ has no zip for {', '.join(missing)}: make package STAGE={stage}", file=sys.stderr)
        return 2
    for name in stages.values():
        package = ROOT / "dist" / f"{name}.zip"
        deployed = zappa("status", name).returncode == 0
        result = zappa("update" if deployed else "deploy", name, "--zip", str(package))
        print(result.stdout[-2000:], result.stderr[-2000:], sep="\n")
        if result.returncode:
            return result.returncode
    from scripts.publish_site import publish

    publish(ROOT / "build" / "site", os.environ["SAWT_SITE_BUCKET"], os.environ.get("SAWT_AWS_REGION", "eu-west-3"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""The demonstration service (`make demo`): seed it, and say how to sign in.

    python scripts/demo_service.py seed        seed SAWT_DATA_DIR (or the AWS tables) and print the accounts
    python scripts/demo_service.py code EMAIL  the current second-factor code of a demo account

Demonstration only: these accounts' passwords and second factors are printed on purpose.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

from demo.seed import SEED as DEMO_SEED  # noqa: E402
from demo.seed import STAFF, DemoRefused, accounts, seed, totp_now  # noqa: E402

from functions.platform.config import Config  # noqa: E402


def print_welcome(result: dict, origin: str) -> None:
    print("\nSawt — DEMONSTRATION (every file, person and account is fictional)\n")
    print(f"Staff sign in at {origin}/admin/ — the password is one-time: you choose your own at once.")
    print("Second factor: add the secret to an authenticator app, or run")
    print("  .venv/bin/python scripts/demo_service.py code EMAIL\n")
    for account in result["accounts"]:
        where = f" ({account.delegation})" if account.delegation else ""
        print(f"  {account.role + where:<32} {account.email:<38} {account.password:<26} {account.totp_secret}")
    examples = {f["language"]: f for f in result["files"] if f["status"] != "withdrawn"}
    print(f"\nFollow a file as its complainant at {origin}/fr/track/ (reference and tracking code):")
    for lang in ("fr", "ar", "es", "nl"):
        if lang in examples:
            print(f"  {lang}: {examples[lang]['reference']}  {examples[lang]['tracking_code']}")
    print(f"  every seeded file: {Config.from_env().data_dir / 'demo-files.json'}\n")


def main(argv: list[str]) -> int:
    if argv[:1] == ["seed"]:
        config = Config.from_env()
        try:
            result = seed(config)
        except DemoRefused as refusal:
            print(f"make demo: {refusal}", file=sys.stderr)
            return 2
        print_welcome(result, config["SAWT_SITE_ORIGIN"] or "http://127.0.0.1:8000")
        return 0
    if len(argv) == 2 and argv[0] == "code":
        import random

        known = {a.email: a for a in accounts(random.Random(DEMO_SEED + 1))}
        if argv[1] not in known:
            print(f"not a demo account; one of: {', '.join(email for email, *_ in STAFF)}", file=sys.stderr)
            return 2
        print(totp_now(known[argv[1]].totp_secret))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

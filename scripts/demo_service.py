"""The demonstration service (`make demo`): seed it, and say how to sign in.

    python scripts/demo_service.py seed        seed SAWT_DATA_DIR (or the AWS tables) and print the accounts
    python scripts/demo_service.py code EMAIL  the current second-factor code of a demo account

Demonstration only: these accounts' passwords and second factors are printed on purpose; they are new
at every start (never derived from the public seed).
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

from demo.seed import STAFF, DemoRefused, seed, totp_now  # noqa: E402

from functions.platform.config import Config  # noqa: E402
from functions.storage import open_store  # noqa: E402


def print_welcome(result: dict, origin: str) -> None:
    print("\nSawt — DEMONSTRATION (every file, person and account is fictional)\n")
    print(f"Staff sign in at {origin}/admin/ — the password is one-time: you choose your own at once.")
    print("Second factor: add the secret to an authenticator app, or run")
    print("  .venv/bin/python scripts/demo_service.py code EMAIL\n")
    for account in result["accounts"]:
        where = f" ({account.delegation})" if account.delegation else ""
        print(f"  {account.role + where:<32} {account.email:<38} {account.password:<26} {account.totp_secret}")
    print("\nFollow a file as its complainant (reference and tracking code):")
    for lang, status, what in (("fr", "information_requested", "answer the request"),
                               ("ar", "information_requested", "answer the request"),
                               ("fr", "in_progress", "read, or withdraw"), ("ar", "resolved", "a decision"),
                               ("es", "under_review", "read")):  # fmt: skip
        found = next((f for f in result["files"] if f["language"] == lang and f["status"] == status), None)
        if found:
            print(f"  {origin}/{lang}/track/  {found['reference']}  {found['tracking_code']}  ({what})")
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
        if config.storage == "local":  # for scripts/demo_screenshots.py; the person's eyes only
            accounts_file = config.data_dir / "demo-accounts.json"
            accounts_file.touch(mode=0o600)
            accounts_file.write_text(json.dumps([vars(a) for a in result["accounts"]]))
        return 0
    if len(argv) == 2 and argv[0] == "code":
        code = totp_now(open_store(Config.from_env()), argv[1])
        if code is None:
            print(f"not a demo account; one of: {', '.join(email for email, *_ in STAFF)}", file=sys.stderr)
            return 2
        print(code)
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

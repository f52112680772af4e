"""Add a staff account from the command line (the first admin, or when the admin is unreachable):

    make staff EMAIL=someone@mediateur.ma ROLE=admin|reviewer|delegation [DELEGATION=fes_meknes] [NAME="…"]
    make staff EMAIL=someone@cnss.ma ROLE=correspondent ADMINISTRATION=cnss [NAME="…"]

Prints a one-time password to hand over safely; the second factor is set up at the first sign-in.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from functions.admin.bootstrap import new_staff, one_time_expiry
from functions.admin.security import new_password
from functions.platform.config import Config
from functions.storage import open_store
from functions.storage.port import StaffExistsError
from schemas.administrations import administrations
from schemas.guidance import delegations


def main(argv) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--email", required=True)
    parser.add_argument("--role", required=True, choices=("admin", "reviewer", "delegation", "correspondent"))
    parser.add_argument("--delegation", default="")
    parser.add_argument("--administration", default="", help="a correspondent's administration (its code)")
    parser.add_argument("--name", default="")
    args = parser.parse_args(argv)
    codes = {d["code"] for d in delegations()}
    if args.role == "delegation" and args.delegation not in codes:
        parser.error(f"--delegation must be one of {sorted(codes)}")
    if args.role == "correspondent" and args.administration not in administrations():
        parser.error(f"--administration must be one of {sorted(administrations())}")
    password = new_password()
    config = Config.from_env()
    store = open_store(config)
    expires_at = one_time_expiry(config)
    try:
        store.create_staff(
            new_staff(
                args.email,
                args.name or args.email,
                args.role,
                args.delegation or None,
                password,
                expires_at=expires_at,
                administration=args.administration or None,
            )
        )
    except StaffExistsError:
        print(f"{args.email} exists already", file=sys.stderr)
        return 1
    hours = config.int("SAWT_ONE_TIME_PASSWORD_HOURS")
    print(f"{args.email} ({args.role}) created; the password works for {hours} hours.")
    print(f"One-time password, to hand over safely: {password}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

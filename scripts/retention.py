"""Apply the retention rule now, or list what it would anonymise (nothing is changed):

    make retention-dry-run     # the files due, by reference and closing date, and the audit bound
    make retention             # anonymise them (one server does this itself every 10 minutes)
    .venv/bin/python scripts/retention.py --backfill   # AWS, once after upgrading: date files closed before

Works on either backend (SAWT_STORAGE); the listing holds no personal data.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from functions.cases.retention import from_config
from functions.platform.config import Config


def main(argv) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="list what is due, change nothing")
    parser.add_argument("--backfill", action="store_true", help="AWS: date the files closed before this version")
    args = parser.parse_args(argv)
    config = Config.from_env()
    retention = from_config(config)
    if args.backfill:
        if not hasattr(retention.store, "backfill_closing"):
            print("nothing to do on one server: migration 0009 dated them")
            return 0
        print(f"dated {retention.store.backfill_closing()} files closed before this version")
        print(f"paused {retention.store.backfill_paused()} forwardings of files closed before this version")
        return 0
    if args.dry_run:
        due = retention.store.closed_before(retention.cutoff(), 10_000)
        print(f"files closed before {retention.cutoff()} (SAWT_RETENTION_YEARS={config['SAWT_RETENTION_YEARS']}), "
              f"to anonymise: {len(due)}")  # fmt: skip
        for reference, closed_at in due:
            grievance = retention.store.get_grievance(reference)
            print(f"  {reference}  closed {closed_at[:10]}  {grievance.status}  {grievance.category}")
        report = retention.run(dry_run=True)
        print(f"audit entries before {report['audit_before']} are removed "
              f"(SAWT_AUDIT_RETENTION_YEARS={config['SAWT_AUDIT_RETENTION_YEARS']})")  # fmt: skip
        return 0
    report = retention.run()
    print(f"anonymised {report['anonymised']} files closed before {report['cutoff']}; "
          f"removed {report['audit']} audit entries before {report['audit_before']}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

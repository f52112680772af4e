"""Back up the embedded backend, or restore a backup into an empty data directory:

    make backup TO=/backup/sawt-2026-12-02.tar.gz     (or a folder; SAWT_DATA_DIR is what is copied)
    make restore FROM=/backup/sawt-2026-12-02.tar.gz  (into SAWT_DATA_DIR, which must be empty)

The server may keep running during a backup; stop it for a restore. See docs/operations.md.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from functions.platform.config import Config
from functions.storage.local_backup import BackupError, back_up, restore


def main(argv) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("backup").add_argument("--to", required=True, type=Path)
    commands.add_parser("restore").add_argument("--from", dest="source", required=True, type=Path)
    args = parser.parse_args(argv)
    config = Config.from_env()
    if config.storage != "local":
        print("backups here are of the embedded backend; on AWS see docs/operations.md (PITR, S3 versions)")
        return 2
    try:
        if args.command == "backup":
            manifest = back_up(config.data_dir, args.to)
            print(f"backup of {config.data_dir} in {args.to}: {len(manifest['files'])} files,"
                  f" schema {manifest['schema_version']}")  # fmt: skip
            for gone in manifest["missing_documents"]:
                print(f"  not copied (gone since the snapshot): upload {gone['upload_id']} ({gone['status']})")
        else:
            manifest = restore(args.source, config.data_dir)
            print(f"restored the backup of {manifest['made_at']} into {config.data_dir}: "
                  f"{len(manifest['files'])} files checked; start the server")  # fmt: skip
    except BackupError as error:
        print(f"refused: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

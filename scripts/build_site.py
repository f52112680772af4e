"""Build the static site: python scripts/build_site.py [destination]"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]

from portal.build import DEFAULT_DESTINATION, build  # noqa: E402

if __name__ == "__main__":
    result = build(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DESTINATION)
    print(f"built {result['pages']} pages into {result['destination']} in {result['seconds']:.2f} s")

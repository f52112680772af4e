"""Draw every partner's QR codes and A4 posters, one per language it serves:

    python scripts/posters.py [out dir]      (make posters: build/posters/<slug>/…)

Links use SAWT_SITE_ORIGIN (the public address of the site).
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from functions.platform.config import Config  # noqa: E402
from functions.web.posters import partner_link, poster_svg, qr_svg  # noqa: E402
from schemas.guidance import partners  # noqa: E402


def main(out: Path) -> int:
    origin = Config.from_env()["SAWT_SITE_ORIGIN"]
    count = 0
    for slug, partner in partners().items():
        folder = out / slug
        folder.mkdir(parents=True, exist_ok=True)
        for lang in partner["languages"]:
            (folder / f"qr-{lang}.svg").write_text(qr_svg(partner_link(origin, slug, lang)), encoding="utf-8")
            (folder / f"poster-{lang}.svg").write_text(poster_svg(partner, lang, origin), encoding="utf-8")
            count += 2
    print(f"wrote {count} files for {len(partners())} partners into {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "posters"))

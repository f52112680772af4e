"""Draw every partner's QR codes and A4 posters, one per language it serves, each poster as SVG and PDF:

    python scripts/posters.py [out dir]      (make posters: build/posters/<slug>/…)

Links use SAWT_SITE_ORIGIN (the public address of the site; for `make run` without it, the local
server's own address on PORT). The PDF is printed by Chromium (Debian's, driven by Playwright): it
shapes Arabic with HarfBuzz and embeds the fonts, where CairoSVG draws Arabic letters unjoined and
ReportLab would need a shaping and bidi layer of its own.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from functions.platform.config import Config  # noqa: E402
from functions.web.posters import partner_link, poster_svg, qr_svg  # noqa: E402
from schemas.guidance import partners  # noqa: E402


def write_pdfs(svgs: list[Path], browser=None) -> None:
    """poster-<lang>.pdf beside each poster-<lang>.svg: A4, no margin added (the poster keeps its own).
    browser: a Playwright Chromium already running (the tests'), or None to start Debian's."""
    if browser is None:
        from playwright.sync_api import sync_playwright

        from scripts.serving import CHROMIUM, CHROMIUM_ARGS

        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            write_pdfs(svgs, launched)
            launched.close()
        return
    page = browser.new_page()
    for svg in svgs:
        page.goto(svg.resolve().as_uri())
        page.pdf(path=str(svg.with_suffix(".pdf")), width="210mm", height="297mm", print_background=True,
                 margin={"top": "0", "right": "0", "bottom": "0", "left": "0"}, page_ranges="1")  # fmt: skip
    page.close()


def main(out: Path, pdf: bool = True) -> int:
    origin = Config.from_env()["SAWT_SITE_ORIGIN"]
    svgs = []
    for slug, partner in partners().items():
        folder = out / slug
        folder.mkdir(parents=True, exist_ok=True)
        for lang in partner["languages"]:
            (folder / f"qr-{lang}.svg").write_text(qr_svg(partner_link(origin, slug, lang)), encoding="utf-8")
            poster = folder / f"poster-{lang}.svg"
            poster.write_text(poster_svg(partner, lang, origin), encoding="utf-8")
            svgs.append(poster)
    if pdf:
        write_pdfs(svgs)
    kinds = "SVG and PDF" if pdf else "SVG"
    print(f"wrote {len(svgs)} posters ({kinds}) and QR codes for {len(partners())} partners into {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "posters"))

"""Every poster's text lies inside the printable area, for every partner and language, measured
again here with the real fonts and HarfBuzz shaping (Pillow + raqm), not the layout's own table."""

import re
import sys

import pytest
from PIL import ImageFont

from functions.web.posters import HEIGHT, MARGIN, WIDTH, poster_svg
from schemas.guidance import partners
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import generate_font_metrics

ORIGIN = "https://sawt.mediateur.ma"
PRINTER_MARGIN = 80  # 8 mm: what a printer may leave blank
TEXT = re.compile(r"<text ([^>]*)>([^<]*)</text>")
CASES = [(slug, lang) for slug, p in partners().items() for lang in p["languages"]]


def attribute(attrs: str, name: str, default=None):
    found = re.search(rf'(?<![\w-]){name}="([^"]*)"', attrs)
    return found.group(1) if found else default


def font(attrs: str, size: float) -> ImageFont.FreeTypeFont:
    face = (
        "mono"
        if "Mono" in attribute(attrs, "font-family", "")
        else "bold"
        if 'font-weight="700"' in attrs
        else "regular"
    )
    path = generate_font_metrics.FONTS / generate_font_metrics.FACES[face]
    return ImageFont.truetype(str(path), round(size), layout_engine=ImageFont.Layout.RAQM)


def boxes(svg: str, lang: str):
    import html

    for attrs, raw in TEXT.findall(svg):
        text = html.unescape(raw)
        size = float(attribute(attrs, "font-size"))
        x, y = float(attribute(attrs, "x")), float(attribute(attrs, "y"))
        rtl = attribute(attrs, "direction") == "rtl"
        f = font(attrs, size)
        left, top, right, bottom = f.getbbox(text, direction="rtl" if rtl else "ltr", language=lang, anchor="ls")
        width = right - left
        anchor = attribute(attrs, "text-anchor")
        x0 = x - width / 2 if anchor == "middle" else x - width if rtl else x
        yield text, (x0, y + top, x0 + width, y + bottom)


def test_the_font_table_is_current():
    assert generate_font_metrics.TARGET.read_text(encoding="utf-8") == generate_font_metrics.render()


@pytest.mark.parametrize("slug, lang", CASES)
def test_every_line_is_inside_the_printable_area(slug, lang):
    svg = poster_svg(partners()[slug], lang, ORIGIN)
    lines = list(boxes(svg, lang))
    assert len(lines) >= 8
    for text, (x0, y0, x1, y1) in lines:
        assert x0 >= PRINTER_MARGIN and x1 <= WIDTH - PRINTER_MARGIN, (text, x0, x1)
        assert y0 >= PRINTER_MARGIN and y1 <= HEIGHT - PRINTER_MARGIN, (text, y0, y1)
        if text != "Sawt · صوت":  # the banner's name: in the green band, which prints to the edge
            assert x0 >= MARGIN - 1 and x1 <= WIDTH - MARGIN + 1, (text, x0, x1)


@pytest.mark.parametrize("slug, lang", CASES)
def test_the_partners_name_is_printed_whole(slug, lang):
    from functions.platform.i18n import translations

    svg = poster_svg(partners()[slug], lang, ORIGIN)
    name = translations(lang).gettext(partners()[slug]["name"])
    printed = " ".join(text for text, _box in boxes(svg, lang))
    assert name in printed or all(word in printed for word in name.split())


def test_a_long_name_wraps_and_the_page_still_holds():
    partner = {**partners()["consulat-lyon"], "name": "Association des Marocains " * 8}
    svg = poster_svg(partner, "fr", ORIGIN)
    for text, (x0, _y0, x1, y1) in boxes(svg, "fr"):
        assert x0 >= PRINTER_MARGIN and x1 <= WIDTH - PRINTER_MARGIN and y1 <= HEIGHT - PRINTER_MARGIN, text


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_printed_pdf_keeps_every_mark_off_the_printers_margin(browser, tmp_path, lang):
    """The PDF as Chromium prints it, rasterised by poppler: below the green band (which may bleed),
    nothing is drawn within 8 mm of an edge, and the last line (the partner's name) is on the page."""
    import subprocess

    import posters as poster_script
    from PIL import Image

    svg = tmp_path / f"poster-{lang}.svg"
    svg.write_text(poster_svg(partners()["consulat-paris"], lang, ORIGIN), encoding="utf-8")
    poster_script.write_pdfs([svg], browser)
    subprocess.run(["pdftoppm", "-r", "100", "-png", "-singlefile", str(svg.with_suffix(".pdf")), str(tmp_path / "page")],
                   check=True, timeout=120)  # fmt: skip
    image = Image.open(tmp_path / "page.png").convert("L")
    width, height = image.size  # 100 dpi: 827 × 1169
    band = round(8 / 25.4 * 100)
    banner = round(330 / HEIGHT * height) + 2
    dark = [(x, y) for y in range(banner, height) for x in range(width) if image.getpixel((x, y)) < 200]
    assert dark, "nothing printed below the banner"
    xs, ys = [x for x, _ in dark], [y for _, y in dark]
    assert min(xs) >= band and max(xs) < width - band and max(ys) < height - band, (min(xs), max(xs), max(ys))


def test_the_posters_address_follows_the_site_origin_then_port():
    from functions.platform.config import Config

    assert Config.from_env({"PORT": "8080"})["SAWT_SITE_ORIGIN"] == "http://127.0.0.1:8080"  # make run PORT=8080
    assert Config.from_env({"PORT": "8080", "SAWT_SITE_ORIGIN": ORIGIN})["SAWT_SITE_ORIGIN"] == ORIGIN
    assert Config.from_env({})["SAWT_SITE_ORIGIN"] == "http://127.0.0.1:8000"
    svg = poster_svg(partners()["consulat-paris"], "fr", Config.from_env({"PORT": "8080"})["SAWT_SITE_ORIGIN"])
    assert ">http://127.0.0.1:8080/p/consulat-paris/fr/</text>" in svg


def test_make_posters_writes_every_poster_and_qr_code(tmp_path):
    import posters as poster_script

    poster_script.main(tmp_path, pdf=False)  # (the PDFs: printed and rasterised above, in French and Arabic)
    for slug, lang in CASES:
        assert (tmp_path / slug / f"poster-{lang}.svg").is_file() and (tmp_path / slug / f"qr-{lang}.svg").is_file()

"""Write functions/web/font_metrics.json: the advance width of every character the posters print,
in the fonts they name (DejaVu Sans, Bold, Mono), measured by Pillow with HarfBuzz shaping (raqm).

Run after changing a poster's words, a translation of them or the partners; a test checks the file
is current. The admin function lays posters out from this small table (no Pillow, no font files on
Lambda); tests/test_poster_layout.py measures every line again with the real fonts and shaping.

Arabic letters join: each is given the width of its middle form (between two tatweels), the form
most of a word's letters take; tests/test_poster_layout.py checks every shaped line still fits.
"""

import json
import sys
from pathlib import Path

from PIL import ImageFont

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from functions.platform.i18n import translations  # noqa: E402
from functions.web import posters  # noqa: E402
from schemas.guidance import partners  # noqa: E402
from schemas.vocabulary import LANGUAGES  # noqa: E402

TARGET = ROOT / "functions" / "web" / "font_metrics.json"
FONTS = Path("/usr/share/fonts/truetype/dejavu")  # Debian's fonts-dejavu-core (the Makefile installs it)
FACES = {"regular": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf", "mono": "DejaVuSansMono.ttf"}
UNITS = 1000  # widths at a font size of 1000
TATWEEL = "\u0640"


def poster_characters() -> str:
    texts = [posters.TITLE, posters.PROMISE, *posters.STEPS, posters.SHARED_BY, "Sawt · صوت", "0123456789. "]
    texts += [p["name"] for p in partners().values()]
    seen = set()
    for text in texts:
        for lang in LANGUAGES:
            seen.update(translations(lang).gettext(text))
    seen.update(chr(c) for c in range(32, 127))  # the web address and whatever ASCII a partner's name holds
    return "".join(sorted(seen))


def width(font: ImageFont.FreeTypeFont, ch: str) -> float:
    if not "\u0600" <= ch <= "\u06ff" or ch == TATWEEL:
        return font.getlength(ch)
    return font.getlength(TATWEEL + ch + TATWEEL) - 2 * font.getlength(TATWEEL)


def build() -> dict:
    chars = poster_characters()
    out = {}
    for face, name in FACES.items():
        font = ImageFont.truetype(str(FONTS / name), UNITS, layout_engine=ImageFont.Layout.RAQM)
        out[face] = {ch: round(width(font, ch), 1) for ch in chars}
    return out


def render() -> str:
    return (
        "{\n" + ",\n".join(f"{json.dumps(f)}:{json.dumps(w, ensure_ascii=False)}" for f, w in build().items()) + "\n}\n"
    )


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")

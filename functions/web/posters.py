"""QR codes and A4 posters for partners, per language (segno; SVG, printable, right-to-left in Arabic).

The QR code holds the partner's link exactly, and the poster prints it in plain text too, for people
whose phone cannot scan. Every line is measured with the advance widths of the font the poster
names (font_metrics.json, scripts/generate_font_metrics.py) and wrapped to the printable width;
when the whole does not fit the page, every size shrinks together. No text comes nearer than
MARGIN (16 mm) to an edge: printers cannot print the outer 5-8 mm.
"""

import functools
import html
import io
import json
from pathlib import Path

import segno

from schemas.error_codes import N_

from ..platform.i18n import text_direction, translations

WIDTH, HEIGHT, MARGIN = 2100, 2970, 160  # A4 in tenths of a millimetre; text keeps 16 mm from every edge
PRINTABLE = WIDTH - 2 * MARGIN
GREEN = "#0b5d3b"
FONT = "'DejaVu Sans', 'Noto Sans', 'Noto Naskh Arabic', Arial, sans-serif"  # measured: the first
MONO = "'DejaVu Sans Mono', monospace"
METRICS = Path(__file__).with_name("font_metrics.json")
DESCENT, ASCENT = 0.24, 0.93  # of the font size, below and above the baseline (DejaVu Sans)
QR_SIZE = 760

TITLE = N_("A problem with a Moroccan administration?")
PROMISE = N_("File your grievance with the Ombudsman from where you live: free, in your language, without travelling.")
STEPS = (
    N_("Scan the code with your phone, or type the address below."),
    N_("Answer a few questions: we tell you if the Ombudsman can help."),
    N_("Send your grievance and keep your reference to follow it."),
)
SHARED_BY = N_("This link was shared with you by:")


def partner_link(origin: str, slug: str, lang: str) -> str:
    return f"{origin.rstrip('/')}/p/{slug}/{lang}/"


def qr_svg(link: str, nested: bool = False) -> str:
    buffer = io.BytesIO()
    segno.make(link, error="m").save(
        buffer, kind="svg", scale=10, border=4, dark="#000000", light="#ffffff",
        xmldecl=not nested, omitsize=nested, svgclass=None, lineclass=None,
    )  # fmt: skip
    return buffer.getvalue().decode()


@functools.cache
def _metrics() -> dict:
    return json.loads(METRICS.read_text(encoding="utf-8"))


def text_width(text: str, size: float, face: str = "regular") -> float:
    widths = _metrics()[face]
    fallback = widths["M"]  # a character the table lacks counts as wide as M (never narrower than it is)
    return sum(widths.get(ch, fallback) for ch in text) * size / 1000


def wrap(text: str, size: float, face: str = "regular", width: float = PRINTABLE) -> list[str]:
    """Words into lines no wider than width; a word longer than a line is cut (a web address)."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if text_width(candidate, size, face) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while text_width(word, size, face) > width:
            cut = max(i for i in range(1, len(word) + 1) if text_width(word[:i], size, face) <= width)
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    return [*lines, line] if line else lines or [""]


def _layout(partner: dict, lang: str, link: str, scale: float) -> tuple[list[tuple], float]:
    """(lines as (kind, text, size, face, y), the bottom of the last line) at a scale of the sizes."""
    gettext = translations(lang).gettext
    out, y = [], 560 * scale + 330 * (1 - scale)

    def block(text, size, face="regular", gap=1.2, indent=""):
        nonlocal y
        size *= scale
        for index, line in enumerate(wrap(text, size, face, PRINTABLE - text_width(indent, size, face))):
            out.append(("text", (indent if index else "") + line, size, face, y))
            y += size * gap

    block(gettext(TITLE), 120, "bold")
    y += 30 * scale
    block(gettext(PROMISE), 72, gap=1.3)
    y += 40 * scale
    for number, step in enumerate(STEPS, 1):
        block(f"{number}. {gettext(step)}", 64, gap=1.28, indent="\u00a0" * 5)  # (SVG collapses spaces)
        y += 20 * scale
    out.append(("qr", "", QR_SIZE * scale, "", y + 20 * scale))
    y += (QR_SIZE + 110) * scale
    link_size = 64 * scale
    while text_width(link, link_size, "mono") > PRINTABLE:  # the address is never cut: it shrinks
        link_size *= 0.95
    out.append(("link", link, link_size, "mono", y))
    y += 110 * scale
    block(gettext(SHARED_BY), 56, gap=1.43)
    block(gettext(partner["name"]), 60, "bold")
    last = out[-1]
    return out, last[4] + last[2] * DESCENT


def poster_lines(partner: dict, lang: str, origin: str) -> list[tuple]:
    """The poster's content laid out to fit the printable area, shrinking everything if needed."""
    link = partner_link(origin, partner["slug"], lang)
    scale = 1.0
    lines, bottom = _layout(partner, lang, link, scale)
    while bottom > HEIGHT - MARGIN and scale > 0.5:
        scale -= 0.05
        lines, bottom = _layout(partner, lang, link, scale)
    return lines


def poster_svg(partner: dict, lang: str, origin: str) -> str:
    rtl = text_direction(lang) == "rtl"
    link = partner_link(origin, partner["slug"], lang)
    # In Arabic the text starts at the right margin and runs leftwards.
    x = WIDTH - MARGIN if rtl else MARGIN
    # With direction="rtl", "start" is the right end of a line: lines hang from the right margin.
    text_attrs = f'x="{x}" direction="{"rtl" if rtl else "ltr"}" text-anchor="start"'
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="210mm" height="297mm" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'lang="{lang}" font-family="{FONT}">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        f'<rect width="{WIDTH}" height="330" fill="{GREEN}"/>',
        # The name in both scripts, whatever the language: people know it by either.
        f'<text {text_attrs} y="225" font-size="150" font-weight="700" fill="#ffffff">Sawt · صوت</text>',
    ]
    for kind, text, size, face, y in poster_lines(partner, lang, origin):
        y, size = round(y, 1), round(size, 1)
        if kind == "qr":
            qr = qr_svg(link, nested=True)
            left = round((WIDTH - size) / 2, 1)
            parts.append(qr.replace("<svg ", f'<svg x="{left}" y="{y}" width="{size}" height="{size}" ', 1))
        elif kind == "link":
            parts.append(f'<text x="{WIDTH // 2}" y="{y}" text-anchor="middle" direction="ltr" font-size="{size}" '
                         f'font-family="{MONO}" fill="{GREEN}">{html.escape(text)}</text>')  # fmt: skip
        else:
            weight = ' font-weight="700"' if face == "bold" else ""
            parts.append(
                f'<text {text_attrs} y="{y}" font-size="{size}"{weight} fill="#1b1b1b">{html.escape(text)}</text>'
            )
    parts.append("</svg>")
    return "\n".join(parts)

"""QR codes and A4 posters for partners, per language (segno; SVG, printable, right-to-left in Arabic).

The QR code holds the partner's link exactly, and the poster prints it in plain text too, for people
whose phone cannot scan.
"""

import html
import io
import textwrap

import segno

from schemas.error_codes import N_

from ..platform.i18n import text_direction, translations

WIDTH, HEIGHT, MARGIN = 2100, 2970, 160  # A4 in tenths of a millimetre
GREEN = "#0b5d3b"

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


def _lines(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width=width, break_long_words=False) or [""]


def poster_svg(partner: dict, lang: str, origin: str) -> str:
    gettext = translations(lang).gettext
    rtl = text_direction(lang) == "rtl"
    link = partner_link(origin, partner["slug"], lang)
    # In Arabic the text starts at the right margin and runs leftwards.
    x = WIDTH - MARGIN if rtl else MARGIN
    # With direction="rtl", "start" is the right end of a line: lines hang from the right margin.
    text_attrs = f'x="{x}" direction="{"rtl" if rtl else "ltr"}" text-anchor="start"'
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="210mm" height="297mm" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f"lang=\"{lang}\" font-family=\"system-ui, 'Noto Sans', 'Noto Naskh Arabic', Arial, sans-serif\">",
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        f'<rect width="{WIDTH}" height="330" fill="{GREEN}"/>',
        # The name in both scripts, whatever the language: people know it by either.
        f'<text {text_attrs} y="225" font-size="150" font-weight="700" fill="#ffffff">Sawt · صوت</text>',
    ]
    y = 560
    for line in _lines(gettext(TITLE), 24):
        parts.append(
            f'<text {text_attrs} y="{y}" font-size="120" font-weight="700" fill="#1b1b1b">{html.escape(line)}</text>'
        )
        y += 145
    y += 30
    for line in _lines(gettext(PROMISE), 42):
        parts.append(f'<text {text_attrs} y="{y}" font-size="72" fill="#1b1b1b">{html.escape(line)}</text>')
        y += 95
    y += 40
    for number, step in enumerate(STEPS, 1):
        for index, line in enumerate(_lines(gettext(step), 44)):
            shown = f"{number}. {line}" if index == 0 else f"    {line}"
            parts.append(f'<text {text_attrs} y="{y}" font-size="64" fill="#1b1b1b">{html.escape(shown)}</text>')
            y += 82
        y += 20
    size = 760
    qr = qr_svg(link, nested=True)
    qr = qr.replace("<svg ", f'<svg x="{(WIDTH - size) // 2}" y="{y + 20}" width="{size}" height="{size}" ', 1)
    parts.append(qr)
    y += size + 110
    parts.append(f'<text x="{WIDTH // 2}" y="{y}" text-anchor="middle" direction="ltr" font-size="64" '
                 f'font-family="monospace" fill="{GREEN}">{html.escape(link)}</text>')  # fmt: skip
    y += 110
    parts.append(f'<text {text_attrs} y="{y}" font-size="56" fill="#505a5f">{html.escape(gettext(SHARED_BY))}</text>')
    parts.append(
        f'<text {text_attrs} y="{y + 80}" font-size="60" font-weight="700" fill="#1b1b1b">'
        f"{html.escape(gettext(partner['name']))}</text>"
    )
    parts.append("</svg>")
    return "\n".join(parts)

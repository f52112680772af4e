"""The demonstration's documents: a one-page PDF letter and a small photo, made here so the seed needs
no file from outside, each visibly marked as fictional."""

import io
import random

from PIL import Image, ImageDraw


def letter_pdf(title: str, lines: list[str]) -> bytes:
    """A valid one-page A4 PDF (Helvetica, Latin text only: PDF's built-in fonts have no Arabic),
    written by hand because the seed needs a few hundred bytes, not a PDF library."""

    def escape(text: str) -> str:
        text = text.encode("latin-1", "replace").decode("latin-1")
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    rows = ["BT /F1 16 Tf 60 780 Td (" + escape(title) + ") Tj ET"]
    for n, line in enumerate(["DEMONSTRATION - document fictif / fictional document", *lines]):
        rows.append(f"BT /F1 11 Tf 60 {740 - 18 * n} Td (" + escape(line) + ") Tj ET")
    stream = "\n".join(rows).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def photo_jpeg(rng: random.Random, caption: str) -> bytes:
    """A small photo-like JPEG (a sheet of paper on a table, a few lines of 'text'), about 10 KB."""
    image = Image.new("RGB", (480, 360), (rng.randint(120, 160), rng.randint(90, 120), rng.randint(60, 90)))
    draw = ImageDraw.Draw(image)
    draw.polygon([(70, 30), (420, 22), (430, 340), (62, 335)], fill=(244, 242, 236))
    for row in range(12):
        y = 70 + row * 20
        draw.line([(100, y), (100 + rng.randint(180, 300), y)], fill=(60, 60, 70), width=3)
    draw.text((100, 40), caption, fill=(150, 20, 20))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=70)
    return out.getvalue()

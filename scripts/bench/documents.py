"""Bytes and legibility of photographed paper documents: the page's document mode against today's
colour path, both run in Chromium on the same photos, read back by Tesseract.

    python scripts/bench/documents.py [--pages 6] [--json out.json] [--keep DIR]

The photos are made here, reproducibly (seeded): printed French and Arabic text on an A4 sheet
(Noto Serif and Noto Naskh Arabic, shaped by libraqm), photographed-looking — laid on a table (wood,
dark cloth or a light grey top), in perspective with a small rotation, a shadow across it, the warm
tint of a lamp, sensor noise, a slight blur — at 12 megapixels (3000 × 4000), saved as the camera
would (JPEG, quality 90).

Each photo goes through the page's own code in Debian's Chromium (Playwright): the built chunks
`document.js` (`Sawt.Document.page`, what is sent for a page: WebP where the browser encodes it,
the JPEG a PDF of several pages embeds) and `attach.js` (`Sawt.Attach.shrink`, today's colour
JPEG at 1,600 px).

Legibility: Tesseract (Debian's, `fra` or `ara`) reads the original photo and each processed
page; character recall is the share of the printed text's characters (spaces aside) found in the
OCR text, in order (difflib's longest matching blocks). `recall` is the processed page's recall
divided by the original photo's: 1.0 means OCR reads the page sent as well as the photo taken
(capped at 1; counted only where OCR reads the photo itself, recall ≥ 0.5 — Tesseract often fails
on a raw photo in perspective). `recall_vs_sheet` divides by the recall on the flat printed sheet
(300 dpi, before it was photographed), so every page counts.

Targets: median bytes per page ≤ 120,000 with median recall ≥ 0.95 on French and on Arabic pages.
"""

import argparse
import base64
import difflib
import math
import os
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "site")]

from portal.assets import bundle_source  # noqa: E402

from scripts.bench.report import print_table, write_json  # noqa: E402
from scripts.serving import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

MAX_BYTES_PER_PAGE = 120_000
MIN_RECALL = 0.95
READABLE = 0.5  # the photo's own recall below which it is no reference
FONTS = Path("/usr/share/fonts/truetype/noto")
FRAME = (3000, 4000)  # 12 MP, portrait, as a phone holds it for a sheet of paper
A4 = (2480, 3508)  # 300 dpi

FRENCH = [
    "Royaume du Maroc — Commune urbaine de Tanger",
    "Objet : demande de copie intégrale d'acte de naissance",
    "Monsieur le Président du conseil communal,",
    "J'ai l'honneur de solliciter de votre haute bienveillance la délivrance d'une copie",
    "intégrale de mon acte de naissance, enregistré sous le numéro 1287 de l'année 1984,",
    "afin de compléter le dossier de renouvellement de ma carte nationale d'identité",
    "auprès du consulat général du Royaume à Bruxelles. Ma première demande, déposée le",
    "12 mars dernier au guichet de l'état civil, est restée sans réponse à ce jour.",
    "Je reste à votre disposition pour tout renseignement complémentaire et vous prie",
    "d'agréer, Monsieur le Président, l'expression de ma haute considération.",
    "Pièces jointes : copie de la carte consulaire, récépissé du 12 mars, procuration.",
    "Décision n° 2024/317 du tribunal de première instance de Casablanca, audience du",
    "14 juin : le tribunal ordonne l'exécution du jugement et la restitution des biens",
    "dans un délai de trente jours à compter de la notification de la présente décision.",
]
ARABIC = [
    "المملكة المغربية - جماعة طنجة",
    "الموضوع: طلب نسخة كاملة من رسم الولادة",
    "السيد رئيس المجلس الجماعي المحترم،",
    "يشرفني أن أطلب من سيادتكم تسليمي نسخة كاملة من رسم ولادتي المسجل",
    "تحت رقم ألف ومائتين وسبعة وثمانين من سنة ألف وتسعمائة وأربعة وثمانين،",
    "وذلك لاستكمال ملف تجديد بطاقتي الوطنية للتعريف لدى القنصلية العامة",
    "للمملكة ببروكسيل. وقد أودعت طلبي الأول لدى مكتب الحالة المدنية",
    "في الثاني عشر من شهر مارس الماضي، ولم أتلق أي جواب إلى حدود اليوم.",
    "وتفضلوا، السيد الرئيس، بقبول فائق عبارات التقدير والاحترام.",
    "المرفقات: نسخة من البطاقة القنصلية، وصل الإيداع، وكالة.",
    "قرار المحكمة الابتدائية بالدار البيضاء في جلسة الرابع عشر من يونيو:",
    "تأمر المحكمة بتنفيذ الحكم وإرجاع الممتلكات داخل أجل ثلاثين يوما",
    "ابتداء من تاريخ تبليغ هذا القرار إلى المعنيين بالأمر.",
]
TABLES = ("wood", "cloth", "grey")


def sheet(lang: str, rng: random.Random) -> tuple[Image.Image, str]:
    """A printed A4 page (300 dpi) and the text printed on it."""
    page = Image.new("L", A4, 250)
    draw = ImageDraw.Draw(page)
    arabic = lang == "ara"
    body = ImageFont.truetype(
        str(FONTS / ("NotoNaskhArabic-Regular.ttf" if arabic else "NotoSerif-Regular.ttf")),
        46,  # 11 pt at 300 dpi
        layout_engine=ImageFont.Layout.RAQM,
    )
    lines = (ARABIC if arabic else FRENCH)[:]
    head, rest = lines[:2], lines[2:]
    rng.shuffle(rest)
    lines = head + rest
    y, margin = 260, 230
    for line in lines:
        kwargs = {"direction": "rtl", "language": "ar"} if arabic else {}
        width = draw.textlength(line, font=body, **kwargs)
        x = A4[0] - margin - width if arabic else margin
        draw.text((x, y), line, font=body, fill=25, **kwargs)
        y += 108 if line in head else 92
    return page, "\n".join(lines)


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination (8 unknowns): no numpy for one perspective transform."""
    n = len(b)
    m = [[*row, b[i]] for i, row in enumerate(a)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(n):
            if r != col:
                f = m[r][col] / m[col][col]
                m[r] = [x - f * y for x, y in zip(m[r], m[col], strict=True)]
    return [m[i][n] / m[i][i] for i in range(n)]


def _perspective(dst: list[tuple[float, float]], src: list[tuple[float, float]]) -> list[float]:
    """PIL's PERSPECTIVE coefficients mapping each output point (dst) to its input point (src)."""
    a, b = [], []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        a.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        b.append(u)
        a.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        b.append(v)
    return _solve(a, b)


def table(kind: str, rng: random.Random) -> Image.Image:
    w, h = FRAME
    small = Image.new("RGB", (w // 8, h // 8))
    px = small.load()
    for y in range(small.height):
        for x in range(small.width):
            if kind == "wood":
                grain = 18 * ((x * 0.9 + 7 * ((y // 23) % 3)) % 11) / 11
                base = (128 + grain, 84 + grain * 0.6, 52)
            elif kind == "cloth":
                base = (58, 62, 74)
            else:
                base = (196, 194, 188)
            j = rng.randint(-8, 8)
            px[x, y] = tuple(max(0, min(255, int(c + j))) for c in base)
    return small.resize(FRAME, Image.Resampling.BILINEAR).filter(ImageFilter.GaussianBlur(3))


def photograph(page: Image.Image, kind: str, rng: random.Random) -> tuple[Image.Image, list[tuple[float, float]]]:
    """The sheet on a table, as a phone held above it would see it, and where its corners are."""
    w, h = FRAME
    photo = table(kind, rng)
    cx, cy, half_w, half_h = w / 2, h / 2, 0.41 * w, 0.41 * w * A4[1] / A4[0]
    corners = [(-half_w, -half_h), (half_w, -half_h), (half_w, half_h), (-half_w, half_h)]
    turn = math.radians(rng.uniform(-3, 3))
    dst = []
    for i, (x, y) in enumerate(corners):
        tilt = 1 + (0.05 if i >= 2 else -0.02)  # the bottom edge nearer the lens
        x, y = x * tilt, y
        x, y = x * math.cos(turn) - y * math.sin(turn), x * math.sin(turn) + y * math.cos(turn)
        dst.append((cx + x + rng.uniform(-40, 40), cy + y + rng.uniform(-40, 40)))
    src = [(0, 0), (A4[0], 0), (A4[0], A4[1]), (0, A4[1])]
    coeffs = _perspective(dst, src)
    warped = page.convert("RGB").transform(FRAME, Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC)
    mask = Image.new("L", A4, 255).transform(FRAME, Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BILINEAR)
    photo.paste(warped, (0, 0), mask)
    # A shadow across one side (a hand, the phone), and the warm light of a lamp.
    shade = Image.linear_gradient("L").rotate(rng.choice((90, 180, 270, 0))).resize(FRAME)
    shade = shade.point(lambda v: 150 + int(105 * min(1.0, v / 160)))
    photo = ImageChops.multiply(photo, Image.merge("RGB", (shade, shade, shade)))
    tint = Image.new("RGB", FRAME, (255, 244, 222))
    photo = ImageChops.multiply(photo, tint).filter(ImageFilter.GaussianBlur(1.1))
    noise = Image.effect_noise(FRAME, 10)  # around 128: added with an offset of -128
    photo = ImageChops.add(photo, Image.merge("RGB", (noise, noise, noise)), scale=1.0, offset=-128)
    return photo, dst


def recall(truth: str, text: str) -> float:
    a, b = "".join(truth.split()), "".join(text.split())
    matched = sum(m.size for m in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
    return matched / len(a)


def ocr(path: Path, lang: str) -> str:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # a shared machine: one core per reading
    return subprocess.run(
        ["tesseract", str(path), "-", "-l", lang], capture_output=True, text=True, check=True, env=env
    ).stdout


PROCESS = """async (url) => {
  const b64 = async (blob) => { const u = new Uint8Array(await blob.arrayBuffer()); let s = '';
    for (let i = 0; i < u.length; i += 32768) s += String.fromCharCode.apply(null, u.subarray(i, i + 32768));
    return btoa(s); };
  const photo = await (await fetch(url)).blob();
  const started = performance.now();
  const page = await Sawt.Document.page(photo);
  const ms = performance.now() - started;
  const sent = await Sawt.Document.join([page]);
  const colour = await Sawt.Attach.shrink(photo);
  return { ms, type: sent.type, sent: await b64(sent.blob), jpeg: await b64(page.jpeg), colour: await b64(colour) };
}"""


def run(pages: int, keep: Path | None) -> dict:
    from playwright.sync_api import sync_playwright

    work = keep or Path(tempfile.mkdtemp(prefix="sawt-documents-"))
    work.mkdir(parents=True, exist_ok=True)
    photos = []
    for lang in ("fra", "ara"):
        for i in range(pages):
            rng = random.Random(f"{lang}-{i}")
            page, text = sheet(lang, rng)
            path = work / f"{lang}-{i}.jpg"
            photograph(page, TABLES[i % len(TABLES)], rng)[0].save(path, quality=90)
            page.save(work / f"{lang}-{i}-sheet.png")
            photos.append({"lang": lang, "table": TABLES[i % len(TABLES)], "path": path, "text": text})
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        tab = browser.new_page()
        tab.route("http://bench.invalid/**", lambda route: _serve(route, work))
        tab.goto("http://bench.invalid/")
        tab.evaluate("window.Sawt = { el: (t) => document.createElement(t) }")
        tab.add_script_tag(content=bundle_source("document.js"))
        tab.add_script_tag(content=bundle_source("attach.js"))
        for photo in photos:
            out = tab.evaluate(PROCESS, f"http://bench.invalid/{photo['path'].name}")
            stem = photo["path"].stem
            files = {}
            for key, ext in (
                ("sent", ".webp" if out["type"] == "image/webp" else ".jpg"),
                ("jpeg", ".jpg"),
                ("colour", ".jpg"),
            ):
                files[key] = work / f"{stem}-{key}{ext}"
                files[key].write_bytes(base64.b64decode(out[key]))
            lang, text = photo["lang"], photo["text"]
            original = recall(text, ocr(photo["path"], lang))
            flat = recall(text, ocr(work / f"{stem}-sheet.png", lang))
            row = {
                "page": stem,
                "table": photo["table"],
                "original_bytes": photo["path"].stat().st_size,
                "colour_bytes": files["colour"].stat().st_size,
                "bytes": files["sent"].stat().st_size,
                "type": out["type"],
                "jpeg_bytes": files["jpeg"].stat().st_size,
                "ms": round(out["ms"]),
                "original_recall_abs": round(original, 3),
                "sheet_recall_abs": round(flat, 3),
            }
            for key in ("sent", "jpeg", "colour"):
                absolute = recall(text, ocr(files[key], lang))
                row[f"{key}_recall_abs"] = round(absolute, 3)
                # Never above 1 (reading better than the photo is no credit), and only where OCR
                # reads the photo itself: a ratio to nothing would mean nothing.
                row[f"{key}_recall"] = round(min(1.0, absolute / original), 3) if original >= READABLE else None
                row[f"{key}_recall_vs_sheet"] = round(min(1.0, absolute / flat), 3)
            print(f"  {stem}: {row['bytes']:,} B ({row['type']}), recall {row['sent_recall']}", file=sys.stderr)
            rows.append(row)
        browser.close()
    return {"rows": rows, "work": str(work)}


def _serve(route, work: Path) -> None:
    name = route.request.url.rsplit("/", 1)[-1]
    if not name:
        route.fulfill(body="<!doctype html><title>bench</title>", content_type="text/html")
    else:
        route.fulfill(body=(work / name).read_bytes(), content_type="image/jpeg")


def summary(rows: list[dict]) -> dict:
    def med(key, subset):
        values = [r[key] for r in subset if r[key] is not None]
        return statistics.median(values) if values else 0.0

    out = {}
    for lang in ("fra", "ara"):
        subset = [r for r in rows if r["page"].startswith(lang)]
        out[lang] = {
            "median_bytes_per_page": med("bytes", subset),
            "median_recall": med("sent_recall", subset),
            "median_jpeg_bytes_per_page": med("jpeg_bytes", subset),
            "median_jpeg_recall": med("jpeg_recall", subset),
            "median_colour_bytes_per_page": med("colour_bytes", subset),
            "median_colour_recall": med("colour_recall", subset),
            "median_recall_vs_sheet": med("sent_recall_vs_sheet", subset),
            "median_jpeg_recall_vs_sheet": med("jpeg_recall_vs_sheet", subset),
            "median_colour_recall_vs_sheet": med("colour_recall_vs_sheet", subset),
            "median_recall_vs_text": med("sent_recall_abs", subset),
            "median_original_recall_vs_text": med("original_recall_abs", subset),
            "pages": len(subset),
            "pages_unreadable_original": sum(r["original_recall_abs"] < READABLE for r in subset),
        }
    out["median_bytes_per_page"] = med("bytes", rows)
    out["median_recall"] = med("sent_recall", rows)
    out["median_recall_vs_sheet"] = med("sent_recall_vs_sheet", rows)
    out["median_jpeg_bytes_per_page"] = med("jpeg_bytes", rows)
    out["median_colour_bytes_per_page"] = med("colour_bytes", rows)
    out["ratio_to_colour"] = round(out["median_bytes_per_page"] / out["median_colour_bytes_per_page"], 3)
    out["meets_targets"] = all(
        out[lang]["median_bytes_per_page"] <= MAX_BYTES_PER_PAGE
        and out[lang]["median_jpeg_bytes_per_page"] <= MAX_BYTES_PER_PAGE
        and out[lang]["median_recall"] >= MIN_RECALL
        and out[lang]["median_jpeg_recall"] >= MIN_RECALL
        and out[lang]["median_recall_vs_sheet"] >= MIN_RECALL
        for lang in ("fra", "ara")
    )
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=6, help="photos per language (tables in turn)")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--keep", type=Path, help="keep the photos and processed pages here")
    args = parser.parse_args()
    result = run(args.pages, args.keep)
    result["summary"] = summary(result["rows"])
    print_table(
        result["rows"],
        [
            ("page", "page"),
            ("table", "table"),
            ("original_bytes", "photo B"),
            ("colour_bytes", "colour B"),
            ("colour_recall", "colour recall"),
            ("bytes", "document B"),
            ("sent_recall", "recall"),
            ("jpeg_bytes", "in PDF B"),
            ("jpeg_recall", "in PDF recall"),
            ("colour_recall_vs_sheet", "colour vs sheet"),
            ("sent_recall_vs_sheet", "document vs sheet"),
            ("original_recall_abs", "photo vs text"),
            ("sent_recall_abs", "document vs text"),
            ("ms", "ms"),
        ],
    )
    s = result["summary"]
    print(
        f"median bytes per page {s['median_bytes_per_page']:,.0f} (in a PDF {s['median_jpeg_bytes_per_page']:,.0f}), "
        f"median recall {s['median_recall']:.3f}; today's colour path {s['median_colour_bytes_per_page']:,.0f} "
        f"(ratio {s['ratio_to_colour']}); targets met: {s['meets_targets']}"
    )
    if args.json:
        write_json(args.json, result)
    return 0 if s["meets_targets"] else 1


if __name__ == "__main__":
    sys.exit(main())

"""Paper documents in Chromium: the document chunk's own code on photographed pages (found, never
cut, grey, smaller than today's colour photo), its PDF writer read back by poppler, and three page
photos becoming one verified PDF attachment, chosen offline and sent once online."""

import base64
import random
import re
import subprocess
from io import BytesIO

import pytest
from PIL import Image, ImageChops
from portal.assets import bundle_source

from scripts.bench.documents import TABLES, photograph, sheet
from tests.browser_helpers import continue_step, set_offline
from tests.test_browser_attachments import STORED_FILES, stored_grievance, to_documents_step
from tests.test_browser_offline import eventually, filings, open_controlled

pytestmark = pytest.mark.browser

PROCESS = """async ({ photo, pages }) => {
  const blob = new Blob([Uint8Array.from(atob(photo), c => c.charCodeAt(0))], { type: 'image/jpeg' });
  const b64 = async (b) => { const u = new Uint8Array(await b.arrayBuffer()); let s = '';
    for (let i = 0; i < u.length; i += 32768) s += String.fromCharCode.apply(null, u.subarray(i, i + 32768));
    return btoa(s); };
  const img = await createImageBitmap(blob);
  const box = Sawt.Document.findPage(img);
  const page = await Sawt.Document.page(blob);
  const colour = await Sawt.Attach.shrink(blob);
  const pdf = await Sawt.Document.pdf(Array(pages).fill(page));
  return { box: box && { x: box.x, y: box.y, w: box.w, h: box.h, outline: !!box.paper }, width: img.width,
           jpeg: await b64(page.jpeg), webp: page.webp && await b64(page.webp), colour: colour.size, pdf: await b64(pdf) };
}"""


def page_photo(lang: str, table: str, seed: int = 0) -> tuple[bytes, list[tuple[float, float]]]:
    rng = random.Random(f"test-{lang}-{table}-{seed}")
    photo, corners = photograph(sheet(lang, rng)[0], table, rng)
    out = BytesIO()
    photo.save(out, "JPEG", quality=90)
    return out.getvalue(), corners


@pytest.fixture(scope="module")
def chunk_page(browser):
    """A blank page with the built document and attach chunks (the helpers they need, stubbed)."""
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(120_000)
    page.set_content("<!doctype html><title>chunks</title>")
    page.evaluate("window.Sawt = { el: (t) => document.createElement(t) }")
    page.add_script_tag(content=bundle_source("document.js"))
    page.add_script_tag(content=bundle_source("attach.js"))
    yield page
    context.close()


def pdf_objects_where_the_xref_says(pdf: bytes) -> bool:
    """Every object the cross-reference table lists starts at the byte offset it gives."""
    start = int(pdf.rsplit(b"startxref", 1)[1].split()[0])
    lines = pdf[start:].split(b"\n")
    assert lines[0] == b"xref"
    count = int(lines[1].split()[1])
    entries = lines[3 : 2 + count]
    return all(pdf[int(e[:10]) :].startswith(b"%d 0 obj" % n) for n, e in enumerate(entries, start=1))


@pytest.mark.parametrize("table", TABLES)
def test_a_photographed_page_is_found_never_cut_grey_and_smaller(chunk_page, table, tmp_path):
    photo, corners = page_photo("fra", table)
    out = chunk_page.evaluate(PROCESS, {"photo": base64.b64encode(photo).decode(), "pages": 2})
    box = out["box"]
    if box:  # cut only around the whole sheet: every corner of the paper stays in the picture
        assert all(box["x"] <= x <= box["x"] + box["w"] and box["y"] <= y <= box["y"] + box["h"] for x, y in corners)
    if table != "grey":  # on wood and dark cloth the sheet is clearly found, and the table left out
        assert box and box["outline"] and box["w"] < out["width"]
    jpeg = Image.open(BytesIO(base64.b64decode(out["jpeg"]))).convert("RGB")
    assert max(jpeg.size) == 1600
    r, g, b = jpeg.split()
    assert ImageChops.difference(r, g).getextrema()[1] <= 12 and ImageChops.difference(g, b).getextrema()[1] <= 12
    sent = min(len(base64.b64decode(out["jpeg"])), len(base64.b64decode(out["webp"] or out["jpeg"])))
    assert sent < out["colour"] / 2  # far smaller than today's colour photo of the same page
    pdf = base64.b64decode(out["pdf"])
    assert pdf.startswith(b"%PDF-1.4") and pdf_objects_where_the_xref_says(pdf)
    (tmp_path / "two.pdf").write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(tmp_path / "two.pdf")], capture_output=True, text=True, check=True)
    assert re.search(r"^Pages:\s+2$", info.stdout, re.M) and not info.stderr  # poppler reads it, no complaint


def pick_page(page, path):
    page.set_input_files("[data-module=attach] input[type=file]", str(path))


def test_three_page_photos_become_one_pdf_sent_once_after_offline(live_server, page_factory, tmp_path):
    photos = []
    for i, table in enumerate(("wood", "cloth", "wood")):
        photos.append(tmp_path / f"page-{i + 1}.jpg")
        photos[-1].write_bytes(page_photo("ara", table, i)[0])
    page = page_factory()
    posts = []
    page.context.route("**/api/uploads/*/content", lambda route: (posts.append(1), route.continue_()))
    open_controlled(page, f"{live_server.url}/ar/file/")
    set_offline(page.context, True)  # the document chunk and its words come from the phone's cache
    to_documents_step(page)
    pick_page(page, photos[0])
    row = page.locator(".files .file")
    row.wait_for(timeout=60000)
    row.locator("select").select_option("decision")
    row.locator(".pages li").first.wait_for(timeout=60000)
    with page.expect_file_chooser() as chooser:
        page.locator(".files .file [data-add-page]").click()
    chooser.value.set_files([str(photos[1]), str(photos[2])])
    eventually(page, lambda: page.locator(".files .file .pages li").count() == 3)
    eventually(page, lambda: [f["type"] for f in page.evaluate(STORED_FILES)] == ["application/pdf"])
    (stored,) = page.evaluate(STORED_FILES)
    assert stored["name"].endswith(".pdf") and stored["size"] <= 3 * 160_000
    assert page.locator(".files .file .file-size").inner_text().endswith("KB")  # the total, as sent
    page.locator("[data-module=attach]").screenshot(path=str(tmp_path / "document-mode-ar.png"))

    continue_step(page)  # declarations
    continue_step(page)  # check your answers
    page.locator(".review:not([hidden])").wait_for(timeout=30000)
    page.click(".review button[type=submit]")
    eventually(page, lambda: [f["state"] for f in filings(page)] == ["queued"])
    page.reload()
    assert posts == []
    set_offline(page.context, False)
    eventually(page, lambda: [f["state"] for f in filings(page)] == ["sent"], timeout=120)
    receipt = filings(page)[0]["receipt"]
    _grievance, uploads, total = stored_grievance(live_server, receipt["reference"])
    assert total >= 1 and len(uploads) == 1 and len(posts) == 1  # one document, its bytes sent once
    (upload,) = uploads
    assert (upload.sniffed_type, upload.kind, upload.status) == ("application/pdf", "decision", "attached")
    assert upload.size == stored["size"]


def test_a_page_can_be_taken_again_or_removed_in_french(live_server, page_factory, tmp_path):
    photos = []
    for i in range(2):
        photos.append(tmp_path / f"page-{i + 1}.jpg")
        photos[-1].write_bytes(page_photo("fra", "cloth", i)[0])
    page = page_factory()
    page.goto(f"{live_server.url}/fr/file/")
    to_documents_step(page)
    pick_page(page, photos[0])
    row = page.locator(".files .file")
    row.locator("[data-paper]").click(timeout=60000)  # "this is a paper document", whatever its kind
    row.locator(".pages li").first.wait_for(timeout=60000)
    eventually(page, lambda: page.evaluate(STORED_FILES)[0]["type"] in ("image/webp", "image/jpeg"))
    with page.expect_file_chooser() as chooser:
        row.locator("[data-add-page]").click()
    chooser.value.set_files(str(photos[1]))
    eventually(page, lambda: page.evaluate(STORED_FILES)[0]["type"] == "application/pdf")
    page.locator("[data-module=attach]").screenshot(path=str(tmp_path / "document-mode-fr.png"))
    with page.expect_file_chooser() as chooser:
        row.locator(".pages li").nth(1).locator("[data-retake]").click()
    chooser.value.set_files(str(photos[0]))
    eventually(page, lambda: page.locator(".files .file .pages li").count() == 2)
    row.locator(".pages li").nth(0).locator("[data-remove-page]").click()
    # One page left: no PDF needed, the page alone is sent
    eventually(page, lambda: page.evaluate(STORED_FILES)[0]["type"] in ("image/webp", "image/jpeg"))
    assert page.locator(".files .file .pages li").count() == 1
    # The draft, opened again, keeps the document and its page, drawn as it was
    page.goto(f"{live_server.url}/fr/file/?draft={filings(page)[0]['id']}")
    eventually(page, lambda: page.locator(".files .file .pages li").count() == 1)

"""Documents in Chromium: a 12-megapixel photo made small on the phone, progress shown, a cut
connection costing only the file it cut, and files chosen offline going with the filing, once."""

import pytest

from functions.platform.config import Config
from functions.storage.sqlite_store import SqliteStore
from schemas.identifiers import normalise_code
from tests.browser_helpers import continue_step, fill_form_with_script, set_offline
from tests.test_browser_offline import eventually, filings, open_controlled

pytestmark = pytest.mark.browser

# A 4000 x 3000 camera-like JPEG (gradients, shapes, grain) with an EXIF block holding GPS data,
# put into the file picker as if chosen from the phone's gallery.
PICK_PHOTO_AND_PDF = """async (withPdf) => {
  const canvas = document.createElement('canvas');
  canvas.width = 4000; canvas.height = 3000;
  const g = canvas.getContext('2d');
  const grad = g.createLinearGradient(0, 0, 4000, 3000);
  grad.addColorStop(0, '#f4efe6'); grad.addColorStop(1, '#c9bfae');
  g.fillStyle = grad; g.fillRect(0, 0, 4000, 3000);
  g.fillStyle = '#222';
  for (let line = 0; line < 90; line++) g.fillRect(300, 200 + line * 30, 1500 + (line * 379) % 1800, 9);
  const grain = g.getImageData(0, 0, 4000, 3000);
  for (let i = 0; i < grain.data.length; i += 4) { const n = (i * 2654435761 >>> 24) % 9; grain.data[i] += n; grain.data[i + 1] += n; }
  g.putImageData(grain, 0, 0);
  const jpeg = new Uint8Array(await (await new Promise(r => canvas.toBlob(r, 'image/jpeg', 0.95))).arrayBuffer());
  const exif = new TextEncoder().encode('Exif\\0\\0MM\\0*\\0\\0\\0\\x08GPSLatitude 33.5731N GPSLongitude 7.5898W');
  const app1 = new Uint8Array(4 + exif.length);
  app1.set([0xFF, 0xE1, (exif.length + 2) >> 8, (exif.length + 2) & 255]); app1.set(exif, 4);
  const photo = new Uint8Array(jpeg.length + app1.length);
  photo.set(jpeg.subarray(0, 2)); photo.set(app1, 2); photo.set(jpeg.subarray(2), 2 + app1.length);
  const dt = new DataTransfer();
  dt.items.add(new File([photo], 'IMG_20250312_101522.jpg', { type: 'image/jpeg' }));
  if (withPdf) dt.items.add(new File(['%PDF-1.4\\n1 0 obj<<>>endobj\\ntrailer<<>>\\n%%EOF\\n'], 'decision.pdf', { type: 'application/pdf' }));
  const input = document.querySelector('[data-module=attach] input[type=file]');
  input.files = dt.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  return photo.length;
}"""

STORED_FILES = """() => new Promise((ok) => {
  const r = indexedDB.open('sawt');
  r.onsuccess = () => {
    const q = r.result.transaction('filings').objectStore('filings').getAll();
    q.onsuccess = async () => {
      const out = [];
      for (const f of q.result) for (const file of (f.files || [])) {
        const bytes = new Uint8Array(await file.blob.arrayBuffer());
        const text = new TextDecoder('latin1').decode(bytes);
        const bitmap = file.type === 'image/jpeg' ? await createImageBitmap(file.blob) : null;
        out.push({ name: file.name, type: file.type, size: bytes.length, exif: text.includes('Exif') || text.includes('GPS'),
                   width: bitmap && bitmap.width, height: bitmap && bitmap.height, upload_id: file.upload_id || null });
      }
      ok(out); r.result.close();
    };
  };
})"""


def stored_grievance(server, reference):
    store = SqliteStore(Config.from_env(SAWT_DATA_DIR=server.data_dir).data_dir)
    try:
        grievance = store.get_grievance(normalise_code(reference))
        uploads = [store.get_upload(u) for u in grievance.payload.get("attachments", [])]
        total = store.read_statistics()["total"]["all"]
        return grievance, uploads, total
    finally:
        store.close()


def to_documents_step(page):
    fill_form_with_script(page)
    page.locator("fieldset.step:not([hidden]) button[data-go='-1']").click()  # back to "your documents"


def test_a_12_megapixel_photo_is_made_small_and_loses_its_location(live_server, page_factory):
    page = page_factory()
    page.goto(f"{live_server.url}/fr/file/")
    to_documents_step(page)
    original = page.evaluate(PICK_PHOTO_AND_PDF, False)
    assert original > 1_000_000
    page.locator(".files .file").wait_for(timeout=30000)
    eventually(page, lambda: len(page.evaluate(STORED_FILES)) == 1)
    (photo,) = page.evaluate(STORED_FILES)
    assert photo["type"] == "image/jpeg" and photo["size"] <= 500 * 1024
    assert max(photo["width"], photo["height"]) == 1600 and not photo["exif"]


def test_progress_is_shown_and_a_cut_connection_costs_only_its_file(live_server, page_factory):
    page = page_factory()
    page.goto(f"{live_server.url}/fr/file/")
    to_documents_step(page)
    page.evaluate(PICK_PHOTO_AND_PDF, True)
    eventually(page, lambda: len(page.evaluate(STORED_FILES)) == 2)
    page.locator(".files .file").nth(1).wait_for()
    page.locator(".files .file").nth(1).locator("select").select_option("decision")

    posted = []

    def cut_the_pdf_once(route):
        posted.append(route.request.url)
        is_pdf = b"%PDF" in (route.request.post_data_buffer or b"")
        if is_pdf and sum(1 for _ in posted) == 2:
            route.abort("connectionreset")
        else:
            route.continue_()

    page.route("**/api/uploads/*/content", cut_the_pdf_once)
    page.evaluate(
        "window.fractions = []; document.addEventListener('sawt:progress', e => fractions.push(e.detail.loaded / e.detail.total))"
    )
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 100, "downloadThroughput": 250_000, "uploadThroughput": 250_000},
    )
    continue_step(page)  # declarations
    continue_step(page)  # check your answers
    page.locator(".review:not([hidden])").wait_for(timeout=30000)
    page.click(".review button[type=submit]")
    page.locator(".panel").wait_for(timeout=60000)
    fractions = page.evaluate("fractions")
    assert any(0 < f < 1 for f in fractions) and fractions[-1] == 1  # progress was shown as it went
    # photo once, PDF cut then sent again: three posts of bytes, not four
    assert len(posted) == 3 and posted[1] != posted[2]
    reference = page.locator(".panel [data-slot=reference]").inner_text()
    _grievance, uploads, _ = stored_grievance(live_server, reference)
    assert sorted(u.sniffed_type for u in uploads) == ["application/pdf", "image/jpeg"]
    assert {u.kind for u in uploads} == {"decision", "other"}
    assert all(u.status == "attached" for u in uploads)


def review_with_two_documents(page, url, offline=False):
    """The form with a photo and a PDF chosen, up to "check your answers"."""
    open_controlled(page, url)
    set_offline(page.context, offline)
    to_documents_step(page)
    page.evaluate(PICK_PHOTO_AND_PDF, True)
    eventually(page, lambda: len(page.evaluate(STORED_FILES)) == 2)
    continue_step(page)
    continue_step(page)
    page.locator(".review:not([hidden])").wait_for(timeout=30000)


def test_files_chosen_offline_go_with_the_filing_once(live_server, page_factory):
    page = page_factory()
    review_with_two_documents(page, f"{live_server.url}/ar/file/", offline=True)
    page.click(".review button[type=submit]")
    eventually(page, lambda: [f["state"] for f in filings(page)] == ["queued"])
    page.reload()
    assert all(f["upload_id"] is None for f in page.evaluate(STORED_FILES))
    set_offline(page.context, False)
    eventually(page, lambda: [f["state"] for f in filings(page)] == ["sent"], timeout=60)
    receipt = filings(page)[0]["receipt"]
    _grievance, uploads, _ = stored_grievance(live_server, receipt["reference"])
    assert len(uploads) == 2 and all(u.status == "attached" for u in uploads)


def sweep_unattached_uploads(server) -> int:
    """The housekeeping sweep, run as if a month had passed: every document not yet attached goes."""
    import datetime as dt

    from functions.cases.attachments import AttachmentService
    from functions.platform.scanning import scanner_from_config
    from functions.platform.server_secret import load_secret
    from functions.storage import open_files, open_store
    from functions.storage.records import utc_now

    config = Config.from_env(SAWT_DATA_DIR=str(server.data_dir))
    secret = load_secret(config)
    store = open_store(config)
    try:
        later = utc_now() + dt.timedelta(days=30)
        service = AttachmentService(store, open_files(config, secret), scanner_from_config(config), secret, config,
                                    clock=lambda: later)  # fmt: skip
        return service.sweep()
    finally:
        store.close()


def test_documents_swept_before_the_filing_went_are_sent_again_from_the_phone(server, page_factory):
    page = page_factory()
    bytes_sent, filings_sent = [], []
    page.context.route("**/api/uploads/*/content", lambda route: (bytes_sent.append(1), route.continue_()))

    def swept_before_the_first(route):
        filings_sent.append(route.request.post_data_json)
        if len(filings_sent) == 1:
            assert sweep_unattached_uploads(server) == 2  # the two verified documents expire meanwhile
        route.continue_()

    page.route("**/api/grievances", swept_before_the_first)
    review_with_two_documents(page, f"{server.url}/fr/file/")
    page.click(".review button[type=submit]")
    page.locator(".panel").wait_for(timeout=60000)
    assert len(bytes_sent) == 4  # each document again, from the copy kept on the phone
    assert filings_sent[0]["attachments"] != filings_sent[1]["attachments"]
    reference = page.locator(".panel [data-slot=reference]").inner_text()
    _grievance, uploads, total = stored_grievance(server, reference)
    assert total == 1 and len(uploads) == 2 and all(u.status == "attached" for u in uploads)


def test_dead_upload_ids_never_loop(server, page_factory):
    page = page_factory()
    bytes_sent, filings_sent = [], []
    page.context.route("**/api/uploads/*/content", lambda route: (bytes_sent.append(1), route.continue_()))
    refusal = '{"ok": false, "status": 422, "errors": [{"field": "attachments", "code": "unknown_attachment", "message": "?"}]}'

    def always_unknown(route):
        filings_sent.append(1)
        route.fulfill(status=422, content_type="application/json", body=refusal)

    page.route("**/api/grievances", always_unknown)
    review_with_two_documents(page, f"{server.url}/fr/file/")
    page.click(".review button[type=submit]")
    page.locator(".error-summary").wait_for(timeout=60000)  # the person is asked, once it cannot be helped
    assert [f["state"] for f in filings(page)] == ["attention"]
    assert len(filings_sent) == 2 and len(bytes_sent) == 4  # one new upload of each, then no more

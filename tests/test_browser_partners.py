"""Partners in Chromium: a filing through /p/<slug>/ carries the partner (with and without the page
script), removing the tag removes it, and each QR code decodes back to its exact link."""

import io

import pytest
import zxingcpp
from PIL import Image

from functions.platform.config import Config
from functions.platform.i18n import translations
from functions.storage.sqlite_store import SqliteStore
from functions.web.posters import partner_link, poster_svg, qr_svg
from schemas.guidance import partners
from schemas.identifiers import normalise_code
from tests.browser_helpers import continue_step, fill_form_with_script
from tests.test_browser_no_js import fill_minimal_complaint

pytestmark = pytest.mark.browser


def stored_partner(server, reference):
    store = SqliteStore(Config.from_env(SAWT_DATA_DIR=server.data_dir).data_dir)
    try:
        grievance = store.get_grievance(normalise_code(reference))
        return grievance.partner, grievance.payload.get("partner_consent")
    finally:
        store.close()


@pytest.mark.parametrize("keep", [True, False])
def test_a_filing_through_a_partner_link_carries_the_partner(live_server, page_factory, keep):
    page = page_factory()
    page.goto(f"{live_server.url}/p/consulat-lyon/")
    assert page.get_attribute("html", "lang") == "fr"  # the partner's first language
    name = translations("fr").gettext(partners()["consulat-lyon"]["name"])
    assert name in page.locator("main").inner_text()
    page.click("[data-module=start-form] button")
    page.wait_for_url("**/fr/file/?type=complaint&partner=consulat-lyon*")
    fill_form_with_script(page)
    box = page.locator("#partner-box")
    assert box.is_visible() and name in box.inner_text()
    assert not page.is_checked("#f-partner-consent")  # consent is given, never presumed
    if keep:
        page.check("#f-partner-consent")
    continue_step(page)
    page.click(".review button[type=submit]")
    reference = page.locator(".panel [data-slot=reference]").inner_text()
    assert stored_partner(live_server, reference) == (("consulat-lyon", True) if keep else (None, False))


def test_the_partner_is_remembered_for_a_later_filing(live_server, page_factory):
    page = page_factory()
    page.goto(f"{live_server.url}/p/consulado-madrid/es/")
    page.goto(f"{live_server.url}/es/file/")  # later, straight to the form
    page.check("input[name=type][value=complaint]")
    assert page.locator("input[name=partner]").input_value() == "consulado-madrid"
    assert not page.is_checked("#f-partner-consent")


@pytest.mark.parametrize("keep", [True, False])
def test_without_javascript_too(live_server, page_factory, keep):
    page = page_factory(java_script_enabled=False)
    page.goto(f"{live_server.url}/p/consolato-milano/")
    assert page.get_attribute("html", "lang") == "it"
    page.click("[data-module=start-form] button")
    assert page.locator("#partner-box").is_visible()
    fill_minimal_complaint(page)
    assert not page.is_checked("#f-partner-consent")
    if keep:
        page.check("#f-partner-consent")
    page.click("button[value=review]")
    page.click("button[value=send]")
    reference = page.locator(".panel [data-slot=reference]").inner_text()
    assert stored_partner(live_server, reference)[0] == ("consolato-milano" if keep else None)


def decode(png: bytes) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


@pytest.mark.parametrize(
    "slug, lang", [("consulat-lyon", "ar"), ("konsulat-duesseldorf", "de"), ("stand-tanger", "es")]
)
def test_qr_codes_and_posters_decode_to_the_exact_link(page_factory, tmp_path, slug, lang):
    origin = "https://sawt.mediateur.ma"
    link = partner_link(origin, slug, lang)
    page = page_factory(viewport={"width": 794, "height": 1123})
    for name, svg in (("poster", poster_svg(partners()[slug], lang, origin)), ("qr", qr_svg(link))):
        path = tmp_path / f"{name}.svg"
        path.write_text(svg, encoding="utf-8")
        page.goto(path.as_uri())
        assert decode(page.screenshot()) == [link], name  # (an SVG document: the viewport is the page)
    assert link in poster_svg(partners()[slug], lang, origin)  # and printed in plain text

"""The institution's identity (SAWT_INSTITUTION_NAME, SAWT_INSTITUTION_LOGO) in the header of every
page: the built site, the pages the public function renders, the admin."""

import pytest
from portal.build import build

from functions.platform.config import Config
from functions.platform.config_check import configuration_problems
from functions.platform.i18n import translations
from functions.public.app import create_app as public_app
from functions.web.identity import LOGO_MAX_BYTES, Identity, IdentityError, from_config
from tests.admin_helpers import https_client

LOGO = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="5"/></svg>'
NAME = "Médiateur du Royaume <b>"  # what the operator typed: text, never markup


def header(html: str) -> str:
    return html.split('<header class="top">')[1].split("</header>")[0]


def test_every_built_page_shows_the_institution_and_its_logo(tmp_path):
    site = tmp_path / "site"
    build(site, identity=Identity(name=NAME, logo_suffix=".svg", logo=LOGO))
    logos = list((site / "assets").glob("logo.*.svg"))
    assert len(logos) == 1 and logos[0].read_bytes() == LOGO
    pages = [p for p in site.rglob("index.html") if "/fragments/" not in str(p)] + [site / "404.html"]
    assert len(pages) > 300
    for page in pages:
        top = header(page.read_text(encoding="utf-8"))
        assert "Médiateur du Royaume &lt;b&gt;" in top, page
        assert f'<img src="/assets/{logos[0].name}" alt="" height="40">' in top, page
        assert "brand-mark" not in top


def test_without_settings_the_header_is_sawts_own(built_site):
    top = header((built_site / "fr" / "index.html").read_text(encoding="utf-8"))
    assert f"<small>{translations('fr').gettext('Grievances to the Ombudsman')}</small>" in top
    assert "<img" not in top and "brand-mark" in top
    assert not list((built_site / "assets").glob("logo*"))


def test_the_functions_pages_show_the_name_and_link_the_published_logo(tmp_path):
    config = Config.from_env({}, SAWT_DATA_DIR=tmp_path, SAWT_INSTITUTION_NAME=NAME,
                             SAWT_INSTITUTION_LOGO="/nowhere/logo.svg")  # fmt: skip
    client = public_app(config).test_client()
    page = client.post("/api/grievances", data={"lang": "fr", "_action": "review"})
    assert page.status_code == 422
    top = header(page.get_data(as_text=True))
    assert "Médiateur du Royaume &lt;b&gt;" in top and '<img src="/assets/logo.svg"' in top


def test_the_admin_names_the_institution(tmp_path):
    from functions.admin.app import create_app as admin_app

    config = Config.from_env({}, SAWT_DATA_DIR=tmp_path, SAWT_INSTITUTION_NAME=NAME)
    login = https_client(admin_app(config)).get("/admin/login")
    assert "Médiateur du Royaume &lt;b&gt; · " in header(login.get_data(as_text=True))


@pytest.mark.parametrize(
    ("logo", "problem"),
    [("logo.gif", "SVG, PNG or WebP"), ("missing.svg", "no file"), ("big.png", "keep it under")],
)
def test_a_logo_that_cannot_be_one_stops_the_build(tmp_path, logo, problem):
    (tmp_path / "big.png").write_bytes(b"\x89PNG" + bytes(LOGO_MAX_BYTES))
    (tmp_path / "logo.gif").write_bytes(b"GIF89a")
    with pytest.raises(IdentityError, match=problem):
        from_config(Config.from_env({}, SAWT_INSTITUTION_LOGO=tmp_path / logo))


def test_the_configuration_check_names_a_wrong_logo_or_a_name_too_long():
    problems = configuration_problems(
        Config.from_env({}, SAWT_INSTITUTION_LOGO="a.gif", SAWT_INSTITUTION_NAME="x" * 121)
    )
    assert any("SAWT_INSTITUTION_LOGO" in p for p in problems)
    assert any("SAWT_INSTITUTION_NAME" in p for p in problems)

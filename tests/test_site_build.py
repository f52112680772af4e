"""The static build: every page in every language, with the right lang and dir."""

import re

import pytest
from portal.build import build
from portal.pages import PAGES

from schemas.vocabulary import LANGUAGES, RTL_LANGUAGES


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_is_built_with_lang_and_dir(built_site, lang, page):
    path = built_site / lang / ("index.html" if page == "home" else f"{page}/index.html")
    html = path.read_text(encoding="utf-8")
    direction = "rtl" if lang in RTL_LANGUAGES else "ltr"
    assert f'<html lang="{lang}" dir="{direction}">' in html
    assert (path.parent / "index.html.gz").exists() and (path.parent / "index.html.br").exists()


def test_assets_are_hashed_and_referenced(built_site):
    html = (built_site / "fr" / "index.html").read_text()
    css = re.search(r'href="/assets/(sawt\.[0-9a-f]{10}\.css)"', html).group(1)
    assert (built_site / "assets" / css).exists()


def test_no_inline_script_or_style(built_site):
    for path in built_site.rglob("*.html"):
        html = path.read_text()
        assert "style=" not in html, path
        assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)", html), path


def test_form_fields_carry_the_schema_limits(built_site):
    html = (built_site / "en" / "file" / "index.html").read_text()
    assert 'name="subject"' in html and 'maxlength="150"' in html
    assert re.search(r'name="complainant.given_name"[^>]*dir="auto"', html)


def test_build_reports_every_page(tmp_path):
    result = build(tmp_path / "site")
    assert result["pages"] >= len(LANGUAGES) * len(PAGES)

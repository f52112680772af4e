"""Consistency of the catalogs: current with the code, complete, intact, compiling, one locale list."""

import io
import sys

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from schemas.vocabulary import ADMIN_LANGUAGES, LANGUAGES
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import i18n

CATALOGS = [(domain, lang) for domain, (_config, langs) in i18n.DOMAINS.items() for lang in langs]


def ids(path):
    with path.open("rb") as handle:
        return {m.id for m in read_po(handle) if m.id}


@pytest.mark.parametrize("domain", list(i18n.DOMAINS))
def test_template_is_current_with_the_code(tmp_path, domain):
    fresh = tmp_path / f"{domain}.pot"
    i18n.extract(fresh, domain)
    missing = ids(fresh) - ids(i18n.pot(domain))
    stale = ids(i18n.pot(domain)) - ids(fresh)
    assert not missing and not stale, "run: python scripts/i18n.py extract && python scripts/i18n.py update"


@pytest.mark.parametrize("domain, lang", CATALOGS)
def test_catalog_is_complete_and_intact(domain, lang):
    assert [line for line in i18n.domain_problems(domain) if line.startswith(f"{lang}:")] == []


@pytest.mark.parametrize("domain, lang", CATALOGS)
def test_catalog_compiles(domain, lang):
    with (i18n.LOCALES / lang / "LC_MESSAGES" / f"{domain}.po").open("rb") as handle:
        write_mo(io.BytesIO(), read_po(handle, locale=lang))


def test_locale_list_is_defined_once():
    on_disk = {p.name for p in i18n.LOCALES.iterdir() if p.is_dir()}
    assert on_disk == set(LANGUAGES) - {"en"}
    assert [lang for lang in LANGUAGES if lang != "en"] == i18n.TRANSLATED
    assert set(ADMIN_LANGUAGES) <= set(LANGUAGES)


@pytest.mark.parametrize("domain, lang", CATALOGS)
def test_the_functions_find_every_compiled_catalog(domain, lang):
    """gettext falls back to English in silence: a catalog the functions cannot find must fail here."""
    from functions.platform.i18n import LOCALES_DIR

    assert (LOCALES_DIR / lang / "LC_MESSAGES" / f"{domain}.mo").is_file()

"""Consistency of the catalogs: current with the code, complete, intact, compiling, one locale list."""

import io
import sys

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from schemas.vocabulary import LANGUAGES
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import i18n


def ids(path):
    with path.open("rb") as handle:
        return {m.id for m in read_po(handle) if m.id}


def test_template_is_current_with_the_code(tmp_path):
    fresh = tmp_path / "messages.pot"
    i18n.extract(fresh)
    missing = ids(fresh) - ids(i18n.POT)
    stale = ids(i18n.POT) - ids(fresh)
    assert not missing and not stale, "run: python scripts/i18n.py extract && python scripts/i18n.py update"


@pytest.mark.parametrize("lang", i18n.TRANSLATED)
def test_catalog_is_complete_and_intact(lang):
    problems = [line for line in i18n.problems() if line.startswith(f"{lang}:")]
    assert problems == []


@pytest.mark.parametrize("lang", i18n.TRANSLATED)
def test_catalog_compiles(lang):
    with (i18n.LOCALES / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        write_mo(io.BytesIO(), read_po(handle, locale=lang))


def test_locale_list_is_defined_once():
    on_disk = {p.name for p in i18n.LOCALES.iterdir() if p.is_dir()}
    assert on_disk == set(LANGUAGES) - {"en"}
    assert [lang for lang in LANGUAGES if lang != "en"] == i18n.TRANSLATED

"""The catalog check's own rules fail on what they are meant to catch (scripts/catalog_rules.py)."""

import shutil
import sys

import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import catalog_rules
import i18n

BANNED = catalog_rules.banned_terms()


@pytest.mark.parametrize(
    "lang, source, text",
    [
        ("it", "A complaint about an administration", "Una denuncia contro un'amministrazione"),
        ("it", "Tracking code", "Codice di monitoraggio"),
        ("de", "Tracking code", "Verfolgungscode"),
        ("de", "Follow a grievance", "Beschwerde verfolgen"),
        (
            "ar",
            "The Ombudsman cannot examine a matter that a court is dealing with.",
            "لا يمكن لوسيط المملكة النظر في أمر معروض على المحكمة.",
        ),
    ],
)
def test_a_banned_term_fails(lang, source, text):
    assert any("banned term" in p for p in catalog_rules.entry_problems(lang, source, text, BANNED[lang]))


@pytest.mark.parametrize(
    "text, ok",
    [
        ("Vérifiez la référence : elle a 9 signes.", False),  # ordinary space: the colon can wrap alone
        ("Vérifiez la référence: elle a 9 signes.", False),
        ("Avez-vous un code ?", False),
        ("Vérifiez la référence\u00a0: elle a 9 signes.", True),
        ("Avez-vous un code\u202f?", True),
        ("Du lundi au vendredi, de 8:30 à 16:30.", True),  # a time is not punctuation
        ("Écrivez à https://example.org.", True),
    ],
)
def test_french_needs_a_non_breaking_space_before_double_signs(text, ok):
    problems = catalog_rules.entry_problems("fr", "x.", text, {})
    assert (problems == []) is ok, problems


@pytest.mark.parametrize(
    "source, text, ok",
    [
        ("Check your answers.", "Controlli le risposte", False),
        ("Lost your tracking code?", "Ha perso il codice di accesso?", True),
        ("Lost your tracking code?", "هل فقدتم رمز التتبع؟", True),
        ("Written in:", "Scritto in", False),
        ("Please answer on the follow-up page.", "Wilt u antwoorden op de pagina?", True),
    ],
)
def test_a_translation_ends_as_its_source(source, text, ok):
    assert (catalog_rules.entry_problems("it", source, text, {}) == []) is ok


@pytest.mark.parametrize(
    "template, ok",
    [
        ('<dd>{{ step }}, {{ _("expected by") }} {{ date }}</dd>', False),  # the comma and order fixed
        ('<li>{% if you %}{{ _("You") }}: {% endif %}</li>', False),  # the colon outside the catalog
        ('<p>{{ _("Sent on") }} <span>{{ date }}</span>.</p>', False),
        ('<dd>{{ n }} {{ _("in 100") }}</dd>', False),
        ('<dd>{{ _("%(step)s, expected by %(date)s", step=s, date=d) }}</dd>', True),
        ('<li>{{ _("Address:") }} <span dir="auto">{{ c.address }}</span></li>', True),  # a label
        ('<h2>{{ _("Grievance") }} <span class="code">{{ ref }}</span></h2>', True),
    ],
)
def test_a_sentence_assembled_in_a_template_fails(template, ok):
    assert (catalog_rules.template_problems(template) == []) is ok


def test_the_shipped_templates_assemble_no_sentence():
    assert catalog_rules.all_template_problems() == []


def test_the_check_reads_the_catalog_files(tmp_path):
    """End to end: the real Italian catalog with "denuncia" written back into it fails the check."""
    shutil.copytree(i18n.LOCALES / "it", tmp_path / "it")
    po = tmp_path / "it" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(
        text.replace('"Un reclamo contro un\'amministrazione"', '"Una denuncia contro un\'amministrazione"'), "utf-8"
    )
    problems = [p for p in i18n.domain_problems("messages", tmp_path) if p.startswith("it:")]
    assert problems == [
        "it: messages: banned term 'denuncia' (use: reclamo: a denuncia is a report of an offence to the police or a prosecutor): 'A complaint about an administration'"
    ]

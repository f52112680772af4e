"""A review a person can read, at 360×740 in Arabic and French, with and without JavaScript: grouped
by step, each member of a group one numbered row, dates in words, no row for what the person never
saw (no partner, no field's raw name)."""

import pytest

from functions.platform.i18n import translations
from functions.web.answers import in_words
from scripts import generate_date_words
from tests.browser_helpers import continue_step, fill_declarations, fill_matter, fill_you

pytestmark = pytest.mark.browser

# The date as each language writes it (CLDR's long date; Morocco's Arabic, Western digits).
IN_WORDS = {"fr": "12 mars 2025", "ar": "12 مارس 2025"}


def fill_group_that_contacted(page):
    page.check("input[name=type][value=complaint]")
    page.check("input[name=filer_kind][value=collective]")
    continue_step(page)
    fill_you(page)
    continue_step(page)
    for row, (given, family) in enumerate((("Aicha", "Bennani"), ("Omar", "Tazi"))):
        page.fill(f"[name='members.{row}.given_name']", given)
        page.fill(f"[name='members.{row}.family_name']", family)
    continue_step(page)
    fill_matter(page)
    continue_step(page)
    page.check("input[name='prior_steps.contacted'][value=true]")
    page.fill("[name='prior_steps.contacted_on']", "2025-03-12")
    continue_step(page)
    continue_step(page)  # no documents
    fill_declarations(page)


def review_rows(page) -> dict[str, str]:
    rows = page.locator(".summary > div")
    return {
        rows.nth(i).locator("dt").inner_text().strip(): rows.nth(i)
        .locator("dd")
        .evaluate("dd => dd.firstChild.textContent.trim()")
        for i in range(rows.count())
    }


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_the_review_reads_like_a_letter(live_server, page_factory, lang):
    gettext = translations(lang).gettext
    page = page_factory(viewport={"width": 360, "height": 740})
    page.goto(f"{live_server.url}/{lang}/file/")
    fill_group_that_contacted(page)
    continue_step(page)
    page.wait_for_selector(".review:not([hidden])")
    rows = review_rows(page)
    member = gettext("Member %(n)s")
    assert rows[member % {"n": 1}] == "Aicha Bennani"
    assert rows[member % {"n": 2}] == "Omar Tazi"
    assert rows[gettext("When did you contact it?")] == IN_WORDS[lang]
    # No raw names, no partner (none was used), no unticked box, nothing from a part not shown.
    labels = " ".join(rows)
    for raw in ("partner", "members.", "prior_steps", "complainant.", "_"):
        assert raw not in labels
    assert (
        gettext("Count my grievance for this partner, in statistics only (it sees nothing of my grievance)") not in rows
    )
    assert gettext("Your given name") not in labels  # the representative's part: not filed for someone else
    headings = page.locator(".review h3").all_inner_texts()
    assert headings[0] == gettext("About your request") and len(headings) == len(set(headings))
    # Change on a member goes to that member's row, and Continue comes straight back.
    page.locator(".summary > div", has_text="Omar Tazi").locator("button").click()
    assert page.evaluate("document.activeElement.name") == "members.1.given_name"
    page.fill("[name='members.1.given_name']", "Omar Ali")
    continue_step(page)
    page.wait_for_selector(".review:not([hidden])")
    assert review_rows(page)[member % {"n": 2}] == "Omar Ali Tazi"


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_the_review_without_javascript_says_dates_in_words_and_numbers_members(live_server, page_factory, lang):
    gettext = translations(lang).gettext
    page = page_factory(viewport={"width": 360, "height": 740}, java_script_enabled=False)
    page.goto(f"{live_server.url}/{lang}/file/")
    page.check("input[name=type][value=complaint]")
    page.check("input[name=filer_kind][value=collective]")
    fill_you(page)
    for row, (given, family) in enumerate((("Aicha", "Bennani"), ("Omar", "Tazi"))):
        page.fill(f"[name='members.{row}.given_name']", given)
        page.fill(f"[name='members.{row}.family_name']", family)
    fill_matter(page)
    page.check("input[name='prior_steps.contacted'][value=true]")
    page.fill("[name='prior_steps.contacted_on']", "2025-03-12")
    fill_declarations(page)
    page.click("button[value=review]")
    rows = review_rows(page)
    assert rows[gettext("Member %(n)s") % {"n": 2}] == "Omar Tazi"
    assert rows[gettext("When did you contact it?")] == IN_WORDS[lang]
    assert not any(raw in " ".join(rows) for raw in ("partner", "members.", "prior_steps", "_"))


def test_dates_in_words_come_from_cldr_and_refuse_nothing():
    assert generate_date_words.TARGET.read_text(encoding="utf-8") == generate_date_words.render()
    assert in_words("2025-12-01", "de") == "1. Dezember 2025"
    assert in_words("2025-12-01", "en") == "1 December 2025"
    assert in_words("not a date", "fr") == "not a date"

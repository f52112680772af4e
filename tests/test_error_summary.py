"""The error summary says only the message where the message names its thing (GOV.UK), and the
field's name before a message that does not ("Use 100 characters or fewer.")."""

import re

import pytest
from flask import Flask, g

from functions.web import form_model
from functions.web.form_errors import form_errors
from schemas import error_codes
from tests.conftest import ROOT


@pytest.fixture
def english():
    app = Flask(__name__)
    with app.test_request_context("/en/"):
        g.lang = "en"
        yield


ERRORS_JS = ROOT / "site" / "portal" / "static" / "js" / "modules" / "errors.js"


@pytest.mark.parametrize(
    ("pair", "label"),
    [
        (("complainant.family_name", "required"), None),  # "Enter your family name."
        (("complainant", "contact_required"), None),  # "Give at least one way to reach you…"
        (("complainant.email", "invalid_email"), None),  # "Enter an email address like…"
        (("subject", "too_long:200"), "Subject, in a few words"),
        (("complainant.city", "required"), "City"),  # no words of its own: "This is required."
        (("members.1.family_name", "too_long:100"), "Member 2 – Family name"),
    ],
)
def test_the_summary_names_the_field_only_when_the_message_does_not(english, pair, label):
    _by_field, summary = form_errors([pair], "en")
    assert summary[0][1] == label


def test_an_error_about_no_field_links_nowhere(english):
    _by_field, summary = form_errors([(None, "not_found")], "en")
    assert summary == [(None, None, "We found no grievance with this reference and tracking code.")]


def test_every_required_field_of_the_form_says_what_it_needs_in_its_own_words():
    """What lets the page script show a missing answer's message alone (errors.js)."""
    for _step, _title, specs in form_model.form_steps():
        for spec in specs:
            if spec.widget != "members" and spec.required and spec.widget != "checkbox":
                assert error_codes.field_message(spec.name, "required") != error_codes.MESSAGES["required"], spec.name


def test_the_page_script_knows_the_same_unnamed_codes():
    listed = re.search(r"var UNNAMED = \[(.*?)\];", ERRORS_JS.read_text(), re.S).group(1)
    missing = {"required", "null", "must_be_true"}
    assert set(re.findall(r"'(\w+)'", listed)) == set(error_codes.UNNAMED) - missing

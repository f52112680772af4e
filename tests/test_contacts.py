"""A human to contact (issue #16): each office's contact is data, shown on help, the receipt, the
follow-up page's errors, the 404 page and the orientation cards, as tel: and mailto: links."""

import re

import pytest
from flask import Flask

from functions.web import rendering
from schemas import guidance
from schemas.guidance import DelegationsSchema
from tests.factories import grievance, key

CENTRAL = "contact-central"


def test_every_office_has_a_contact_that_says_where_its_facts_come_from():
    for office in guidance.delegations():
        contact = office["contact"]
        assert contact["address"] and contact["source"]
        assert contact["checked"] == "" or re.fullmatch(r"\d{4}-\d{2}-\d{2}", contact["checked"])
        if not contact["checked"]:  # unconfirmed facts say so, for the operator (issue #18)
            assert "placeholder" in contact["source"]


@pytest.mark.parametrize(
    "contact, problem",
    [({"phone": "call us"}, "phone"), ({"email": "nobody"}, "email"), ({"website": "http://x.ma"}, "website")],
)
def test_a_malformed_contact_is_refused(contact, problem):
    office = {"code": "central", "name": "Central office", "city": "Rabat", "regions": ["oriental"],
              "contact": {"address": "Rabat", "source": "test", **contact}}  # fmt: skip
    errors = DelegationsSchema().validate({"delegation": [office]})
    assert problem in str(errors)


def test_the_card_links_phone_and_email_and_hides_what_is_empty():
    app = Flask(__name__)
    rendering.configure(app)
    office = {"code": "central", "name": "Central office", "contact": {
        "address": "Rabat", "phone": "+212 537 00 00 00", "email": "contact@example.ma", "hours": "",
        "website": "", "source": "test", "checked": ""}}  # fmt: skip
    with app.test_request_context("/fr/"):
        macro = app.jinja_env.get_template("contact.html").make_module(rendering_context(app)).contact_card
        html = str(macro(office))
    assert 'href="tel:+212537000000"' in html and 'href="mailto:contact@example.ma"' in html
    assert "Opening hours" not in html and "Horaires" not in html


def rendering_context(app) -> dict:
    context = {}
    for processor in app.template_context_processors[None]:
        context.update(processor())
    return context


@pytest.mark.parametrize("page", ["help/index.html", "404.html", "track/index.html"])
def test_the_contact_is_on_the_pages_where_people_get_stuck(built_site, page):
    assert f'id="{CENTRAL}"' in (built_site / "404.html").read_text(encoding="utf-8")  # outside any language
    for lang in ("ar", "fr"):
        html = (built_site / lang / page).read_text(encoding="utf-8")
        assert f'id="{CENTRAL}"' in html, (lang, page)


def test_the_contact_is_on_orientation_cards_and_in_the_receipt(built_site):
    card = next((built_site / "fr" / "check" / "card").glob("*/index.html"))
    assert f'id="{CENTRAL}"' in card.read_text(encoding="utf-8")
    assert f'id="{CENTRAL}"' in (built_site / "fr" / "fragments" / "index.html").read_text(encoding="utf-8")


def test_a_wrong_code_without_javascript_offers_the_contact(client):
    receipt = client.post("/api/grievances", json=grievance(), headers={"Idempotency-Key": key()}).get_json()
    answer = client.post(
        "/api/track", data={"reference": receipt["reference"], "tracking_code": "2222-3333-4444-5555", "lang": "fr"}
    )
    assert answer.status_code == 404
    html = answer.get_data(as_text=True)
    assert 'id="track-help"' in html and 'id="track-help" hidden' not in html
    assert f'id="{CENTRAL}"' in html and "<form" in html


def decide(public_app, receipt, status):
    from functions.admin.workflow import Workflow

    store = public_app.extensions["sawt.service"]().store
    workflow = Workflow(store, public_app.config["SAWT"])
    current = store.get_grievance(receipt["reference"].replace("-", ""))
    if status != "under_review":
        workflow.change_status(current, "agent@example.ma", "under_review", "Étude")
        current = store.get_grievance(current.reference)
    workflow.change_status(current, "agent@example.ma", status, "Décision motivée")


@pytest.mark.parametrize("status, shown", [("resolved", True), ("inadmissible", True), ("under_review", False)])
def test_after_a_decision_the_person_is_told_what_to_do_if_they_disagree(client, public_app, status, shown):
    receipt = client.post("/api/grievances", json=grievance(), headers={"Idempotency-Key": key()}).get_json()
    decide(public_app, receipt, status)
    page = client.post("/api/track", data={"reference": receipt["reference"], "tracking_code": receipt["tracking_code"],
                                           "lang": "fr"}).get_data(as_text=True)  # fmt: skip
    assert ("Si vous n'êtes pas d'accord avec cette décision" in page.replace("&#39;", "'")) is shown
    assert ('id="contact-central-decided"' in page) is shown

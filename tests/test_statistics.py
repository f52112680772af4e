"""Public figures: counted on write, equal to a recount after random filings and staff changes (on
both backends), small numbers masked, served cacheable."""

import contextlib
import random

import pytest

from functions.admin.workflow import TRANSITIONS, ConflictError, Workflow
from functions.statistics import MASKED, figures
from functions.storage.records import InboxQuery
from schemas import vocabulary as v
from tests.factories import grievance, key


def recount(store) -> dict:
    """From the stored grievances themselves (reading every page: fine in a test, never on a request)."""
    counts: dict[str, dict[str, int]] = {}
    cursor = None
    while True:
        page, cursor = store.list_grievances(InboxQuery(limit=100, cursor=cursor))
        for g in page:
            for name, value in (("total", "all"), ("month", g.created_at[:7]), ("status", g.status), ("type", g.type),
                                ("category", g.category), ("country", g.country), ("region", g.region),
                                ("partner", g.partner)):  # fmt: skip
                if value:
                    counts.setdefault(name, {})[value] = counts.setdefault(name, {}).get(value, 0) + 1
        if not cursor:
            return counts


def test_counters_equal_a_recount_after_random_filings_and_changes(client, public_app):
    rng = random.Random(2026)
    store = public_app.extensions["sawt.service"]().store
    workflow = Workflow(store, public_app.config["SAWT"])
    references = []
    for _ in range(40):
        body = grievance(
            type=rng.choice(v.GRIEVANCE_TYPES), category=rng.choice(v.CATEGORIES), region=rng.choice(v.REGIONS),
            complainant__country_of_residence=rng.choice(("FR", "ES", "BE", "IT")),
            partner=rng.choice((None, "consulat-lyon", "consolato-milano")), partner_consent=rng.random() < 0.8,
        )  # fmt: skip
        if body["type"] == "orientation_request":
            body["not_before_court"] = False
        body = {k: val for k, val in body.items() if val is not None}
        receipt = client.post("/api/grievances", json=body, headers={"Idempotency-Key": key()})
        assert receipt.status_code == 201, receipt.get_json()
        references.append(receipt.get_json()["reference"].replace("-", ""))
    for _ in range(60):
        current = store.get_grievance(rng.choice(references))
        choices = sorted(TRANSITIONS[current.status])
        if not choices:
            continue
        with contextlib.suppress(ConflictError):
            workflow.change_status(current, "agent@example.ma", rng.choice(choices), "random walk")
    counted = store.read_statistics()
    expected = recount(store)
    for name in ("total", "status", "type", "category", "country", "region", "partner", "month"):
        assert counted.get(name, {}) == expected.get(name, {}), name
    answered = sum(counted.get("first_answer_days", {}).values())
    assert answered == sum(1 for r in references if store.get_grievance(r).first_answer_at)


def test_small_numbers_are_masked():
    stats = figures({"total": {"all": 7}, "country": {"FR": 5, "IS": 1}, "status": {"oriented": 2, "received": 5}})
    assert stats["total"] == 7
    assert stats["country"] == {"FR": 5, "IS": MASKED}
    assert stats["status"] == {"oriented": MASKED, "received": 5}
    assert stats["share_oriented"] == round(2 / 7, 3)
    assert figures({"total": {"all": 3}})["share_oriented"] is None  # a share of a tiny total says too much
    assert figures({"first_answer_days": {"3": 2, "10": 2}})["median_days_to_first_answer"] is None


def test_stats_are_served_as_cacheable_json_with_no_small_numbers(client):
    client.post("/api/grievances", json=grievance(), headers={"Idempotency-Key": key()})
    response = client.get("/api/stats")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=300"
    body = response.get_json()
    assert body["total"] == MASKED and body["country"] == {"FR": MASKED}


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_stats_page_without_javascript(client, lang):
    client.post("/api/grievances", json=grievance(), headers={"Idempotency-Key": key()})
    page = client.get(f"/api/stats/page?lang={lang}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert f'<html lang="{lang}"' in html and ">1<" not in html

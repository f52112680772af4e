"""Public figures: counted on write, equal to a recount after random filings and staff changes (on
both backends), small numbers masked, served cacheable."""

import contextlib
import itertools
import random

import pytest

from functions.admin.workflow import TRANSITIONS, ConflictError, Workflow
from functions.cases.statistics import AT_LEAST, MASKED, THRESHOLD, figures
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
    stats = figures({"total": {"all": 30}, "country": {"FR": 20, "BE": 6, "IS": 1, "SE": 3},
                     "status": {"oriented": 8, "received": 22}, "partner": {"consulate-lyon": 2}})  # fmt: skip
    assert stats["total"] == 30
    assert stats["country"] == {"BE": 6, "FR": 20, "IS": MASKED, "SE": MASKED}  # 1 + 3 > 1 + 1: safe as is
    assert stats["status"] == {"oriented": 8, "received": 22}
    assert stats["partner"] == {"consulate-lyon": MASKED}  # partners do not add up to the total
    assert stats["share_oriented"] == round(8 / 30, 3)
    assert figures({"total": {"all": 3}})["share_oriented"] is None  # a share of a tiny total says too much
    assert figures({"first_answer_days": {"3": 2, "10": 2}})["median_days_to_first_answer"] is None


def test_one_hidden_cell_is_never_left_to_subtraction():
    stats = figures({"total": {"all": 27}, "status": {"oriented": 2, "received": 20, "resolved": 5}})
    # 27 - 20 - 5 would give the 2 back: the smallest other cell is hidden too.
    assert stats["status"] == {"oriented": MASKED, "received": 20, "resolved": AT_LEAST}
    assert stats["share_oriented"] is None  # share × total would give it back as well
    tiny = figures({"total": {"all": 6}, "country": {"FR": 5, "IS": 1}})
    assert tiny["country"] == {"FR": AT_LEAST, "IS": MASKED} and tiny["total"] == AT_LEAST  # 6 = 5 + 1, no other way


def possible_values(shown: dict, hidden_sum: int) -> dict[str, set[int]]:
    """Every value each hidden cell can take, given what a reader sees (the floors and the sum)."""
    hidden = [k for k, v in shown.items() if not isinstance(v, int)]
    ranges = [range(1, THRESHOLD) if shown[k] == MASKED else range(THRESHOLD, hidden_sum + 1) for k in hidden]
    seen = {k: set() for k in hidden}
    for combination in itertools.product(*ranges):
        if sum(combination) == hidden_sum:
            for k, value in zip(hidden, combination, strict=True):
                seen[k].add(value)
    return seen


@pytest.mark.parametrize("seed", range(300))
def test_no_masked_cell_can_be_deduced_from_the_total(seed):
    rng = random.Random(seed)
    cells = {f"c{n}": rng.choice([1, 1, 2, 3, 4, 5, 6, 7, 9, 12, 30]) for n in range(rng.randint(1, 5))}
    total = sum(cells.values())
    stats = figures({"total": {"all": total}, "region": cells})
    shown = stats["region"]
    if not isinstance(stats["total"], int):
        return  # the total itself is hidden: nothing to subtract from
    hidden_sum = total - sum(v for v in shown.values() if isinstance(v, int))
    for cell, values in possible_values(shown, hidden_sum).items():
        assert cells[cell] in values and len(values) >= 2, (cells, shown, cell)


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


def test_a_figure_hidden_to_protect_its_neighbour_says_so(client):
    for country in ["FR"] * 6 + ["BE"]:
        body = grievance(complainant__country_of_residence=country)
        assert client.post("/api/grievances", json=body, headers={"Idempotency-Key": key()}).status_code == 201
    assert client.get("/api/stats").get_json()["country"] == {"BE": MASKED, "FR": AT_LEAST}
    html = client.get("/api/stats/page?lang=fr").get_data(as_text=True)
    assert "moins de 5" in html and "5 ou plus" in html and ">6<" not in html

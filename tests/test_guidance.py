"""The guidance data: a well-formed tree, every region routed once, every category's checklist."""

import copy

import pytest
from marshmallow import ValidationError

from schemas import guidance
from schemas.vocabulary import CATEGORIES, REGIONS


def test_data_files_load_and_validate():
    assert guidance.orientation()["start"] == "court"
    assert len(guidance.delegations()) >= 1
    assert set(guidance.checklists()["category"]) == set(CATEGORIES)


@pytest.mark.parametrize("region", REGIONS)
def test_every_region_is_routed_to_one_delegation(region):
    codes = [d["code"] for d in guidance.delegations() if region in d["regions"]]
    assert len(codes) == 1 and guidance.delegation_for_region(region) == codes[0]


def test_the_seed_delegations_handle_their_regions():
    for region in ("fes_meknes", "tanger_tetouan_al_hoceima", "beni_mellal_khenifra", "casablanca_settat"):
        assert guidance.delegation_for_region(region) == region


@pytest.mark.parametrize("category", CATEGORIES)
def test_every_category_has_a_checklist_with_identity_and_letters(category):
    kinds = [item["kind"] for item in guidance.checklist_for(category)]
    assert "identity_document" in kinds and "correspondence" in kinds
    assert "procuration" in [i["kind"] for i in guidance.checklist_for(category, representative=True)]


def test_every_path_ends_on_an_outcome():
    tree = guidance.orientation()
    outcomes = set()
    for path in guidance.outcome_paths():
        name, index = path[-1]
        answer = tree["question"][name]["answers"][index]
        outcomes.add(("card", answer["card"]) if answer.get("card") else ("can_help", answer["can_help"]))
    assert {key for kind, key in outcomes if kind == "card"} == set(tree["card"])
    assert {key for kind, key in outcomes if kind == "can_help"} == set(CATEGORIES)


def raw_tree():
    import tomllib

    with (guidance.DATA / "orientation.toml").open("rb") as handle:
        return tomllib.load(handle)


def broken(change):
    tree = raw_tree()
    change(tree)
    return tree


@pytest.mark.parametrize(
    "tree",
    [
        broken(lambda t: t.update(start="nowhere")),
        broken(lambda t: t["question"]["who"]["answers"][0].update(next="missing")),
        broken(lambda t: t["question"]["who"]["answers"][1].update(card="missing")),
        broken(lambda t: t["question"]["contacted"]["answers"][0].update(next="court")),  # a loop
        broken(lambda t: t["question"]["who"]["answers"][0].update(card="bank")),  # two outcomes
        broken(lambda t: t["question"]["category"]["answers"][0].update(can_help="weather")),
        broken(lambda t: t["question"].update(orphan={"text": "?", "answers": [{"text": "a", "card": "bank"}] * 2})),
        broken(lambda t: t["card"].update(unused=copy.deepcopy(t["card"]["bank"]))),
    ],
)
def test_a_broken_tree_is_refused(tree):
    with pytest.raises(ValidationError):
        guidance.OrientationSchema().load(tree)


def test_an_unrouted_region_is_refused():
    data = {"delegation": [{"code": "x", "name": "X", "city": "Rabat", "regions": list(REGIONS[:-1])}]}
    with pytest.raises(ValidationError):
        guidance.DelegationsSchema().load(data)

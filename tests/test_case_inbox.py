"""An inbox to work from, on both backends: rows a case officer reads at a glance, search within
the searcher's scope, ownership with "my files" and "unassigned"."""

import pytest

from tests.admin_helpers import sign_in
from tests.case_helpers import post, staff_app, visible_text
from tests.factories import grievance, key


@pytest.fixture
def world(public_app, config):
    app, store = staff_app(config)
    return public_app.test_client(), app, store


def listed(client, url, **params) -> str:
    """The inbox table's rows (the search box echoes what was typed)."""
    answer = client.get(url, query_string=params)
    assert answer.status_code == 200
    return visible_text(answer.get_data(as_text=True).split("<tbody>")[1])


def file(public, **changes):
    body = grievance(**changes)
    receipt = public.post("/api/grievances", json=body, headers={"Idempotency-Key": key()}).get_json()
    return receipt, receipt["reference"].replace("-", "")


def test_a_row_names_the_complainant_and_flags_a_new_reply_until_opened(world):
    public, app, _store = world
    receipt, reference = file(public, complainant__family_name="Benali")
    staff = sign_in(app, "officer@example.ma")
    post(staff, reference, "request-information", template="request_details", text="")
    public.post(f"/api/grievances/{reference}/replies", json={"tracking_code": receipt["tracking_code"],
                "text": "Voici."}, headers={"Idempotency-Key": key()})  # fmt: skip
    text = visible_text(staff.get("/admin/inbox").get_data(as_text=True))
    assert receipt["reference"] in text and "Fatima Benali" in text and "Une personne" in text
    assert "nouvelle réponse" in text
    assert "vous sont demandées" not in text  # the citizen's wording never reaches staff
    staff.get(f"/admin/grievances/{reference}")
    assert "nouvelle réponse" not in visible_text(staff.get("/admin/inbox").get_data(as_text=True))


@pytest.mark.parametrize(
    "typed",
    ["{dashed}", "{plain}", "{lower}", "  {dashed_lower} ", "BENALI-Saïd", "benali saïd", "Benali-Said",
     "Fatima.Benali@Example.org", "+33 6 12 34 56 78", "0033612345678"],
)  # fmt: skip
def test_search_finds_a_file_however_it_is_typed(world, typed):
    public, app, _store = world
    receipt, reference = file(public, complainant__family_name="Benali-Saïd",
                              complainant__email="fatima.benali@example.org", complainant__phone="+33612345678")  # fmt: skip
    other, _ = file(public, complainant__family_name="Tazi", complainant__email="t@example.org",
                    complainant__phone="+32470000000")  # fmt: skip
    dashed = receipt["reference"]
    q = typed.format(dashed=dashed, plain=reference, lower=reference.lower(), dashed_lower=dashed.lower())
    staff = sign_in(app, "officer@example.ma")
    text = listed(staff, "/admin/inbox", q=q)
    assert dashed in text and other["reference"] not in text


def test_search_stays_in_the_searchers_scope_and_keeps_no_personal_data(world):
    public, app, store = world
    receipt, _ = file(public, region="casablanca_settat", complainant__family_name="Kettani")
    fes = sign_in(app, "fes@example.ma")
    for q in ("Kettani", receipt["reference"]):
        assert receipt["reference"] not in listed(fes, "/admin/inbox", q=q)
    officer = sign_in(app, "officer@example.ma")
    assert receipt["reference"] in listed(officer, "/admin/inbox", q="kettani")
    searches = store.list_audit(None, "search", None, None, 10)
    assert searches and all("ettani" not in str(e.detail) for e in searches)
    for q in ("", "%", "x" * 5000, "@", "+", "'; DROP TABLE grievances; --"):
        listed(officer, "/admin/inbox", q=q)


def test_a_file_is_assigned_and_reassigned_with_my_files_and_unassigned_views(world):
    public, app, store = world
    _receipt, reference = file(public, region="fes_meknes")
    _other, other_reference = file(public, region="fes_meknes")
    officer = sign_in(app, "officer@example.ma")
    assert post(officer, reference, "assign", assignee="officer@example.ma").status_code == 302
    mine = officer.get("/admin/inbox?view=mine").get_data(as_text=True).split("<tbody>")[1]
    assert reference in mine and other_reference not in mine
    unassigned = officer.get("/admin/inbox?view=unassigned").get_data(as_text=True).split("<tbody>")[1]
    assert other_reference in unassigned and reference not in unassigned
    assert post(officer, reference, "assign", assignee="fes@example.ma").status_code == 302
    assert store.get_grievance(reference).assigned_to == "fes@example.ma"
    fes = sign_in(app, "fes@example.ma")
    assert reference in fes.get("/admin/inbox?view=mine").get_data(as_text=True)
    assert post(officer, reference, "assign", assignee="nobody@example.ma").status_code == 422
    assert post(officer, reference, "assign", assignee="-").status_code == 302
    assert store.get_grievance(reference).assigned_to is None
    entries = store.list_audit(None, "assign", reference, None, 10)
    assert [e.detail["assignee"] for e in entries] == [None, "fes@example.ma", "officer@example.ma"]
    assert all(e.staff_id == "officer@example.ma" for e in entries)
    page = visible_text(officer.get(f"/admin/grievances/{reference}").get_data(as_text=True))
    assert "Officer → Fes" in " ".join(page.split())
    track = public.post("/api/track", json={"reference": reference, "tracking_code": _receipt["tracking_code"]})
    assert "assigned" not in track.get_data(as_text=True) and "Officer" not in track.get_data(as_text=True)


def test_files_filed_before_search_existed_are_found_after_the_migration(tmp_path):
    import sqlite3

    from functions.admin.app import create_app as admin_app
    from functions.platform.config import Config
    from functions.public.app import create_app as public_app
    from tests.admin_helpers import add_staff

    config = Config.from_env({}, SAWT_DATA_DIR=tmp_path)
    public = public_app(config)
    receipt, _ = file(public.test_client(), complainant__family_name="Oulad Haddou")
    public.extensions["sawt.service"]().store.close()
    # Back to the version before: no tokens, no owner, no reply or opening times.
    db = sqlite3.connect(tmp_path / "sawt.sqlite3", isolation_level=None)
    db.execute("DROP TABLE search_tokens")
    db.execute("DROP INDEX grievances_by_assignee")
    for column in ("assigned_to", "replied_at", "opened_at"):
        db.execute(f"ALTER TABLE grievances DROP COLUMN {column}")
    db.execute("DELETE FROM schema_migrations WHERE version = 8")
    db.close()
    app = admin_app(config)  # the new version starts: migration 0008 indexes what was filed
    add_staff(app.extensions["sawt.admin"]().store, "officer@example.ma", "reviewer")
    officer = sign_in(app, "officer@example.ma")
    assert receipt["reference"] in listed(officer, "/admin/inbox", q="oulad-haddou")

"""The audit actor is the session: no form field can change who an entry names, and no request is
ever spread into keyword arguments (which would let a client choose names like `staff_id`)."""

import ast

import pytest

from tests.admin_helpers import PASSWORD, csrf_of, https_client, sign_in
from tests.conftest import ROOT
from tests.test_admin_access import World

# What a forger adds to every form: the entry's own fields, and the names an actor could hide under.
FORGED = {
    "staff_id": "admin@example.ma",
    "actor": "admin@example.ma",
    "action": "logout",
    "target": "NOTAREFX",
    "address": "10.0.0.1",
    "at": "2020-01-01T00:00:00.000000Z",
    "audit_id": "0#0",
    "detail": "forged",
}
ACTIONS = {
    "status": ("status_change", {"status": "under_review", "reason": "Étude"}, {"status": "under_review"}),
    "message": ("message", {"template": "acknowledge", "text": ""}, {"template": "acknowledge"}),
    "request-information": (
        "request_information",
        {"template": "request_details", "text": "x"},
        {"template": "request_details"},
    ),
    "orient": ("orient", {"card": "cndh", "note": "", "reason": "CNDH", "confirmed": "1"}, {"card": "cndh"}),
    "reassign": ("reassign", {"delegation": "central", "reason": "Rabat"}, {"delegation": "central"}),
}


@pytest.fixture
def world(tmp_path):
    return World(tmp_path)


def newest(store, action):
    return store.list_audit(None, action, None, None, 1)[0]


@pytest.mark.parametrize("route", list(ACTIONS))
def test_no_form_field_changes_who_an_entry_names(world, route):
    action, form, detail = ACTIONS[route]
    reviewer = sign_in(world.app, "reviewer@example.ma")
    csrf = csrf_of(reviewer.get(f"/admin/grievances/{world.reference}"))
    answer = reviewer.post(f"/admin/grievances/{world.reference}/{route}", data={**form, **FORGED, "csrf": csrf})
    assert answer.status_code == 302
    entry = newest(world.store, action)
    assert (entry.staff_id, entry.action, entry.target) == ("reviewer@example.ma", action, world.reference)
    assert entry.detail == detail  # the codes staff chose; nothing else of the form
    assert not world.store.list_audit("admin@example.ma", None, None, None, 10)  # nothing in the admin's name


def test_a_failed_sign_in_names_nobody_as_its_actor(world):
    client = https_client(world.app)
    login = client.get("/admin/login")
    client.post("/admin/login", data={"csrf": csrf_of(login), "email": "admin@example.ma", "password": "guess",
                                      **{k: v for k, v in FORGED.items() if k != "action"}})  # fmt: skip
    entry = newest(world.store, "login_failure")
    assert (entry.staff_id, entry.target) == ("-", "admin@example.ma")  # the account tried, not an actor
    assert not world.store.list_audit("admin@example.ma", None, None, None, 10)
    # Past the password, the person of the (half-open) session is the actor of what follows.
    login = client.get("/admin/login")
    step = client.post("/admin/login", data={"csrf": csrf_of(login), "email": "admin@example.ma", "password": PASSWORD})
    page = client.get(step.headers["Location"])
    client.post("/admin/login/code", data={"csrf": csrf_of(page), "code": "000000", "staff_id": "reviewer@example.ma"})
    entry = newest(world.store, "login_failure")
    assert (entry.staff_id, entry.target) == ("admin@example.ma", "admin@example.ma")


def test_the_audit_viewers_filters_are_details_not_the_entry(world):
    admin = sign_in(world.app, "admin@example.ma")
    admin.get("/admin/audit?staff=reviewer@example.ma&action=logout&target=NOTAREFX&staff_id=x")
    entry = newest(world.store, "view_audit")
    assert (entry.staff_id, entry.action, entry.target) == ("admin@example.ma", "view_audit", None)
    assert entry.detail == {"filters": {"staff": "reviewer@example.ma", "action": "logout", "target": "NOTAREFX"}}


REQUEST_READERS = ("request", "read_form", "read_json", "get_json")


def spreads_of_request_data(tree: ast.AST) -> list[tuple[int, str]]:
    """`f(**x)` where x comes from the request (directly, or through a name assigned from it in the
    same function), and any `audit(**x)` at all."""
    found = []
    for function in [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]:
        tainted = set()
        for node in ast.walk(function):
            if isinstance(node, ast.Assign) and any(word in ast.unparse(node.value) for word in REQUEST_READERS):
                tainted |= {t.id for target in node.targets for t in ast.walk(target) if isinstance(t, ast.Name)}
        for node in ast.walk(function):
            if not isinstance(node, ast.Call):
                continue
            for keyword in node.keywords:
                if keyword.arg is not None:
                    continue
                source = ast.unparse(keyword.value)
                names = {n.id for n in ast.walk(keyword.value) if isinstance(n, ast.Name)}
                callee = ast.unparse(node.func)
                if callee.endswith("audit") or any(w in source for w in REQUEST_READERS) or names & tainted:
                    found.append((node.lineno, ast.unparse(node)[:100]))
    return found


def test_no_request_is_spread_into_keyword_arguments_anywhere():
    sources = [
        p for folder in ("functions", "schemas", "scripts", "site/portal") for p in (ROOT / folder).rglob("*.py")
    ]
    found = {
        f"{path.relative_to(ROOT)}:{line}": code
        for path in sources
        for line, code in spreads_of_request_data(ast.parse(path.read_text(encoding="utf-8")))
    }
    assert found == {}


def test_the_scan_finds_the_patterns_it_forbids():
    bad = ast.parse(
        "def a():\n    audit('x', **{k: v for k, v in request.form.items()})\n"
        "def b():\n    flat = read_form()\n    make(**flat)\n"
        "def c(entry):\n    audit('x', **entry)\n"
        "def d(row):\n    values = dict(row)\n    Staff(**values)\n"
    )
    assert [line for line, _ in spreads_of_request_data(bad)] == [2, 5, 7]


def test_audit_takes_no_actor_argument():
    source = (ROOT / "functions" / "admin" / "access.py").read_text(encoding="utf-8")
    audit = next(n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.FunctionDef) and n.name == "audit")
    assert [a.arg for a in audit.args.posonlyargs] == ["action", "target", "detail"]
    assert audit.args.args == [] and audit.args.kwonlyargs == [] and audit.args.kwarg is None

"""No markup from data: gettext's output is trusted as markup in templates, so only catalog msgids
(literals) go through _(); every value from a request or the store is escaped; unknown partner slugs
are dropped before rendering."""

import ast

import jinja2
import pytest
from jinja2 import nodes

from functions.platform.config import Config
from functions.public.app import create_app as public_app
from functions.storage.records import CounterChange
from tests.conftest import ROOT
from tests.factories import grievance
from tests.test_store_contract import make_grievance

REDIRECT = '"><meta http-equiv="refresh" content="0;url=https://evil.example/">'
SCRIPT = "<script>location='https://evil.example/'</script>"
TEMPLATE_DIRS = ("functions/web/templates", "site/portal/templates", "functions/admin/templates")
GETTEXT = {"_", "gettext", "ngettext", "pgettext"}


@pytest.fixture
def client(tmp_path):
    return public_app(Config.from_env({}, SAWT_DATA_DIR=tmp_path)).test_client()


def flat(body, prefix=""):
    if isinstance(body, dict):
        return {k: v for key, value in body.items() for k, v in flat(value, f"{prefix}{key}.").items()}
    if isinstance(body, list):
        return {k: v for n, value in enumerate(body) for k, v in flat(value, f"{prefix}{n}.").items()}
    return {prefix[:-1]: {True: "true", False: "false"}.get(body, str(body))}


@pytest.mark.parametrize("action", ["review", "edit", "add_member"])
@pytest.mark.parametrize("partner", [REDIRECT, SCRIPT, "not-a-partner"])
def test_a_partner_tag_from_a_form_post_is_never_markup(client, action, partner):
    form = {**flat(grievance()), "partner": partner, "partner_consent": "true", "_action": action, "lang": "fr"}
    page = client.post("/api/grievances", data=form)
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "evil.example" not in html and "not-a-partner" not in html  # unknown: dropped before rendering
    assert 'name="partner"' not in html or 'name="partner" value=""' in html


def test_a_known_partner_is_named_and_kept(client):
    form = {**flat(grievance()), "partner": "consulat-lyon", "partner_consent": "true", "_action": "edit", "lang": "fr"}
    html = client.post("/api/grievances", data=form).get_data(as_text=True)
    assert 'name="partner" value="consulat-lyon"' in html and "Lyon" in html


def test_a_figure_from_the_store_under_an_unknown_partner_is_escaped(tmp_path):
    app = public_app(Config.from_env({}, SAWT_DATA_DIR=tmp_path))
    store = app.extensions["sawt.service"]().store
    from functions.cases.filing import new_event
    from functions.storage.records import IdempotencyRecord

    made = make_grievance()
    counters = [CounterChange("total", "all", 5), CounterChange("partner", SCRIPT, 5)]
    first = new_event(made.reference, __import__("datetime").datetime.now(__import__("datetime").UTC), "status",
                      "complainant", status="received")  # fmt: skip
    store.create_grievance(made, first, IdempotencyRecord("k", "h", made.reference, made.created_at, 2**31), counters)
    html = app.test_client().get("/api/stats/page?lang=fr").get_data(as_text=True)
    assert SCRIPT not in html and "&lt;script&gt;" in html


def jinja_gettext_calls(source: str) -> list[str]:
    """The _()/gettext() calls of a template whose first argument is not a string literal."""
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"], autoescape=True)  # parsed only, never rendered
    found = []
    for call in env.parse(source).find_all(nodes.Call):
        if isinstance(call.node, nodes.Name) and call.node.name in GETTEXT:
            first = call.args[0] if call.args else None
            if not (isinstance(first, nodes.Const) and isinstance(first.value, str)):
                found.append(f"line {call.lineno}: {call.node.name}({type(first).__name__})")
    return found


def test_templates_call_gettext_with_literal_msgids_only():
    found = {
        str(path.relative_to(ROOT)): calls
        for folder in TEMPLATE_DIRS
        for path in sorted((ROOT / folder).rglob("*.html"))
        if (calls := jinja_gettext_calls(path.read_text(encoding="utf-8")))
    }
    assert found == {}


def test_the_template_scan_finds_what_it_forbids():
    assert len(jinja_gettext_calls('{{ _(partner_name(x)) }} {{ _(labels.STATUSES[s]) }} {{ _("fine") }}')) == 2


# Python's gettext returns plain text, which templates escape; still, what it is given must be a
# msgid. Each call site with a variable argument is listed here with where its msgids come from:
# a new one fails this test until someone has checked it takes catalog msgids only.
REVIEWED = {
    ("functions/admin/app.py", "message"): "the admin's gettext itself",
    ("functions/web/rendering.py", "message"): "the site's gettext itself",
    ("functions/web/rendering.py", "singular"): "the site's ngettext itself",
    ("functions/web/rendering.py", "msgid"): "translated(): templates pass table entries",
    (
        "functions/platform/http_errors.py",
        "field_message(field, code)",
    ): "schemas/error_codes.py (code checked by split_code)",
    ("functions/cases/notifications.py", "line"): "the e-mail's own N_() lines",
    ("functions/cases/notifications.py", "subject"): "KINDS: N_() constants",
    ("functions/cases/notifications.py", "REFERENCE_LINE"): "an N_() constant",
    ("functions/cases/notifications.py", "CODE_LINE"): "an N_() constant",
    ("functions/cases/correspondent_mail.py", "line"): "the correspondent's e-mail's own N_() lines",
    ("functions/cases/correspondent_mail.py", "SUBJECTS[kind]"): "SUBJECTS: N_() constants (a known kind only)",
    ("functions/cases/correspondent_mail.py", "FIRST_LINES[kind]"): "FIRST_LINES: N_() constants",
    ("functions/web/js_strings.py", "text"): "the bundles' N_() tables",
    ("functions/web/js_strings.py", "label"): "labels.FIELDS (N_() table)",
    ("functions/web/js_strings.py", "REPLY_LABEL"): "an N_() constant",
    ("functions/web/js_strings.py", "contact_label(f)"): "labels.FIELDS (N_() table), a correctable field only",
    ("functions/web/js_strings.py", "card['body']"): "guidance data (extracted msgids)",
    ("functions/web/js_strings.py", "p['name']"): "partners.toml (extracted msgids)",
    ("functions/web/posters.py", "TITLE"): "an N_() constant",
    ("functions/web/posters.py", "PROMISE"): "an N_() constant",
    ("functions/web/posters.py", "step"): "an N_() tuple",
    ("functions/web/posters.py", "SHARED_BY"): "an N_() constant",
    ("functions/web/posters.py", "partner['name']"): "partners.toml (extracted msgids)",
    ("functions/web/answers.py", "text"): "a field's choices (only a known option: unknown raw values are not passed)",
    ("functions/web/answers.py", "labels.YES_NO['true' if raw in ('true', 'on') else 'false']"): "labels.py",
    ("functions/web/answers.py", "title"): "form steps (labels.py)",
    ("functions/web/answers.py", "spec.label"): "form fields (labels.py)",
    ("functions/web/form_errors.py", "entry[0]"): "labels.FIELDS",
    ("functions/web/form_errors.py", "member_field[0]"): "labels.FIELDS",
    ("site/portal/pages.py", "title"): "the page table (N_())",
    ("site/portal/pages.py", "partner['name']"): "partners.toml (extracted msgids)",
    ("site/portal/pages.py", "msgid"): "say(): the multilingual 404 template's literal msgids",
    (
        "scripts/generate_font_metrics.py",
        "text",
    ): "the posters' N_() constants and partners.toml (measured, never shown)",
    ("site/portal/pages.py", "PAGES['check'][1]"): "the page table (N_())",
    ("site/portal/pages.py", "cards[card]['body']"): "guidance data (extracted msgids)",
    ("site/portal/assets.py", "i['text']"): "checklists.toml (extracted msgids)",
    ("functions/admin/files.py", "TEMPLATES[template]"): "message_templates.py (a known template only)",
    ("functions/admin/files.py", "guidance.orientation()['card'][card]['body']"): "guidance data (a known card only)",
    ("functions/admin/files.py", "labels.CITIZEN_STATUSES[status]"): "labels.py (a known status only)",
}


def python_gettext_calls(source: str) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and node.args:
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            first = node.args[0]
            if name in GETTEXT and not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                found.add(ast.unparse(first))
    return found


def test_python_calls_gettext_with_variables_only_where_reviewed():
    found = {
        (str(path.relative_to(ROOT)), argument)
        for folder in ("functions", "schemas", "site/portal", "scripts")
        for path in (ROOT / folder).rglob("*.py")
        for argument in python_gettext_calls(path.read_text(encoding="utf-8"))
    }
    assert found - set(REVIEWED) == set()
    assert set(REVIEWED) - found == set()  # the list stays exact


@pytest.mark.parametrize("action", ["review", "edit"])
def test_a_tampered_choice_is_never_echoed_as_markup(client, action):
    for field in ("category", "region", "type", "filer_kind", "complainant.country_of_residence"):
        page = client.post("/api/grievances", data={**flat(grievance()), field: SCRIPT, "_action": action})
        assert page.status_code in (200, 422) and SCRIPT not in page.get_data(as_text=True)

"""What the browser tests share: axe, filling the form step by step, reading the store."""

from tests.conftest import ROOT

AXE = ROOT / "tools" / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def axe_violations(page) -> list[str]:
    """Run axe-core in the page (context made with bypass_csp: axe is injected inline)."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_TAGS
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


def continue_step(page, moves=True):
    """Continue, then wait for the step's check: the next step (or the review), or its errors."""
    step = page.locator("fieldset.step:not([hidden])")
    before = step.get_attribute("data-step")
    step.locator("button[data-go]").first.click()
    if moves:
        page.wait_for_function(
            "s => !document.querySelector(`fieldset.step[data-step=${s}]:not([hidden])`)", arg=before, timeout=60000
        )


def fill_about(page):
    page.check("input[name=type][value=complaint]")
    page.check("input[name=filer_kind][value=individual]")


def fill_you(page, country="FR"):
    page.fill("[name='complainant.given_name']", "Fatima")
    page.fill("[name='complainant.family_name']", "El Amrani")
    page.select_option("[name='complainant.country_of_residence']", country)
    page.fill("[name='complainant.email']", "fatima@example.org")


def fill_matter(page):
    page.fill("[name=administration]", "Commune de Berkane")
    page.select_option("[name=region]", "oriental")
    page.select_option("[name=category]", "civil_status")
    page.fill("[name=subject]", "Acte de naissance")
    page.fill("[name=description]", "J'attends la transcription de l'acte de naissance depuis quatre mois.")
    page.fill("[name=desired_outcome]", "Recevoir une copie intégrale de l'acte.")


def fill_steps(page):
    page.check("input[name='prior_steps.contacted'][value=false]")


def fill_declarations(page):
    page.check("[name=not_before_court]")
    page.check("[name=consent]")


# The steps of one person's complaint (the group step is skipped: there is nothing in it for one
# person), each with what fills it; documents need nothing.
STEP_FILLERS = (("about", fill_about), ("you", fill_you), ("matter", fill_matter), ("steps", fill_steps),
                ("documents", lambda page: None), ("declarations", fill_declarations))  # fmt: skip


def fill_form_with_script(page, country="FR"):
    """The complaint of tests.factories.grievance(), through the stepped form (up to its last step)."""
    for step, fill in STEP_FILLERS:
        fill(page, country) if step == "you" else fill(page)
        if step != "declarations":
            continue_step(page)


def server_rows(server, table: str, where: str = "1 = 1") -> int:
    """Rows counted in the server's own database (never what the page says it did)."""
    from functions.platform.config import Config
    from functions.storage.sqlite_store import SqliteStore

    store = SqliteStore(Config.from_env(SAWT_DATA_DIR=server.data_dir).data_dir)
    try:
        return store.db.connection().execute(f"SELECT COUNT(*) FROM {table} WHERE {where}").fetchone()[0]  # noqa: S608
    finally:
        store.close()


def stored_grievances(server) -> list:
    """Every grievance the server holds, as records."""
    from functions.platform.config import Config
    from functions.storage.sqlite_store import SqliteStore

    store = SqliteStore(Config.from_env(SAWT_DATA_DIR=server.data_dir).data_dir)
    try:
        rows = store.db.connection().execute("SELECT reference FROM grievances").fetchall()
        return [store.get_grievance(row[0]) for row in rows]
    finally:
        store.close()


def review_and_send(page):
    """From the declarations step: check your answers, then send."""
    continue_step(page)
    page.locator(".review:not([hidden])").wait_for(timeout=30000)
    page.click(".review button[type=submit]")


def ask_for_information(server, reference):
    """Staff ask the complainant for information (the admin's own workflow, on the server's store)."""
    from functions.admin.workflow import Workflow
    from functions.platform.config import Config
    from functions.storage.sqlite_store import SqliteStore

    store = SqliteStore(Config.from_env(SAWT_DATA_DIR=server.data_dir).data_dir)
    try:
        current = store.get_grievance(reference.replace("-", ""))
        Workflow(store, Config.from_env({})).request_information(current, "a@example.ma", "request_details", "")
    finally:
        store.close()


def _no_connection(route):
    route.abort("internetdisconnected")


def set_offline(context, offline=True):
    """Offline as a phone without a connection is: Chromium's emulation, and every call to the API
    refused at the door as well. Under load the emulation alone once let the page's "send now"
    reach the server (CI, stop 29), which no phone without a connection can do; what these tests
    check is what the page does when nothing gets through."""
    context.set_offline(offline)
    if offline:
        context.route("**/api/**", _no_connection)
    else:
        context.unroute("**/api/**", _no_connection)

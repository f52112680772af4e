"""The inbox (filters, counts, pages) and its CSV export, both scoped to what the staff member may see."""

import csv
import io

from flask import Blueprint, Response, abort, current_app, g, render_template, request

from schemas import vocabulary as v
from schemas.countries import COUNTRY_CODES

from ..cases.deadlines import is_overdue
from ..cases.search_tokens import as_reference, query_tokens
from ..storage.port import InvalidCursorError
from ..storage.records import InboxQuery, iso, utc_now
from ..web.rendering import country_choices
from .access import audit, can_see, delegation_scope, requires
from .inbox_rows import inbox_row

blueprint = Blueprint("admin_inbox", __name__)
EXPORT_ROWS = 10_000
CHOICES = {
    "status": v.STATUSES,
    "type": v.GRIEVANCE_TYPES,
    "category": v.CATEGORIES,
    "region": v.REGIONS,
}
VIEWS = ("mine", "unassigned", "answers_overdue")
OVERDUE_ANSWERS = 200
SEARCH_RESULTS = 50
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def services():
    return current_app.extensions["sawt.admin"]()


def overdue(grievance, now) -> bool:
    return grievance.status not in v.FINAL_STATUSES and is_overdue(grievance.due_at, now)


def filters_from(args) -> dict:
    """Only known values survive: an unknown filter is dropped, never passed to a query."""
    chosen = {name: args.get(name) for name in CHOICES if args.get(name) in CHOICES[name]}
    country = (args.get("country") or "").upper()
    if country in COUNTRY_CODES:
        chosen["country"] = country
    partner = (args.get("partner") or "").strip()
    if partner.replace("-", "").isalnum() and len(partner) <= 60:
        chosen["partner"] = partner
    for name in ("from", "to"):
        value = args.get(name, "")
        if (
            len(value) == 10
            and value[4] == value[7] == "-"
            and value.replace("-", "").isascii()
            and value.replace("-", "").isdigit()
        ):
            chosen[name] = value
    if args.get("overdue") == "1":
        chosen["overdue"] = "1"
    if args.get("order") == "oldest":
        chosen["order"] = "oldest"
    if args.get("view") in VIEWS:
        chosen["view"] = args["view"]
    return chosen


def query_for(chosen: dict, limit: int, cursor: str | None) -> InboxQuery:
    view = chosen.get("view")
    return InboxQuery(
        assigned_to=g.staff.staff_id if view == "mine" else None,
        unassigned=view == "unassigned",
        delegation=delegation_scope(g.staff),  # from the role, never from the request
        status=chosen.get("status"),
        type=chosen.get("type"),
        category=chosen.get("category"),
        region=chosen.get("region"),
        country=chosen.get("country"),
        partner=chosen.get("partner"),
        overdue_at=iso(utc_now()) if chosen.get("overdue") else None,
        created_from=f"{chosen['from']}T00:00:00.000000Z" if chosen.get("from") else None,
        created_to=f"{chosen['to']}T23:59:59.999999Z" if chosen.get("to") else None,
        newest_first=chosen.get("order") != "oldest",
        limit=limit,
        cursor=cursor,
    )


def search(query: str) -> list:
    """Files matching a reference (any spelling), a family name, an e-mail or a phone, within the
    searcher's scope: a key lookup and token lookups (cases/search_tokens.py), never a scan."""
    store, secret = services().store, services().secret
    references = []
    reference = as_reference(query)
    if reference:
        references.append(reference)
    references += store.find_by_tokens(query_tokens(secret, query), SEARCH_RESULTS)
    found = []
    for ref in dict.fromkeys(references):
        grievance = store.get_grievance(ref)
        if grievance is not None and can_see(g.staff, grievance):
            found.append(grievance)
    return sorted(found, key=lambda gr: gr.created_at, reverse=True)[:SEARCH_RESULTS]


def files_with_overdue_answers() -> list:
    """Files whose administration is late to answer, most overdue first, within the reader's scope:
    a Query of the unanswered forwardings by deadline, then each file by key."""
    store, found = services().store, {}
    # Read to the end, then kept within the reader's scope: a delegation's late answers are not
    # hidden behind other regions' (the index holds only unanswered forwardings of open files).
    for forwarding in store.open_forwardings_due_by(iso(utc_now())):
        if len(found) >= OVERDUE_ANSWERS:
            break
        if forwarding.reference not in found:
            grievance = store.get_grievance(forwarding.reference)
            if grievance is not None and can_see(g.staff, grievance):
                found[forwarding.reference] = grievance
    return list(found.values())


@blueprint.get("/inbox")
@requires()
def inbox():
    chosen = filters_from(request.args)
    query = (request.args.get("q") or "").strip()[:200]
    cursor = request.args.get("cursor") or None
    if query:
        page, next_cursor = search(query), None
        audit("search", None, {"results": len(page)})  # what was searched for is personal data: not kept
    elif chosen.get("view") == "answers_overdue":
        page, next_cursor = files_with_overdue_answers(), None
    else:
        try:
            page, next_cursor = services().store.list_grievances(query_for(chosen, 50, cursor))
        except InvalidCursorError:
            abort(400)  # an edited or stale "next page" link
    scope = delegation_scope(g.staff)
    counts = services().store.read_statistics(f"delegation:{scope}" if scope else "all").get("status", {})
    now = utc_now()
    rows = [inbox_row(grievance, now, g.staff.staff_id) for grievance in page]
    return render_template(
        "admin/inbox.html", rows=rows, chosen=chosen, next_cursor=next_cursor, counts=counts, choices=CHOICES,
        query=query, countries=country_choices(g.lang)[1],
    )  # fmt: skip


def safe_cell(value) -> str:
    """Spreadsheets run cells that start like a formula: make them plain text."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def export_rows(chosen: dict):
    store, cursor, sent = services().store, None, 0
    now = utc_now()
    while sent < EXPORT_ROWS:
        page, cursor = store.list_grievances(query_for(chosen, min(500, EXPORT_ROWS - sent), cursor))
        for grievance in page:
            contact = grievance.payload.get("complainant", {})
            yield [
                grievance.reference, grievance.created_at, grievance.updated_at, grievance.status, grievance.type,
                grievance.category, grievance.region, grievance.delegation, grievance.country, grievance.partner,
                grievance.due_at, "yes" if overdue(grievance, now) else "",
                f"{contact.get('given_name', '')} {contact.get('family_name', '')}".strip(),
                grievance.payload.get("administration"), grievance.payload.get("subject"),
            ]  # fmt: skip
            sent += 1
        if not cursor:
            break


HEADER = ["reference", "created_at", "updated_at", "status", "type", "category", "region", "delegation",
          "country", "partner", "due_at", "overdue", "complainant", "administration", "subject"]  # fmt: skip


@blueprint.get("/export.csv")
@requires()
def export():
    chosen = filters_from(request.args)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    count = 0
    for row in export_rows(chosen):
        writer.writerow([safe_cell(cell) for cell in row])
        count += 1
    audit("export", None, {"filters": chosen, "rows": count})
    response = Response("\ufeff" + buffer.getvalue(), mimetype="text/csv")  # BOM: Excel reads UTF-8 (Arabic names)
    response.headers["Content-Disposition"] = "attachment; filename=sawt-export.csv"
    return response

"""Every admin route × every kind of visitor → the expected answer, and nothing leaks in the body."""

import io

import pytest

from functions.admin.app import create_app as admin_app
from functions.cases.forwarding import ForwardingService
from functions.platform.config import Config
from functions.public.app import create_app as public_app
from tests.admin_helpers import add_staff, csrf_of, https_client, sign_in
from tests.factories import grievance, key

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SECRET_WORDS = "Zoubida Qassimi-Testfile"  # the complainant's name: must never show where it should not


class World:
    """One grievance (Fès-Meknès, with a document) and five kinds of visitor (other tests use it too)."""

    def __init__(self, tmp_path):
        self.config = Config.from_env({}, SAWT_DATA_DIR=tmp_path / "data")
        self.public = public_app(self.config).test_client()
        self.receipt, self.upload_id = self.file(self.public)
        self.reference = self.receipt["reference"].replace("-", "")
        self.app = admin_app(self.config)
        store = self.app.extensions["sawt.admin"]().store
        add_staff(store, "admin@example.ma", "admin")
        add_staff(store, "reviewer@example.ma", "reviewer")
        add_staff(store, "fes@example.ma", "delegation", "fes_meknes")
        add_staff(store, "casa@example.ma", "delegation", "casablanca_settat")
        self.store = store
        self.clients = {}

    @staticmethod
    def file(public):
        filing = key()
        target = public.post(
            "/api/uploads",
            json={
                "filing": filing,
                "kind": "decision",
                "type": "application/pdf",
                "size": len(PDF),
                "name": "decision.pdf",
            },
        ).get_json()
        public.post(
            target["url"],
            data={**target["fields"], "file": (io.BytesIO(PDF), "decision.pdf")},
            content_type="multipart/form-data",
        )
        public.post(f"/api/uploads/{target['upload_id']}/verify")
        body = grievance(region="fes_meknes", attachments=[target["upload_id"]])
        body["complainant"]["family_name"] = SECRET_WORDS
        receipt = public.post("/api/grievances", json=body, headers={"Idempotency-Key": filing}).get_json()
        return receipt, target["upload_id"]

    def names(self) -> dict:
        return {"ref": self.reference, "upload": self.upload_id, "other": self.other_reference,
                "other_upload": self.other_upload_id}  # fmt: skip

    def client(self, who):
        """Each visitor signs in once and keeps the session (a second factor's code works once)."""
        if who == "anonymous":
            return https_client(self.app)
        if who not in self.clients:
            email = {"admin": "admin@example.ma", "reviewer": "reviewer@example.ma", "right delegation": "fes@example.ma",
                     "other delegation": "casa@example.ma", "correspondent": "corr@cnss.ma",
                     "other correspondent": "corr@cmr.ma"}[who]  # fmt: skip
            self.clients[who] = sign_in(self.app, email)
        return self.clients[who]


class ForwardedWorld(World):
    """The same grievance forwarded to the CNSS with its document shared, a second one (with its own
    document) forwarded nowhere, and two correspondents: the CNSS's and the CMR's."""

    def __init__(self, tmp_path):
        super().__init__(tmp_path)
        other, self.other_upload_id = self.file(self.public)
        self.other_reference = other["reference"].replace("-", "")
        add_staff(self.store, "corr@cnss.ma", "correspondent", administration="cnss")
        add_staff(self.store, "corr@cmr.ma", "correspondent", administration="cmr")
        ForwardingService(self.store, self.config).forward(
            self.store.get_grievance(self.reference), "admin@example.ma", "cnss", "Où en est la pension ?",
            [self.upload_id], {self.upload_id},
        )  # fmt: skip


WHO = ("anonymous", "admin", "reviewer", "right delegation", "other delegation", "correspondent", "other correspondent")
CORRESPONDENTS = ("correspondent", "other correspondent")

# route -> expected status for each visitor, in WHO's order
GETS = {
    "/admin/inbox": (302, 200, 200, 200, 200, 302, 302),
    # Found by all but the other delegation (and the correspondents, sent to their own inbox).
    "/admin/inbox?q=ZOUBIDA+qassimi+testfile": (302, 200, 200, 200, 200, 302, 302),
    "/admin/inbox?view=mine": (302, 200, 200, 200, 200, 302, 302),
    "/admin/inbox?view=unassigned": (302, 200, 200, 200, 200, 302, 302),
    "/admin/export.csv": (302, 200, 200, 200, 200, 403, 403),
    "/admin/grievances/{ref}": (302, 200, 200, 200, 404, 403, 403),
    "/admin/grievances/{ref}/documents/{upload}": (302, 200, 200, 200, 404, 403, 403),
    "/admin/grievances/NOTAREFX/documents/{upload}": (302, 404, 404, 404, 404, 403, 403),
    "/admin/grievances/{ref}/documents/{upload}/preview": (302, 200, 200, 200, 404, 403, 403),
    "/admin/grievances/NOTAREFX/documents/{upload}/preview": (302, 404, 404, 404, 404, 403, 403),
    "/admin/staff": (302, 200, 403, 403, 403, 403, 403),
    "/admin/audit": (302, 200, 403, 403, 403, 403, 403),
    "/admin/grievances/{ref}/correct": (302, 200, 200, 200, 404, 403, 403),
    "/admin/grievances/NOTAREFX/correct": (302, 404, 404, 404, 404, 403, 403),
    "/admin/grievances/{ref}/rights": (302, 200, 403, 403, 403, 403, 403),
    "/admin/grievances/{ref}/export.zip": (302, 200, 403, 403, 403, 403, 403),
    "/admin/grievances/NOTAREFX/rights": (302, 404, 403, 403, 403, 403, 403),
    "/admin/account": (302, 200, 200, 200, 200, 200, 200),
    "/admin/statistics": (302, 200, 200, 200, 200, 403, 403),
    "/admin/statistics?scope=delegation:fes_meknes": (302, 200, 200, 200, 404, 403, 403),
    "/admin/statistics?scope=partner:consulat-lyon": (302, 200, 200, 404, 404, 403, 403),
    "/admin/partners": (302, 200, 200, 200, 200, 403, 403),
    "/admin/partners/consulat-lyon/poster-ar.svg": (302, 200, 200, 200, 200, 403, 403),
    "/admin/partners/consulat-lyon/poster-de.svg": (302, 404, 404, 404, 404, 403, 403),
    "/admin/answers": (302, 403, 403, 403, 403, 200, 200),
    "/admin/answers/{ref}": (302, 403, 403, 403, 403, 200, 404),  # forwarded to the CNSS only
    "/admin/answers/{ref}/documents/{upload}": (302, 403, 403, 403, 403, 200, 404),  # shared with the CNSS
    "/admin/answers/{other}": (302, 403, 403, 403, 403, 404, 404),  # forwarded nowhere
    "/admin/answers/{ref}/documents/{other_upload}": (302, 403, 403, 403, 403, 404, 404),  # another file's
    "/admin/answers/{other}/documents/{other_upload}": (302, 403, 403, 403, 403, 404, 404),
    "/admin/answers/NOTAREFX": (302, 403, 403, 403, 403, 404, 404),
}
POSTS = {
    "/admin/grievances/{ref}/status": (
        {"status": "under_review", "reason": "Étude"},
        (403, 302, 302, 302, 404, 403, 403),
    ),
    "/admin/grievances/{ref}/message": ({"template": "acknowledge", "text": ""}, (403, 302, 302, 302, 404, 403, 403)),
    "/admin/grievances/{ref}/request-information": (
        {"template": "request_details", "text": "x"},
        (403, 302, 302, 302, 404, 403, 403),
    ),
    "/admin/grievances/{ref}/note": ({"text": "Rappeler lundi"}, (403, 302, 302, 302, 404, 403, 403)),
    "/admin/grievances/{ref}/assign": ({"assignee": "fes@example.ma"}, (403, 302, 302, 302, 404, 403, 403)),
    "/admin/grievances/{ref}/orient": (
        {"card": "cndh", "note": "", "reason": "CNDH", "confirmed": "1"},
        (403, 302, 302, 302, 404, 403, 403),
    ),
    "/admin/grievances/{ref}/reassign": (
        {"delegation": "central", "reason": "Rabat"},
        (403, 302, 302, 302, 404, 403, 403),
    ),
    "/admin/staff": (
        {"email": "new@example.ma", "name": "New", "role": "reviewer"},
        (403, 201, 403, 403, 403, 403, 403),
    ),
    "/admin/staff#correspondent": (
        {"email": "new@cnss.ma", "name": "New", "role": "correspondent", "administration": "cnss"},
        (403, 201, 403, 403, 403, 403, 403),
    ),
    "/admin/staff/reviewer@example.ma": ({"action": "reset_password"}, (403, 200, 403, 403, 403, 403, 403)),
    "/admin/account": ({"language": "ar"}, (403, 200, 200, 200, 200, 200, 200)),
    "/admin/grievances/{ref}/forward": (
        {"administration": "cmr", "text": "Merci de répondre"},
        (403, 302, 302, 302, 404, 403, 403),
    ),
    "/admin/grievances/{ref}/remind": ({"administration": "cnss"}, (403, 302, 302, 302, 404, 403, 403)),
    "/admin/grievances/{ref}/answer": ({"text": "Dossier réglé"}, (403, 403, 403, 403, 403, 302, 404)),
    "/admin/grievances/{other}/answer": ({"text": "Dossier réglé"}, (403, 403, 403, 403, 403, 404, 404)),
    # With a document (a multipart form): the same answers, the bytes verified only for the CNSS.
    "/admin/grievances/{ref}/answer#document": (
        {"text": "Dossier réglé", "documents": PDF},
        (403, 403, 403, 403, 403, 302, 404),
    ),
    "/admin/grievances/{ref}/tracking-code": ({"identity_checked": "1"}, (403, 200, 200, 200, 404, 403, 403)),
    "/admin/grievances/{ref}/correct": (
        {"city": "Marseille", "reason": "Courrier du 2 décembre"},
        (403, 302, 302, 302, 404, 403, 403),
    ),
    "/admin/grievances/{ref}/erasure": (
        {"action": "request", "reason": "Lettre du 2 décembre"},
        (403, 302, 403, 403, 403, 403, 403),
    ),
}


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    return ForwardedWorld(tmp_path_factory.mktemp("admin"))


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("route", list(GETS))
def test_get_routes(world, route, who):
    expected = GETS[route][WHO.index(who)]
    response = world.client(who).get(route.format(**world.names()))
    assert response.status_code == expected
    body = response.get_data().decode("utf-8", "replace")  # (the export is a zip)
    if expected != 200 or who in ("other delegation", *CORRESPONDENTS):
        assert SECRET_WORDS not in body  # a correspondent never reads the complainant's name
    if expected in (403, 404) or (who == "other delegation" and expected == 200):
        assert world.reference not in body  # (a redirect may repeat the address that was asked for)
    if who == "other correspondent":
        assert world.reference not in body  # another administration's file: not even its reference
    if who in CORRESPONDENTS:
        assert world.other_reference not in body  # a file forwarded nowhere
    if expected == 302:
        home = "/admin/answers" if who in CORRESPONDENTS else "/admin/login"
        assert response.headers["Location"].startswith(home)


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("route", list(POSTS))
def test_post_routes(tmp_path, route, who):
    world = ForwardedWorld(tmp_path)  # a fresh file each time: actions change it
    client = world.client(who)
    page = client.get("/admin/account") if who != "anonymous" else client.get("/admin/login")
    form, statuses = POSTS[route]
    data = {**form, "csrf": csrf_of(page)}
    if "documents" in form:
        data["documents"] = (io.BytesIO(form["documents"]), "decision.pdf", "application/pdf")
    response = client.post(route.format(**world.names()).split("#")[0], data=data)
    assert response.status_code == statuses[WHO.index(who)]
    if "documents" in form and who not in ("correspondent", "anonymous"):
        assert not any(e.kind == "answer" for e in world.store.list_events(world.reference))
    if response.status_code in (403, 404):
        assert SECRET_WORDS not in response.get_data(as_text=True)


@pytest.mark.parametrize("who", ["admin", "reviewer", "right delegation"])
def test_a_search_finds_the_file_for_those_who_may_see_it(world, who):
    body = world.client(who).get("/admin/inbox?q=ZOUBIDA+qassimi+testfile").get_data(as_text=True)
    assert world.receipt["reference"] in body.split("<tbody>")[1]


def test_the_other_delegation_inbox_and_export_hold_nothing_of_the_file(world):
    client = world.client("other delegation")
    for route in ("/admin/inbox", "/admin/export.csv", "/admin/inbox?region=fes_meknes"):
        body = client.get(route).get_data(as_text=True)
        assert world.reference not in body and SECRET_WORDS not in body


def test_a_delegation_cannot_widen_its_scope_through_the_query(world):
    client = world.client("other delegation")
    body = client.get("/admin/inbox?delegation=fes_meknes").get_data(as_text=True)
    assert world.reference not in body


# An administration's answer's document, once the CNSS sent it: staff who may see the file read it;
# no correspondent does (not their own administration's, nor the other's: it was shared with no one).
ANSWER_DOCUMENT = {
    "/admin/grievances/{ref}/documents/{answer_upload}": (302, 200, 200, 200, 404, 403, 403),
    "/admin/grievances/{ref}/documents/{answer_upload}/preview": (302, 200, 200, 200, 404, 403, 403),
    "/admin/answers/{ref}/documents/{answer_upload}": (302, 403, 403, 403, 403, 404, 404),
}


@pytest.fixture(scope="module")
def answered_world(tmp_path_factory):
    world = ForwardedWorld(tmp_path_factory.mktemp("answered"))
    cnss = world.client("correspondent")
    csrf = csrf_of(cnss.get(f"/admin/answers/{world.reference}"))
    sent = cnss.post(f"/admin/grievances/{world.reference}/answer",
                     data={"csrf": csrf, "text": "Réglé", "documents": (io.BytesIO(PDF), "réponse.pdf")})  # fmt: skip
    assert sent.status_code == 302
    (answer,) = [e for e in world.store.list_events(world.reference) if e.kind == "answer"]
    (world.answer_upload_id,) = answer.body["attachments"]
    return world


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("route", list(ANSWER_DOCUMENT))
def test_an_answers_document_by_role(answered_world, route, who):
    world = answered_world
    response = world.client(who).get(route.format(answer_upload=world.answer_upload_id, **world.names()))
    assert response.status_code == ANSWER_DOCUMENT[route][WHO.index(who)]
    if response.status_code == 200:
        assert response.data == PDF
    else:
        assert PDF not in response.data

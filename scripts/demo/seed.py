"""Seed a demonstration service: about a hundred fictional files in every status, made the way people
make them — filed with documents through the public API, worked on through the admin's use cases,
answered and withdrawn by their complainants — on whichever backend the configuration names.

Deterministic (one fixed seed: the same files, names, texts and order every time, dated relative to
the day it runs) and idempotent (a seeded service is left as it is; only the demo accounts' passwords
and second factors are set again, so the printed ones always work)."""

import dataclasses
import datetime as dt
import json
import random
import secrets
import uuid
from pathlib import Path

import pyotp

from functions.admin.bootstrap import new_staff, one_time_expiry
from functions.admin.workflow import Workflow
from functions.cases.forwarding import ForwardingService
from functions.platform.config import Config
from functions.public.app import create_app
from functions.storage.port import StaffExistsError
from functions.storage.records import utc_now
from schemas import guidance

from . import stories
from .documents import letter_pdf, photo_jpeg

SEED = 20261201
MARKER = ".sawt-demo"  # in the data directory: this directory holds demonstration data only
# How many files end in each status (about a hundred in all), and how old they are (days).
PLAN = [
    ("received", 18, (0, 40)),
    ("under_review", 14, (10, 60)),
    ("information_requested", 12, (20, 90)),
    ("in_progress", 16, (30, 150)),
    ("resolved", 14, (60, 300)),
    ("closed", 8, (90, 330)),
    ("oriented", 7, (15, 200)),
    ("inadmissible", 5, (20, 200)),
    ("withdrawn", 6, (20, 200)),
]
# The seed's own limits: one machine files a hundred grievances in a minute, which the real limits
# (rightly) refuse from one address.
SEED_LIMITS = {
    "SAWT_FILINGS_PER_HOUR": "100000",
    "SAWT_UPLOADS_PER_HOUR": "100000",
    "SAWT_TRACK_FAILURES": "100000",
    "SAWT_TRACK_FAILURES_PER_CLIENT": "100000",
    "SAWT_TRACK_FAILURES_PER_REFERENCE": "100000",
}
SEED_ADDRESS = "198.51.100.20"
STAFF = [
    ("amina.admin@demo.example.org", "Amina (admin)", "admin", None),
    ("yassine.reviewer@demo.example.org", "Yassine (reviewer)", "reviewer", None),
    ("salma.reviewer@demo.example.org", "Salma (reviewer)", "reviewer", None),
    ("karim.fes@demo.example.org", "Karim (Fès-Meknès)", "delegation", "fes_meknes"),
    # An administration's correspondents: the 4th field is their administration (administrations.toml).
    ("hicham.cnss@demo.example.org", "Hicham (CNSS)", "correspondent", "cnss"),
    ("leila.ancfcc@demo.example.org", "Leila (ANCFCC)", "correspondent", "ancfcc"),
    ("nadia.casablanca@demo.example.org", "Nadia (Casablanca-Settat)", "delegation", "casablanca_settat"),
]
# The administration a matter goes to (schemas/data/administrations.toml), by category.
ADMINISTRATION_OF = {
    "civil_status": "interior", "land_property": "ancfcc", "pensions_social_security": "cnss", "taxes": "taxes",
    "customs": "customs", "judgment_enforcement": "justice", "consular_services": "foreign_affairs",
    "education_diplomas": "education", "investment": "interior", "urban_planning": "interior",
    "public_employment": "education", "health": "cnss", "other": "interior",
}  # fmt: skip
ADMINISTRATION_ASKS = "Merci de nous indiquer où en est la demande de la personne et ce qui manque pour la traiter."
ADMINISTRATION_ANSWERS = [
    "Le dossier a été réexaminé : la décision sera notifiée à l'intéressé dans les quinze jours.",
    "Après vérification, il manque l'acte de notoriété ; nous l'avons demandé à la personne.",
    "تمت تسوية الملف وسيتم إشعار المعني بالأمر في أقرب الآجال.",
]
TEMPLATE_OF = {"resolved": "resolved", "closed": "closed_no_answer", "inadmissible": "not_competent"}
REASONS = {
    "under_review": "Dossier complet, examen au fond.",
    "in_progress": "Saisine de l'administration concernée.",
    "resolved": "L'administration a donné suite à la demande.",
    "closed": "Aucune réponse du plaignant malgré relance.",
    "inadmissible": "Litige entre particuliers, hors compétence.",
}


class DemoRefused(Exception):
    """Demonstration data would land where real data lives."""


@dataclasses.dataclass
class Account:
    email: str
    name: str
    role: str
    delegation: str | None  # a delegation's code, or a correspondent's administration
    password: str
    totp_secret: str


class Clock:
    """The seed's time: each file is filed and worked on at its own moment in the past."""

    def __init__(self, now: dt.datetime):
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


def refuse_real_data(config: Config, store=None) -> None:
    """Demo data never goes where real files are: a local data directory must be new or already a
    demo's; on AWS, tables and bucket must carry "demo" in their names and be empty unless a demo
    seed completed there."""
    if config.storage == "aws":
        if "demo" not in config["SAWT_TABLE_PREFIX"] or "demo" not in config["SAWT_BUCKET"]:
            raise DemoRefused("SAWT_TABLE_PREFIX and SAWT_BUCKET must contain 'demo' for demonstration data")
        return
    data = config.data_dir
    if data.exists() and not data.is_dir():
        raise DemoRefused(f"{data} is not a directory")
    if data.exists() and any(data.iterdir()) and not (data / MARKER).exists():
        raise DemoRefused(f"{data} holds data that is not a demonstration's: use an empty directory")


def refuse_unfinished(config: Config, store) -> None:
    """A seed that stopped half-way is not resumed (its files would be filed twice) nor wiped here (a
    marker file alone is no proof a directory is disposable): the person deletes it, knowingly."""
    where = config.data_dir if config.storage == "local" else f"the tables {config['SAWT_TABLE_PREFIX']}*"
    if store.has_staff() or any(any(counts.values()) for counts in store.read_statistics().values()):
        raise DemoRefused(
            f"{where} holds an unfinished demonstration (or other data): delete it (make demo-reset locally; "
            "on AWS delete and provision the demo tables again), then run make demo again"
        )


def _marker(config: Config) -> Path:
    return config.data_dir / MARKER


def already_seeded(config: Config, store) -> bool:
    marker = _marker(config)
    if config.storage == "local":
        return marker.exists() and json.loads(marker.read_text() or "{}").get("complete", False)
    # On AWS the marker is the store's own: the last demo account exists only once all is seeded.
    return config.storage == "aws" and store.get_staff(STAFF[-1][0]) is not None


def accounts() -> list[Account]:
    """New one-time passwords and second-factor secrets at every start, never derived from the seed:
    the seed is public, and a demo may be reachable from the internet."""
    words = ["cedre", "atlas", "oasis", "medina", "argan", "sahel", "zellige", "riad", "noria", "tajine"]
    made = []
    for email, name, role, delegation in STAFF:
        password = "-".join(secrets.choice(words) for _ in range(3)) + f"-{secrets.token_hex(3)}"
        made.append(Account(email, name, role, delegation, password, pyotp.random_base32()))
    return made


def set_accounts(store, config: Config, made: list[Account]) -> None:
    """Demo only: the accounts' one-time passwords and second factors are known and printed."""
    for account in made:
        correspondent = account.role == "correspondent"
        person = new_staff(
            account.email, account.name, account.role, None if correspondent else account.delegation,
            account.password, expires_at=one_time_expiry(config),
            administration=account.delegation if correspondent else None,
        )  # fmt: skip
        try:
            store.create_staff(person)
        except StaffExistsError:
            store.update_staff(
                person.staff_id, password_hash=person.password_hash, password_must_change=True,
                password_expires_at=person.password_expires_at, active=True, failed_logins=0, locked_until=0,
            )  # fmt: skip
        store.update_staff(person.staff_id, totp_secret=account.totp_secret, totp_enabled=True, totp_last_step=0)


class Seeder:
    def __init__(self, config: Config, now: dt.datetime | None = None):
        self.config = Config.from_env(dict(config.values), **SEED_LIMITS)
        self.anchor = (now or utc_now()).replace(minute=0, second=0, microsecond=0)
        self.clock = Clock(self.anchor)
        app = create_app(self.config, clock=self.clock)
        # The seed files from an address of its own (TEST-NET-2, never a real client): the limits it
        # raises for itself are not used up for the person who then tries the demo from 127.0.0.1.
        self.public = app.test_client()
        self.public.environ_base["REMOTE_ADDR"] = SEED_ADDRESS
        self.services = app.extensions["sawt.service"]()
        self.store = self.services.store
        self.workflow = Workflow(self.store, self.config, self.clock)
        self.forwarding = ForwardingService(self.store, self.config, self.clock)
        self.rng = random.Random(SEED)
        self.filed: list[dict] = []

    # -- the people's side, through the public API --------------------------------------------------

    def _key(self) -> str:
        """Random, never from the seed: with a key and the (deterministic) body anyone could replay a
        filing and read its tracking code."""
        return str(uuid.uuid4())

    def _post(self, path: str, body: dict, key: str | None = None, lang: str = "fr", expect=(200, 201)):
        headers = {"Accept-Language": lang, **({"Idempotency-Key": key} if key else {})}
        response = self.public.post(path, json=body, headers=headers)
        if response.status_code not in expect:
            raise RuntimeError(f"{path} answered {response.status_code}: {response.get_data(as_text=True)[:300]}")
        return response.get_json()

    def _upload(self, filing: str, body: bytes, kind: str, kind_type: str, name: str) -> str:
        # Upload links expire by the wall clock (S3's presigned POST does too), so documents are sent
        # at the present moment, then the clock goes back to the file's.
        moment, self.clock.now = self.clock.now, utc_now()
        try:
            return self._send(filing, body, kind, kind_type, name)
        finally:
            self.clock.now = moment

    def _send(self, filing: str, body: bytes, kind: str, kind_type: str, name: str) -> str:
        target = self._post(
            "/api/uploads", {"filing": filing, "kind": kind, "type": kind_type, "size": len(body), "name": name}
        )
        data = {**target["fields"], "file": (__import__("io").BytesIO(body), name)}
        if target["url"].startswith("http"):  # S3 (moto, or a real demo bucket)
            import requests

            sent = requests.post(target["url"], data=target["fields"], files={"file": (name, body)}, timeout=30)
            sent.raise_for_status()
        else:
            sent = self.public.post(target["url"], data=data, content_type="multipart/form-data")
            if sent.status_code != 204:
                raise RuntimeError(f"upload answered {sent.status_code}")
        self._post(f"/api/uploads/{target['upload_id']}/verify", {})
        return target["upload_id"]

    def _person(self, lang: str, country: str, city: str, woman: bool = False, family: int | None = None) -> dict:
        n = (
            self.rng.randrange(0, len(stories.GIVEN_LATIN), 2)
            if woman
            else self.rng.randrange(len(stories.GIVEN_LATIN))
        )
        m = self.rng.randrange(len(stories.FAMILY_LATIN)) if family is None else family
        arabic = lang == "ar"
        given = (stories.GIVEN_ARABIC if arabic else stories.GIVEN_LATIN)[n]
        family = (stories.FAMILY_ARABIC if arabic else stories.FAMILY_LATIN)[m]
        handle = f"{stories.GIVEN_LATIN[n]}.{stories.FAMILY_LATIN[m]}".lower().replace(" ", "")
        person = {"given_name": given, "family_name": family, "country_of_residence": country, "city": city,
                  "language": lang}  # fmt: skip
        channel = self.rng.random()
        if channel < 0.75:
            person |= {"email": f"{handle}@example.org", "preferred_contact": "email"}
        if channel > 0.6:
            # ARCEP keeps +33 6 39 98 xx xx for fiction: never a real person's number.
            person["phone"] = f"+3363998{self.rng.randint(0, 9999):04d}"
            person.setdefault("preferred_contact", "phone")
        return person

    def _body(self, status: str, index: int) -> tuple[dict, str, list[tuple]]:
        rng = self.rng
        country, city, languages = rng.choice(stories.RESIDENCES)
        lang = languages[0] if rng.random() < 0.7 else rng.choice(languages)
        orientation = status == "oriented" and index % 2 == 0
        shape = index % 12  # now and then a group, an organisation, someone filing for another
        story = self._story(shape, lang, index)
        texts = stories.ORIENTATION if orientation else story["text"]
        written = lang if lang in texts else ("ar" if lang == "ar" or rng.random() < 0.4 else "fr")
        subject, description, *outcome = texts[written]
        family = rng.randrange(len(stories.FAMILY_LATIN))
        complainant = self._person(lang, country, city, woman=shape == 10 and not orientation, family=family)
        body = {
            "type": "orientation_request" if orientation else "complaint",
            "filer_kind": "individual",
            "complainant": complainant,
            "region": "oriental" if orientation else story["region"],
            "category": "other" if orientation else story["category"],
            "subject": subject,
            "description": description,
            "consent": True,
            "not_before_court": True,
            "email_updates": True,
        }
        if outcome:
            body["desired_outcome"] = outcome[0]
        if not orientation:
            body["administration"] = story["administration"]
            contacted = rng.random() < 0.7
            body["prior_steps"] = {"contacted": contacted}
            if contacted:
                day = self.anchor.date() - dt.timedelta(days=rng.randint(200, 700))
                body["prior_steps"] |= {"contacted_on": day.isoformat(), "answer": rng.choice(["none", "partial"])}
        documents = []
        if shape == 3 and not orientation:  # a family group: the heirs of one plot
            body["filer_kind"] = "collective"
            body["members"] = [{"given_name": g, "family_name": f} for g, f in stories.GROUP_MEMBERS]
        elif shape == 7 and not orientation:
            body["filer_kind"] = "legal_person"
            organisation = stories.ORGANISATIONS[index // 12 % len(stories.ORGANISATIONS)]
            body["organisation"] = {**organisation, "legal_representative": "Omar Tazi"}
        elif shape == 10 and not orientation:  # a son filing for his mother, with her procuration
            arabic = lang == "ar"
            body["filed_by_representative"] = True
            body["representative"] = {
                "given_name": "مهدي" if arabic else "Mehdi",
                "family_name": (stories.FAMILY_ARABIC if arabic else stories.FAMILY_LATIN)[family],
                "relationship": stories.SON[lang],
            }  # fmt: skip
            documents.append(("procuration", "application/pdf", "procuration.pdf"))
        if rng.random() < 0.55:
            documents.append(("correspondence", "application/pdf", "courrier-administration.pdf"))
        if rng.random() < 0.35:
            documents.append(("identity_document", "image/jpeg", "photo-document.jpg"))
        partners = guidance.partners()
        if rng.random() < 0.3:
            slug = rng.choice(sorted(partners))
            body |= {"partner": slug, "partner_consent": rng.random() < 0.8}
        return body, lang, documents

    def _story(self, shape: int, lang: str, index: int) -> dict:
        """The story a file tells, fitting who files it: heirs file about their plot, a company about
        its project, a son about his mother's pension; others, a story in their own language where
        there is one."""
        special = {3: stories.STORIES[1], 7: stories.INVESTMENT, 10: stories.FOR_A_PARENT}
        if shape in special:
            return special[shape]
        own = [story for story in stories.STORIES if lang in story["text"]]
        pool = own if own and lang not in ("fr", "ar") and self.rng.random() < 0.85 else stories.STORIES
        return pool[index % len(pool)]

    def _document(self, kind_type: str, title: str) -> bytes:
        if kind_type == "application/pdf":
            return letter_pdf(title, ["Sawt - fichier de démonstration", "Aucune personne réelle n'est concernée."])
        return photo_jpeg(self.rng, "DEMO")

    def file(self, status: str, days_ago: int, index: int) -> dict:
        self.clock.now = self.anchor - dt.timedelta(days=days_ago, hours=self.rng.randint(1, 20))
        body, lang, documents = self._body(status, index)
        filing = self._key()
        uploads = [
            self._upload(filing, self._document(kind_type, name), kind, kind_type, name)
            for kind, kind_type, name in documents
        ]
        body["attachments"] = uploads
        receipt = self._post("/api/grievances", body, key=filing, lang=lang, expect=(201,))
        filed = {"reference": receipt["reference"], "tracking_code": receipt["tracking_code"], "language": lang,
                 "status": status, "type": body["type"], "documents": uploads}  # fmt: skip
        self.filed.append(filed)
        return filed

    # -- the staff's side, through the admin's use cases ----------------------------------------------

    def _later(self, filed_at: dt.datetime, step: int, steps: int, early: bool = False) -> None:
        """The moment of the `step`-th of `steps` actions on a file: spread between its filing and the
        present, the last one a little before now."""
        span = self.anchor - filed_at
        # Files still in progress were worked on early (then they wait on the administration: some of
        # its answers are late); the others are spread over their whole life.
        share = 3 if early else 1
        moment = filed_at + span * step / (share * (steps + 1)) + dt.timedelta(hours=self.rng.randint(1, 6))
        self.clock.now = min(moment, self.anchor - dt.timedelta(minutes=10 * (steps - step + 1)))

    def _grievance(self, reference: str):
        return self.store.get_grievance(reference.replace("-", ""))

    def work(self, filed: dict, made: list[Account]) -> None:
        status, reference, lang = filed["status"], filed["reference"], filed["language"]
        officer = self.rng.choice([a for a in made if a.role in ("reviewer", "admin")]).email
        words = stories.STAFF_WORDS["ar" if lang == "ar" else "fr"]
        path = {
            "received": [],
            "under_review": ["acknowledge", "under_review"],
            "information_requested": ["under_review", "information_requested"],
            "in_progress": ["acknowledge", "under_review", "in_progress"],
            "resolved": ["under_review", "in_progress", "resolved"],
            "closed": ["under_review", "information_requested", "closed"],
            "oriented": ["oriented"],
            "inadmissible": ["inadmissible"],
            "withdrawn": ["acknowledge", "withdrawn"],
        }[status]
        filed_at = self.clock.now
        for step, action in enumerate(path, start=1):
            self._later(filed_at, step, len(path), early=status == "in_progress")
            grievance = self._grievance(reference)
            if action == "acknowledge":
                self.workflow.message(grievance, officer, "acknowledge", "")
            elif action == "information_requested":
                staff_lang = "ar" if lang == "ar" else "fr"
                asked = stories.STAFF_REQUESTS[staff_lang]
                self.workflow.request_information(grievance, officer, "request_documents", asked, staff_lang)
                if status == "information_requested" and self.rng.random() < 0.5:
                    self._reply(filed, lang)
            elif action == "oriented":
                card = "bank" if filed["type"] == "orientation_request" else self.rng.choice(["court", "consulate"])
                self.workflow.orient(grievance, officer, card, "", "Hors compétence : orientation.")
            elif action == "withdrawn":
                reason = stories.WITHDRAW_REASONS.get(lang, stories.WITHDRAW_REASONS["fr"])
                self._post(
                    f"/api/grievances/{reference}/withdraw",
                    {"tracking_code": filed["tracking_code"], "reason": reason}, key=self._key(), lang=lang,
                )  # fmt: skip
            else:
                text = words if action == "in_progress" else ""
                template = "sent_to_administration" if action == "in_progress" else TEMPLATE_OF.get(action)
                staff_lang = "ar" if lang == "ar" else "fr"
                self._answer_pending(filed)
                self.workflow.change_status(
                    grievance, officer, action, REASONS[action], template, text, language=staff_lang
                )
                if action == "in_progress":
                    self._forward(filed, officer)
        if status == "in_progress" and self.rng.random() < 0.4:
            self.clock.now = min(self.clock.now + dt.timedelta(days=self.rng.randint(10, 40)), self.anchor)
            self._answer_pending(filed)
        filed.pop("forwarded", None)
        self._staff_extras(filed, made)

    def _forward(self, filed: dict, officer: str) -> None:
        """Sent to the administration concerned, with the file's first document shared (its clock
        starts: files sent long ago and never answered are late)."""
        grievance = self._grievance(filed["reference"])
        administration = ADMINISTRATION_OF[grievance.category]
        documents = filed["documents"]
        self.forwarding.forward(grievance, officer, administration, ADMINISTRATION_ASKS, documents[:1], documents)
        filed["forwarded"] = administration

    def _answer_pending(self, filed: dict) -> None:
        """The administration answers before the file's next step, through its correspondent when it
        has one in the demo (otherwise the answer came by post and staff keep it in the file)."""
        administration = filed.get("forwarded")
        if not administration:
            return
        forwarding = self.store.get_forwarding(filed["reference"].replace("-", ""), administration)
        by = next((email for email, _n, role, code in STAFF if role == "correspondent" and code == administration),
                  f"{administration}@administration.example.org")  # fmt: skip
        self.clock.now -= dt.timedelta(hours=2)  # just before the step that follows it
        self.forwarding.answer(forwarding, by, self.rng.choice(ADMINISTRATION_ANSWERS))
        self.clock.now += dt.timedelta(hours=2)
        filed.pop("forwarded")

    def _reply(self, filed: dict, lang: str) -> None:
        key = self._key()
        document = self._upload(key, self._document("application/pdf", "Copie"), "correspondence",
                                "application/pdf", "copie-demandee.pdf")  # fmt: skip
        text = stories.CITIZEN_REPLIES.get(lang, stories.CITIZEN_REPLIES["fr"])
        self._post(
            f"/api/grievances/{filed['reference']}/replies",
            {"tracking_code": filed["tracking_code"], "text": text, "attachments": [document]}, key=key, lang=lang,
        )  # fmt: skip

    def _staff_extras(self, filed: dict, made: list[Account]) -> None:
        """Notes for colleagues, owners for open files, and now and then a file sent to another delegation."""
        reference = filed["reference"]
        reviewers = [a.email for a in made if a.role == "reviewer"]
        if self.rng.random() < 0.35:
            self.workflow.add_note(self._grievance(reference), made[0].email, self.rng.choice(stories.STAFF_NOTES))
        grievance = self._grievance(reference)
        if Workflow.is_open(grievance) and self.rng.random() < 0.5:
            owner = self.rng.choice(reviewers)
            self.workflow.assign(grievance, made[0].email, owner, set(reviewers))
        grievance = self._grievance(reference)
        if Workflow.is_open(grievance) and grievance.delegation != "fes_meknes" and self.rng.random() < 0.08:
            self.workflow.reassign(grievance, made[0].email, "fes_meknes", "Le dossier relève de Fès.")

    # -- the whole service ----------------------------------------------------------------------------

    def run(self, made: list[Account]) -> list[dict]:
        index = 0
        for status, count, (youngest, oldest) in PLAN:
            for _ in range(count):
                days_ago = self.rng.randint(youngest, oldest)
                filed = self.file(status, days_ago, index)
                self.work(filed, made)
                index += 1
        self.clock.now = self.anchor
        for filed in self.filed:  # as it is now (a reply moves a file back to review)
            filed["status"] = self._grievance(filed["reference"]).status
        return self.filed


def seed(config: Config, now: dt.datetime | None = None) -> dict:
    """Seed the service `config` names (refusing real data), or leave a seeded one as it is; always
    set the demo accounts again, with new secrets. Returns the accounts and the seeded files with their
    current status (on AWS only when it seeded: nothing of an AWS demo is written on the local disk)."""
    refuse_real_data(config)
    local = config.storage == "local"
    marker, listed = _marker(config), config.data_dir / "demo-files.json"
    if local:
        config.data_dir.mkdir(parents=True, exist_ok=True)
        if not marker.exists():
            marker.write_text(json.dumps({"seed": SEED, "complete": False}))
    seeder = Seeder(config, now)
    made = accounts()
    files: list[dict] = []
    if not already_seeded(config, seeder.store):
        refuse_unfinished(config, seeder.store)
        set_accounts(seeder.store, config, made[:-1])
        files = seeder.run(made)
        if local:
            listed.write_text(json.dumps(files, ensure_ascii=False, indent=1))
    set_accounts(seeder.store, config, made)  # the last account last: on AWS it says "complete"
    if local:
        marker.write_text(json.dumps({"seed": SEED, "complete": True}))
        files = files or json.loads(listed.read_text())
    return {"accounts": made, "files": files}


def totp_now(store, email: str) -> str | None:
    """The current second-factor code of a demo account, from the secret the store holds."""
    staff = store.get_staff(email) if email in {e for e, *_ in STAFF} else None
    return pyotp.TOTP(staff.totp_secret).now() if staff and staff.totp_secret else None

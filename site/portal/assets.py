"""Static assets: minified, content-hashed for year-long caching, plus stable aliases.

The stable alias (`/assets/sawt.css`) serves pages rendered by the public function, which cannot
know the hash of the site build deployed next to it.
"""

import dataclasses
import hashlib
import json
from pathlib import Path

import rcssmin
from calmjs.parse import es5
from calmjs.parse.unparsers.es5 import minify_print

from schemas.vocabulary import LANGUAGES

STATIC = Path(__file__).with_name("static")
JS_MODULES = STATIC / "js" / "modules"
# One script per kind of page, so each page fetches only what it runs (the page-weight budget
# counts everything fetched on load). Order matters: core.js defines what the others use.
_OFFLINE = ("store.js", "outbox.js")  # on every page: queued filings leave as soon as any page opens
JS_BUNDLES = {
    "site.js": ("core.js", "error-summary.js", *_OFFLINE, "banner.js", "language-choice.js", "start-form.js",
                "print-page.js"),
    "form.js": ("core.js", "error-summary.js", *_OFFLINE, "repeat-rows.js", "country-select.js",
                "grievance-form.js", "attach-stub.js", "recorder-stub.js", "drafts.js", "checklist-stub.js",
                "partner-tag.js"),
    "track.js": ("core.js", "dates.js", "error-summary.js", "errors.js", *_OFFLINE, "banner.js", "track.js"),
    "filings.js": ("core.js", "dates.js", *_OFFLINE, "filings.js"),
    "stats.js": ("core.js", *_OFFLINE, "banner.js", "stats.js"),
    # A chunk, fetched on demand (never on load): it uses the helpers a page bundle exposes as Sawt.
    # The voice recorder rides with the documents' chunk: recordings travel in its queue, and the
    # form page cannot pay for one more chunk's address.
    "attach.js": ("attach.js", "recorder.js"),
    # Fetched by the attach chunk when a photo is of a paper document (its URL comes with the fragments).
    "document.js": ("document-mode.js", "document-pages.js"),
    "finish.js": ("dates.js", "finish.js"),
    # The form's errors come when there is one to show (its page has no byte to spare on load).
    "errors.js": ("chunk-helpers.js", "errors.js"),
    "checklist.js": ("chunk-helpers.js", "checklist.js"),
    "send.js": ("send.js",),
    "restore.js": ("restore.js",),
    "memory.js": ("memory.js",),
}  # fmt: skip


@dataclasses.dataclass(frozen=True)
class Asset:
    name: str  # stable name, e.g. sawt.css
    content: bytes

    @property
    def hashed_name(self) -> str:
        stem, _dot, ext = self.name.rpartition(".")
        digest = hashlib.sha256(self.content).hexdigest()[:10]
        return f"{stem}.{digest}.{ext}"


def minify_js(source: str) -> str:
    """Shorten local names too (calmjs.parse, an ES5 parser: it also refuses syntax old phones lack)."""
    return minify_print(es5(source), obfuscate=True, obfuscate_globals=False)


def _js_bundle(modules: tuple[str, ...], overrides: dict[str, str]) -> bytes:
    sources = [overrides.get(name) or (JS_MODULES / name).read_text(encoding="utf-8") for name in modules]
    # One strict-mode closure: modules share helpers without leaking globals.
    return minify_js("(function(){'use strict';\n" + "\n".join(sources) + "\n})();").encode()


def bundle_source(name: str) -> str:
    """One bundle's minified script, as built (scripts/bench/documents.py runs the chunks)."""
    return _js_bundle(JS_BUNDLES[name], {}).decode()


def _country_lists() -> list[Asset]:
    """countries-<lang>.json: every country in the language's order, fetched only when needed."""
    from functions.web.rendering import country_choices

    return [
        Asset(
            f"countries-{lang}.json",
            json.dumps(country_choices(lang)[1], ensure_ascii=False, separators=(",", ":")).encode(),
        )
        for lang in LANGUAGES
    ]


def _checklists() -> list[Asset]:
    """checklists-<lang>.json: the matter step's data, fetched when a category is chosen or the
    administration's field entered: the documents to prepare per category, and the administrations'
    names in the language (offered as the person types; free text stays possible)."""
    from functions.platform.i18n import translations
    from schemas.administrations import choices
    from schemas.guidance import checklist_for, checklists
    from schemas.vocabulary import CATEGORIES

    out = []
    for lang in LANGUAGES:
        gettext = translations(lang).gettext
        data = {c: [gettext(i["text"]) for i in checklist_for(c)] for c in CATEGORIES}
        data["_representative"] = [gettext(i["text"]) for i in checklists()["if_representative"]]
        data["_administrations"] = [name for _code, name in choices(lang)]
        out.append(
            Asset(f"checklists-{lang}.json", json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode())
        )
    return out


def collect(js_overrides: dict[str, str] | None = None) -> list[Asset]:
    """Every asset of the site. js_overrides (module name -> source) builds a variant: the tests use
    it to deploy a "next version" with a new IndexedDB migration."""
    assets = [
        Asset("sawt.css", rcssmin.cssmin((STATIC / "sawt.css").read_text(encoding="utf-8")).encode()),
        Asset("admin.css", rcssmin.cssmin((STATIC / "admin.css").read_text(encoding="utf-8")).encode()),
        Asset("icon.svg", (STATIC / "icon.svg").read_bytes()),
        Asset("icon-192.png", (STATIC / "icon-192.png").read_bytes()),
        Asset("icon-512.png", (STATIC / "icon-512.png").read_bytes()),
    ]
    assets += [Asset(name, _js_bundle(modules, js_overrides or {})) for name, modules in JS_BUNDLES.items()]
    assets += _country_lists() + _checklists()
    return assets


def asset_urls(assets: list[Asset]) -> dict[str, str]:
    return {a.name: f"/assets/{a.hashed_name}" for a in assets}

"""Static assets: minified, content-hashed for year-long caching, plus stable aliases.

The stable alias (`/assets/sawt.css`) serves pages rendered by the public function, which cannot
know the hash of the site build deployed next to it.
"""

import dataclasses
import hashlib
from pathlib import Path

import rcssmin
import rjsmin

STATIC = Path(__file__).with_name("static")
JS_MODULES = STATIC / "js" / "modules"
# Order matters: the core module defines what the others use.
JS_BUNDLE = ("core.js",)


@dataclasses.dataclass(frozen=True)
class Asset:
    name: str  # stable name, e.g. sawt.css
    content: bytes

    @property
    def hashed_name(self) -> str:
        stem, _dot, ext = self.name.rpartition(".")
        digest = hashlib.sha256(self.content).hexdigest()[:10]
        return f"{stem}.{digest}.{ext}"


def _js_bundle() -> bytes:
    sources = []
    for name in JS_BUNDLE + tuple(sorted(p.name for p in JS_MODULES.glob("*.js") if p.name not in JS_BUNDLE)):
        sources.append((JS_MODULES / name).read_text(encoding="utf-8"))
    # One strict-mode closure: modules share helpers without leaking globals.
    return rjsmin.jsmin("(function(){'use strict';\n" + "\n".join(sources) + "\n})();").encode()


def collect() -> list[Asset]:
    assets = [
        Asset("sawt.css", rcssmin.cssmin((STATIC / "sawt.css").read_text(encoding="utf-8")).encode()),
        Asset("icon.svg", (STATIC / "icon.svg").read_bytes()),
    ]
    if JS_MODULES.exists() and any(JS_MODULES.glob("*.js")):
        assets.append(Asset("sawt.js", _js_bundle()))
    return assets


def asset_urls(assets: list[Asset]) -> dict[str, str]:
    return {a.name: f"/assets/{a.hashed_name}" for a in assets}

"""What makes the site installable and usable offline: a web app manifest and a service worker per
language, written after the pages are frozen (the worker's version hashes every built file)."""

import hashlib
import json
from pathlib import Path

from functions.platform.i18n import text_direction, translations
from schemas.vocabulary import LANGUAGES

from .assets import STATIC, minify_js

SW_SOURCE = STATIC / "js" / "sw.js"
SKIP = {".gz", ".br"}


def site_version(site: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file() and p.suffix not in SKIP and p.name != "sw.js"):
        digest.update(str(path.relative_to(site)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def precache_list(site: Path, lang: str, asset_urls: dict[str, str]) -> list[str]:
    """Every page of the language, the hashed assets its pages use, and its manifest."""
    pages = sorted("/" + str(p.parent.relative_to(site)) + "/" for p in (site / lang).rglob("index.html"))
    other = (
        {"admin.css"}
        | {f"countries-{x}.json" for x in LANGUAGES if x != lang}
        | {f"checklists-{x}.json" for x in LANGUAGES if x != lang}
    )
    assets = sorted(url for name, url in asset_urls.items() if name not in other)
    return [*pages, *assets, f"/{lang}/manifest.webmanifest"]


def manifest(lang: str, asset_urls: dict[str, str]) -> dict:
    gettext = translations(lang).gettext
    return {
        "name": f"{gettext('Sawt')} – {gettext('Grievances to the Ombudsman')}",
        "short_name": gettext("Sawt"),
        "description": gettext("Grievances to the Ombudsman, from abroad"),
        "lang": lang,
        "dir": text_direction(lang),
        "start_url": f"/{lang}/",
        "scope": f"/{lang}/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b5d3b",
        "icons": [
            {"src": asset_urls["icon-192.png"], "sizes": "192x192", "type": "image/png", "purpose": "any"},
            {"src": asset_urls["icon-512.png"], "sizes": "512x512", "type": "image/png", "purpose": "maskable"},
            {"src": asset_urls["icon.svg"], "sizes": "any", "type": "image/svg+xml"},
        ],
    }


def write(site: Path, asset_urls: dict[str, str]) -> str:
    for lang in LANGUAGES:
        (site / lang / "manifest.webmanifest").write_text(json.dumps(manifest(lang, asset_urls), ensure_ascii=False))
    version = site_version(site)
    source = minify_js(SW_SOURCE.read_text(encoding="utf-8"))
    for lang in LANGUAGES:
        worker = (
            source.replace("__VERSION__", version)
            .replace("__LANG__", lang)
            .replace("__PRECACHE__", json.dumps(precache_list(site, lang, asset_urls)))
        )
        (site / lang / "sw.js").write_text(worker, encoding="utf-8")
    return version

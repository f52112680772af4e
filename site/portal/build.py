"""Build the static site into build/site: freeze every page × language, write assets, precompress."""

import gzip
import shutil
import time
from pathlib import Path

import brotli
from flask_frozen import Freezer

from functions.platform.config import Config
from functions.web.identity import Identity, from_config

from . import assets as site_assets
from . import offline_files
from .app import create_app
from .pages import all_urls

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DESTINATION = ROOT / "build" / "site"
COMPRESSIBLE = {".html", ".css", ".js", ".svg", ".json", ".webmanifest", ".txt", ".xml"}


def precompress(directory: Path) -> None:
    """Write .gz and .br beside every text file, so servers and the CDN send them as they are."""
    for path in list(directory.rglob("*")):
        if path.is_file() and path.suffix in COMPRESSIBLE:
            data = path.read_bytes()
            path.with_name(path.name + ".gz").write_bytes(gzip.compress(data, 9, mtime=0))
            path.with_name(path.name + ".br").write_bytes(brotli.compress(data, quality=11))


def build(
    destination: Path = DEFAULT_DESTINATION,
    js_overrides: dict[str, str] | None = None,
    identity: Identity | None = None,
    config=None,
) -> dict:
    """identity: the institution's name and logo; by default from SAWT_INSTITUTION_* (the operator's).
    config: the deployment's settings (scripts/deploy.py passes the public function's); the
    environment's when not given."""
    started = time.perf_counter()
    identity = identity or from_config(Config.from_env())
    collected = site_assets.collect(js_overrides)
    if identity.logo is not None:
        collected.append(site_assets.Asset(identity.logo_asset, identity.logo))
    urls = site_assets.asset_urls(collected)
    app = create_app(asset_urls=urls, identity=identity, config=config)
    app.config.update(
        FREEZER_DESTINATION=str(destination),
        FREEZER_REMOVE_EXTRA_FILES=True,
        FREEZER_IGNORE_MIMETYPE_WARNINGS=True,
        FREEZER_DEFAULT_MIMETYPE="text/html",
        FREEZER_SKIP_EXISTING=False,
    )
    freezer = Freezer(app, with_static_files=False, with_no_argument_rules=False, log_url_for=False)
    freezer.register_generator(all_urls)
    if destination.exists():
        shutil.rmtree(destination)
    pages = freezer.freeze()
    asset_dir = destination / "assets"
    asset_dir.mkdir(parents=True, exist_ok=True)
    for asset in collected:
        (asset_dir / asset.hashed_name).write_bytes(asset.content)
        (asset_dir / asset.name).write_bytes(asset.content)
    version = offline_files.write(destination, urls)
    precompress(destination)
    return {
        "pages": len(pages),
        "version": version,
        "seconds": time.perf_counter() - started,
        "destination": str(destination),
    }

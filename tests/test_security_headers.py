"""The headers the CDN must add (docs/deploy.md) are the ones the local server sends: one source."""

import re

from functions.platform.security_headers import security_headers
from tests.conftest import ROOT


def documented_headers() -> dict[str, str]:
    text = (ROOT / "docs" / "deploy.md").read_text()
    return dict(re.findall(r"^\s*\| `([A-Z][A-Za-z-]+)` \| `([^`]+)` \|$", text, re.MULTILINE))


def test_the_cdn_policy_in_the_docs_matches_the_code():
    documented = documented_headers()
    sent = security_headers("<SAWT_UPLOAD_ORIGIN>")
    # HSTS only makes sense over HTTPS, which the CDN terminates: it is the one header the docs add.
    assert documented.pop("Strict-Transport-Security").startswith("max-age=63072000")
    assert documented == sent


def test_the_upload_origin_is_allowed_for_scripts_only(tmp_path):
    from functions.local_server import LocalServer
    from functions.platform.config import Config

    config = Config.from_env({}, SAWT_DATA_DIR=tmp_path, SAWT_UPLOAD_ORIGIN="https://files.example")
    policy = LocalServer(config).headers["Content-Security-Policy"]
    assert "connect-src 'self' https://files.example" in policy
    assert "form-action 'self';" in policy

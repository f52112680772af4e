"""The single-server files in deploy/: the systemd unit passes Debian's `systemd-analyze verify`
(no warning either: systemd ignores a directive it cannot parse, with only a line on stderr) and
its offline security review, with the hardening the operations guide promises; the Caddy example
passes `caddy adapt --validate`, with TLS, HSTS and the proxy the app trusts."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

UNIT = ROOT / "deploy" / "sawt.service"
CADDYFILE = ROOT / "deploy" / "Caddyfile"


def directives(text: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in text.splitlines():
        if "=" in line and not line.lstrip().startswith(("#", "[")):
            name, value = line.split("=", 1)
            found.setdefault(name.strip(), []).append(value.strip())
    return found


def alternate_root(tmp_path: Path, unit_text: str) -> tuple[Path, Path]:
    """A root holding the system's units, the unit, and the program it starts: `verify` checks
    that ExecStart exists, and /opt/sawt is where the guide installs it, not this machine."""
    root = tmp_path / "root"
    shutil.copytree("/usr/lib/systemd/system", root / "usr/lib/systemd/system", symlinks=True)
    program = root / directives(unit_text)["ExecStart"][0].split()[0].lstrip("/")
    program.parent.mkdir(parents=True)
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    unit = root / "etc/systemd/system/sawt.service"
    unit.parent.mkdir(parents=True)
    unit.write_text(unit_text)
    return root, unit


def verify(tmp_path: Path, unit_text: str) -> subprocess.CompletedProcess:
    root, unit = alternate_root(tmp_path, unit_text)
    return subprocess.run(["systemd-analyze", "verify", f"--root={root}", str(unit)],
                          capture_output=True, text=True, timeout=120, check=False)  # fmt: skip


def test_the_unit_passes_systemd_analyze_verify_without_a_warning(tmp_path):
    checked = verify(tmp_path, UNIT.read_text())
    assert checked.returncode == 0 and checked.stderr == "" and checked.stdout == "", checked.stderr


def test_the_check_would_catch_a_directive_systemd_ignores(tmp_path):
    broken = UNIT.read_text().replace("ProtectSystem=strict", "ProtectSystem=stricter")
    assert "Failed to parse" in verify(tmp_path, broken).stderr


def test_the_unit_is_hardened_as_the_guide_says(tmp_path):
    unit = directives(UNIT.read_text())
    expected = {"User": "sawt", "ProtectSystem": "strict", "PrivateTmp": "yes", "NoNewPrivileges": "yes",
                "ReadWritePaths": "/var/lib/sawt", "StateDirectory": "sawt", "Restart": "on-failure",
                "UMask": "0077", "CapabilityBoundingSet": ""}  # fmt: skip
    assert {name: unit[name][-1] for name in expected} == expected
    assert "SAWT_DATA_DIR=/var/lib/sawt" in unit["Environment"][0]
    # The same server `make run` starts, on the loopback only (the proxy faces the network).
    assert re.search(r"gunicorn --config scripts/gunicorn_conf.py --bind 127\.0\.0\.1:\d+ "
                     r"functions\.local_server:create_server\(\)$", unit["ExecStart"][0])  # fmt: skip
    assert "functions.local_server:create_server()" in (ROOT / "Makefile").read_text()
    root, path = alternate_root(tmp_path, UNIT.read_text())
    review = subprocess.run(
        ["systemd-analyze", "security", "--offline=yes", f"--root={root}", "--threshold=20", str(path)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert review.returncode == 0, review.stdout[-2000:]  # exposure 2.0 or less ("OK" in systemd's words)


@pytest.fixture(scope="module")
def caddy_config():
    adapted = subprocess.run(["caddy", "adapt", "--config", str(CADDYFILE), "--validate"],
                             capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    assert adapted.returncode == 0, adapted.stderr
    assert '"level":"warn"' not in adapted.stderr and '"level":"error"' not in adapted.stderr, adapted.stderr
    return json.loads(adapted.stdout)


def test_the_proxy_example_is_valid_with_tls_and_hsts(caddy_config):
    server = caddy_config["apps"]["http"]["servers"]["srv0"]
    assert server["listen"] == [":443"]  # HTTPS, certificates managed by Caddy; HTTP redirects to it
    text = json.dumps(server)
    assert '"Strict-Transport-Security": ["max-age=31536000; includeSubDomains"]' in text
    assert '"dial": "127.0.0.1:8000"' in text
    assert '"output": "discard"' in json.dumps(caddy_config["logging"])  # no second log of addresses

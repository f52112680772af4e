"""Start the real local server (gunicorn, as `make run` does) on a free port, for end-to-end tests."""

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


SAWT = "functions.local_server:create_server()"
CHROMIUM = "/usr/bin/chromium"  # Debian's, driven by Playwright (no browser download)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class LocalServer:
    """`app` and `ready_path` let a benchmark run another WSGI app under exactly the same server."""

    def __init__(
        self,
        data_dir: Path,
        site_dir: Path,
        env: dict | None = None,
        workers: int = 2,
        port: int | None = None,
        app: str = SAWT,
        ready_path: str = "/api/openapi.json",
    ):
        self.data_dir, self.site_dir = data_dir, site_dir
        self.app, self.ready_path = app, ready_path
        self.env = env or {}
        self.workers = workers
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None

    def start(self) -> "LocalServer":
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("SAWT_")},
            "SAWT_DATA_DIR": str(self.data_dir),
            "SAWT_SITE_DIR": str(self.site_dir),
            "SAWT_WORKERS": str(self.workers),
            "SAWT_LOG_LEVEL": "warning",
            **self.env,
        }
        self.process = subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "gunicorn"), "--config", str(ROOT / "scripts" / "gunicorn_conf.py"),
             "--bind", f"127.0.0.1:{self.port}", self.app],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(self.process.stderr.read().decode()[-3000:])
            try:
                if requests.get(self.url + self.ready_path, timeout=5).status_code == 200:
                    return self
            except (requests.ConnectionError, requests.Timeout):  # (a busy machine answers late)
                time.sleep(0.1)
        raise TimeoutError("server did not start")

    def kill(self) -> None:
        """SIGKILL the whole process group: no clean shutdown, as in a power cut or an OOM kill."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()

"""Start the real local server (gunicorn, as `make run` does) on a free port, for end-to-end tests."""

import contextlib
import os
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent


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
    """`app` and `ready_path` let a benchmark run another WSGI app under exactly the same server.

    Without a `port`, the socket is bound here to port 0 and handed to gunicorn (`--bind fd://…`):
    no window in which another suite on the machine could take a port picked for us. `listener`
    reuses the socket of a server that was killed, so its restart answers on the same address."""

    def __init__(
        self,
        data_dir: Path,
        site_dir: Path,
        env: dict | None = None,
        workers: int = 2,
        port: int | None = None,
        app: str = SAWT,
        ready_path: str = "/api/openapi.json",
        listener: socket.socket | None = None,
    ):
        self.data_dir, self.site_dir = data_dir, site_dir
        self.app, self.ready_path = app, ready_path
        self.env = env or {}
        self.workers = workers
        if listener is None and port is None:
            listener = socket.socket()
            listener.bind(("127.0.0.1", 0))
            listener.listen(128)
        self.listener = listener
        self.port = listener.getsockname()[1] if listener else port
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None
        self.log = None

    def start(self, ready_within: float = 180.0) -> "LocalServer":
        """Start gunicorn and wait until it answers `ready_path` with a 200. On a busy machine the
        first answer can take many seconds (imports, the first SQLite migration, two workers
        starting on two loaded cores): a slow or refused answer is waited out, not taken for a
        failure. A server that exits, or is not ready in time, is stopped (never left running)
        and the error carries the end of its log."""
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("SAWT_")},
            "SAWT_DATA_DIR": str(self.data_dir),
            "SAWT_SITE_DIR": str(self.site_dir),
            "SAWT_WORKERS": str(self.workers),
            "SAWT_LOG_LEVEL": "warning",
            **self.env,
        }
        # The log goes to a file, not a pipe nobody reads while the server runs: a full pipe
        # would block gunicorn the moment it logs more than 64 KB.
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 - open as long as the server runs (closed by stop)
        bind = f"fd://{self.listener.fileno()}" if self.listener else f"127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "gunicorn"), "--config", str(ROOT / "scripts" / "gunicorn_conf.py"),
             "--bind", bind, self.app],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=self.log, start_new_session=True,
            pass_fds=(self.listener.fileno(),) if self.listener else (),
        )  # fmt: skip
        try:
            self._wait_until_ready(time.monotonic() + ready_within)
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_until_ready(self, deadline: float) -> None:
        pause = 0.1
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited ({self.process.returncode}):\n{self.log_tail()}")
            try:
                remaining = max(1.0, deadline - time.monotonic())
                if requests.get(self.url + self.ready_path, timeout=min(30.0, remaining)).status_code == 200:
                    return
            except requests.RequestException:  # refused, reset, or slow: a read timeout too
                pass
            time.sleep(pause)
            pause = min(1.0, pause * 2)
        raise TimeoutError(f"the server was not ready in time:\n{self.log_tail()}")

    def log_tail(self, size: int = 3000) -> str:
        if self.log is None or self.log.closed:
            return ""
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")[-size:]

    def kill(self) -> None:
        """SIGKILL the whole process group: no clean shutdown, as in a power cut or an OOM kill.
        The listening socket stays (ours), for a restart on the same address."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()
        if self.log is not None:
            self.log.close()
        if self.listener is not None:
            self.listener.close()

"""Everything on one origin, for `make run` and single-server deployments (the embedded default).

/api/ goes to the public function, /admin/ to the staff function, everything else to the built
static site — the same routing the CDN does on AWS.
"""

import logging
from pathlib import Path

from werkzeug.wrappers import Request

from .admin.app import create_app as create_admin_app
from .platform.config import Config
from .platform.config_check import refuse_if_broken
from .platform.security_headers import security_headers
from .platform.static_files import StaticSite
from .public.app import create_app as create_public_app

log = logging.getLogger("sawt")


class LocalServer:
    def __init__(self, config: Config):
        self.config = config
        self.headers = security_headers(config["SAWT_UPLOAD_ORIGIN"], config["SAWT_SITE_ORIGIN"])
        self.public = create_public_app(config)
        self.admin = create_admin_app(config)
        self.site = StaticSite(Path(config["SAWT_SITE_DIR"]), self.headers)
        self.mounts = [("/api/", self.public), ("/admin/", self.admin)]

    def start_background(self, interval: float = 15.0, housekeeping_every: int = 40) -> None:
        """Send queued emails now and then, and clean up what has expired every `housekeeping_every`
        rounds (the local stand-in for AWS's schedule, TTL and lifecycle rules): started by gunicorn
        in each worker; claims keep two workers from sending twice, and clean-up is idempotent."""
        import threading
        import time

        from .cases.forwarding import ForwardingService
        from .cases.notifications import dispatch, mailer_from_config
        from .cases.retention import Retention
        from .platform.housekeeping import housekeep
        from .storage import open_store

        def loop():
            store, mailer = open_store(self.config), mailer_from_config(self.config)
            rounds = 0
            while not self.stopping.wait(interval):
                rounds += 1
                try:
                    ForwardingService(store, self.config).send_due_reminders()  # queued, then sent below
                    dispatch(store, mailer, self.config)
                    if self.config.storage == "local" and (rounds - 1) % housekeeping_every == 0:
                        attachments = self.public.extensions["sawt.service"]().attachments
                        retention = Retention(store, attachments.files, attachments.secret, self.config)
                        housekeep(store, attachments, int(time.time()), retention=retention)
                except Exception as error:
                    log.warning("background work failed: %s", type(error).__name__)

        self.stopping = threading.Event()
        threading.Thread(target=loop, name="sawt-background", daemon=True).start()

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "/")
        for prefix, app in self.mounts:
            if path.startswith(prefix) or path == prefix.rstrip("/"):
                return app(environ, self._with_headers(start_response))
        return self.site.response(Request(environ))(environ, start_response)

    def _with_headers(self, start_response):
        def start(status, headers, exc_info=None):
            present = {name.lower() for name, _ in headers}
            headers = list(headers) + [(k, v) for k, v in self.headers.items() if k.lower() not in present]
            return start_response(status, headers, exc_info)

        return start


def create_server(**overrides) -> LocalServer:
    config = Config.from_env(**overrides)
    # Before serving anything: a broken configuration stops the server with a sentence naming the
    # setting, rather than a server that starts and answers every filing with a 500.
    refuse_if_broken(config, "Sawt's local server will not start")
    server = LocalServer(config)
    server.start_background()
    return server

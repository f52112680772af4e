"""The WSGI app Zappa's handler calls on AWS Lambda (zappa_settings.json: app_function).

Made on the first request rather than at import, so configuration comes from the environment the
function actually runs with, and a cold start imports as little as possible. That first request
checks the whole configuration: a broken one is logged once, in a sentence naming the setting, and
every request is answered 503 in the shared error shape (never a stack trace, never a 500).
"""

import json
import logging
import threading

log = logging.getLogger("sawt")


class LazyApp:
    def __init__(self, factory_path: str):
        self._factory_path = factory_path
        self._app = None
        self._lock = threading.Lock()

    def _load(self):
        with self._lock:
            if self._app is None:
                from ..platform.config import Config
                from ..platform.config_check import configuration_problems

                config = Config.from_env()
                problems = configuration_problems(config)
                if problems:
                    log.error("sawt will not serve, the configuration is broken: %s", "; ".join(problems))
                    self._app = unavailable
                else:
                    module_name, _, name = self._factory_path.partition(":")
                    module = __import__(module_name, fromlist=[name])
                    self._app = getattr(module, name)(config)
        return self._app

    def __call__(self, environ, start_response):
        return (self._app or self._load())(environ, start_response)


def unavailable(environ, start_response):
    """503 in the shared error shape, in the reader's language; nothing else runs."""
    from werkzeug.wrappers import Request

    from schemas.vocabulary import DEFAULT_LANGUAGE

    from ..platform.http_errors import error_items
    from ..platform.i18n import negotiate

    lang = negotiate(Request(environ).accept_languages, DEFAULT_LANGUAGE)
    body = json.dumps({"ok": False, "status": 503, "errors": error_items([(None, "unavailable")], lang)})
    start_response("503 Service Unavailable", [("Content-Type", "application/json"), ("Cache-Control", "no-store"),
                                               ("Retry-After", "60")])  # fmt: skip
    return [body.encode()]


app = LazyApp("functions.public.app:create_app")

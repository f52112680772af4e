"""The WSGI app Zappa's handler calls on AWS Lambda (zappa_settings.json: app_function).

Made on the first request rather than at import, so configuration comes from the environment the
function actually runs with, and a cold start imports as little as possible.
"""

import threading


class LazyApp:
    def __init__(self, factory_path: str):
        self._factory_path = factory_path
        self._app = None
        self._lock = threading.Lock()

    def _load(self):
        with self._lock:
            if self._app is None:
                module_name, _, name = self._factory_path.partition(":")
                module = __import__(module_name, fromlist=[name])
                self._app = getattr(module, name)()
        return self._app

    def __call__(self, environ, start_response):
        return (self._app or self._load())(environ, start_response)


app = LazyApp("functions.public.app:create_app")

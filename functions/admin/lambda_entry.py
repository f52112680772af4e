"""The WSGI app Zappa's handler calls for the `admin` stage (zappa_settings.json: app_function)."""

from ..public.lambda_entry import LazyApp

app = LazyApp("functions.admin.app:create_app")

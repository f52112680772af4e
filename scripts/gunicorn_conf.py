"""gunicorn settings for `make run` and single-server deployments."""

import os

# Two processes for two cores, threads for slow clients; SQLite in WAL mode serialises writers.
workers = int(os.environ.get("SAWT_WORKERS", "2"))
threads = int(os.environ.get("SAWT_THREADS", "8"))
worker_class = "gthread"
timeout = 30
graceful_timeout = 10
# Access log without client addresses or query strings: neither is needed, both can be personal.
accesslog = "-"
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
loglevel = os.environ.get("SAWT_LOG_LEVEL", "info")


def on_starting(server):
    """Check the configuration once, before any worker starts: a broken one stops gunicorn here with
    the message (each worker would otherwise fail to boot, and gunicorn give up, with tracebacks)."""
    if "functions.local_server" not in (getattr(server.app, "app_uri", None) or ""):
        return  # another app under the same settings (a benchmark's bare Flask)
    from functions.platform.config import Config
    from functions.platform.config_check import configuration_problems

    problems = configuration_problems(Config.from_env())
    if problems:
        for problem in problems:
            server.log.error("Sawt will not start: %s", problem)
        raise SystemExit(2)

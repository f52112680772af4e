"""gunicorn settings for `make run` and single-server deployments."""

import os

from gunicorn.glogging import Logger

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


class QuietHealthLogger(Logger):
    """A monitor polling /api/health every few seconds would write most of the access log: a healthy
    answer is not logged (a 503 is, and so is the `health: storage unavailable` line)."""

    def access(self, resp, req, environ, request_time):
        if environ.get("PATH_INFO") == "/api/health" and str(getattr(resp, "status", "")).startswith("200"):
            return
        super().access(resp, req, environ, request_time)


logger_class = QuietHealthLogger


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

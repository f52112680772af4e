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

"""Two WSGI apps for the readiness tests of scripts/serving.py, run under the real gunicorn settings:
one slow to give any answer (a loaded machine), one that never becomes ready."""

import time


def slow(environ, start_response):
    time.sleep(3)  # longer than a one-second read timeout: the wait must outlast it
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ready"]


def never_ready(environ, start_response):
    start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
    return [b"not yet"]

"""Valid grievance bodies to start from; tests change one thing at a time."""

import copy
import uuid

from schemas.examples import GRIEVANCE


def grievance(**changes) -> dict:
    body = copy.deepcopy(GRIEVANCE)
    for dotted, value in changes.items():
        node = body
        parts = dotted.split("__")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        if value is ...:
            node.pop(parts[-1], None)
        else:
            node[parts[-1]] = value
    return body


def key() -> str:
    return str(uuid.uuid4())


def pinned_clock():
    """A clock stopped well inside the current limit windows (15 minutes and an hour), so a test
    that counts tries never straddles a window's end, however slow the machine."""
    import datetime as dt
    import time

    now = int(time.time())
    moment = dt.datetime.fromtimestamp(now - now % 3600 + 2250, dt.UTC)  # hh:37:30
    return lambda: moment

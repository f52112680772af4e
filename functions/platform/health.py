"""`GET /api/health`: does the store answer? For load balancers and monitors, so it says only that.

No counts (an attacker could watch filings arrive), no versions, no error text (it may name a path
or a host); the cause goes to the log as its type only. Cheap: one tiny read with a short timeout.
"""

import logging

log = logging.getLogger("sawt")

HEALTHY = {"ok": True, "storage": "ok"}
UNAVAILABLE = {"ok": False, "storage": "unavailable"}


def storage_health(services) -> tuple[dict, int]:
    """(answer, HTTP status). `services` opens the store on first use, which may itself fail (a data
    directory that cannot be opened, a broken database): that is an unhealthy store too."""
    try:
        services().store.ping()
    except Exception as error:  # whatever stops the store answering, the monitor hears the same
        log.warning("health: storage unavailable (%s)", type(error).__name__)
        return UNAVAILABLE, 503
    return HEALTHY, 200

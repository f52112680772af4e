"""The figures an institution built on transparency publishes, from counters kept on write.

Small counts are masked (fewer than THRESHOLD shows as "<5"): with few grievances from one country
about one administration, a figure could point at a person. Staff see the exact counts in the admin.
"""

from schemas.vocabulary import STATUSES

THRESHOLD = 5
MASKED = f"<{THRESHOLD}"
DIMENSIONS = ("status", "type", "category", "country", "region", "partner")


def mask(count: int):
    return count if count >= THRESHOLD else MASKED


def median_days(histogram: dict[str, int]) -> float | None:
    """The median of "days to first answer", from its histogram (day -> how many files)."""
    days = sorted((int(day), count) for day, count in histogram.items() if count > 0)
    total = sum(count for _, count in days)
    if total < THRESHOLD:
        return None

    def nth(position: int) -> int:  # the value at a 0-based position in the sorted list
        seen = 0
        for day, count in days:
            seen += count
            if position < seen:
                return day
        raise IndexError(position)

    if total % 2:
        return float(nth(total // 2))
    return (nth(total // 2 - 1) + nth(total // 2)) / 2


def figures(counters: dict[str, dict[str, int]], masked: bool = True) -> dict:
    keep = mask if masked else (lambda count: count)
    total = counters.get("total", {}).get("all", 0)
    statuses = counters.get("status", {})
    oriented = statuses.get("oriented", 0)
    return {
        "threshold": THRESHOLD if masked else None,
        "total": keep(total),
        "months": [
            {"month": month, "count": keep(count)} for month, count in sorted(counters.get("month", {}).items())
        ],
        **{
            dimension: {key: keep(count) for key, count in sorted(counters.get(dimension, {}).items()) if count > 0}
            for dimension in DIMENSIONS
        },
        "share_oriented": round(oriented / total, 3) if total >= THRESHOLD else None,
        "median_days_to_first_answer": median_days(counters.get("first_answer_days", {})),
        "statuses_known": list(STATUSES),
    }
